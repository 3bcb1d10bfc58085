import { streamTask } from "../../engine";
import { InferenceClientProviderOutputError } from "../../errors";
import type { ResolvedOptions } from "../../options";
import type { TextGenerationArgs } from "./text-generation";

/** One token of a stream, as TGI sends it. */
export interface TextGenerationStreamToken {
  id: number;
  text: string;
  logprob: number;
  special: boolean;
}

export type TextGenerationStreamFinishReason = "length" | "eos_token" | "stop_sequence" | (string & {});

export interface TextGenerationStreamDetails {
  finish_reason: TextGenerationStreamFinishReason;
  generated_tokens: number;
  seed?: number;
  prefill: Array<{ id: number; text: string; logprob?: number }>;
  tokens: TextGenerationStreamToken[];
}

/** One stream event: a token; the last one also carries the whole text and the details. */
export interface TextGenerationStreamOutput {
  index?: number;
  token: TextGenerationStreamToken;
  generated_text: string | null;
  details: TextGenerationStreamDetails | null;
}

interface CompletionChunk {
  choices?: Array<{ text?: string; finish_reason?: string | null; logprobs?: { token_logprobs?: number[] } | null }>;
}

const FINISH_REASONS: Record<string, TextGenerationStreamFinishReason> = { stop: "eos_token", length: "length" };

/**
 * `textGenerationStream`: TGI-style events whichever way the server streams. hf-inference streams OpenAI
 * completion chunks (`{choices: [{text, finish_reason}]}`), which are turned into TGI events; TGI events pass as
 * they are. A stream that ends before a finish is reported as cut off.
 */
export async function* textGenerationStream(
  args: TextGenerationArgs,
  opts: ResolvedOptions,
  accessToken: string | undefined,
): AsyncGenerator<TextGenerationStreamOutput> {
  let text = "";
  let count = 0;
  let finished = false;
  const events = streamTask<unknown>("text-generation", args as Record<string, unknown>, opts, accessToken);
  for await (const raw of events) {
    const event = raw as Partial<TextGenerationStreamOutput> & CompletionChunk;
    if (event && typeof event.token === "object" && event.token) {
      if (event.details || typeof event.generated_text === "string") finished = true;
      yield event as TextGenerationStreamOutput;
      continue;
    }
    if (!event || !Array.isArray(event.choices)) {
      throw new InferenceClientProviderOutputError(`Received a malformed text-generation stream event: ${JSON.stringify(raw)?.slice(0, 200)}`);
    }
    const choice = event.choices[0];
    if (!choice) continue; // usage-only chunk
    const delta = typeof choice.text === "string" ? choice.text : "";
    text += delta;
    const done = !!choice.finish_reason;
    const token = { id: count++, text: delta, logprob: choice.logprobs?.token_logprobs?.[0] ?? 0, special: false };
    finished ||= done;
    yield {
      index: count,
      token,
      generated_text: done ? text : null,
      details: done
        ? { finish_reason: FINISH_REASONS[choice.finish_reason as string] ?? (choice.finish_reason as string), generated_tokens: count, prefill: [], tokens: [] }
        : null,
    };
  }
  if (!finished) throw new InferenceClientProviderOutputError("The text-generation stream ended before the model finished");
}
