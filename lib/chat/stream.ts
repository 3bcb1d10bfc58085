import { streamTask } from "../engine";
import { InferenceClientProviderOutputError } from "../errors";
import { StreamTruncatedError } from "../http/sse";
import { isLocalChat, localChatStream } from "../local/chat";
import type { ResolvedOptions } from "../options";
import type { ChatCompletionArgs } from "../tasks/defs/conversational";
import type { ChatCompletionStreamOutput } from "./types";

/**
 * Chat completion as server-sent events, one parsed chunk at a time. The stream ends cleanly on `[DONE]`, or at
 * the end of the body once a choice has a `finish_reason` (older TGI sends no `[DONE]`); a body that ends with
 * neither was cut off and throws. Error events mid-stream, dropped connections and stalls (no bytes for
 * `streamIdleTimeout`) throw too, after the chunks already yielded.
 */
export async function* chatCompletionStream(
  args: ChatCompletionArgs,
  opts: ResolvedOptions,
  accessToken: string | undefined,
): AsyncGenerator<ChatCompletionStreamOutput> {
  if (isLocalChat(args, opts)) return yield* localChatStream(args, opts);
  let finished = false;
  const chunks = streamTask<unknown>("conversational", args as unknown as Record<string, unknown>, opts, accessToken, {
    requireDone: true,
  });
  try {
    for await (const raw of chunks) {
      const chunk = asChunk(raw);
      if (chunk.choices.some((c) => c?.finish_reason)) finished = true;
      yield chunk;
    }
  } catch (err) {
    if (!endedWithoutDone(err)) throw err;
    if (finished) return;
    throw new InferenceClientProviderOutputError(
      "The chat stream was cut off: it ended without [DONE] and before the model gave a finish_reason",
    );
  }
}

function asChunk(raw: unknown): ChatCompletionStreamOutput {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) {
    throw new InferenceClientProviderOutputError(`Received a malformed chat stream chunk: ${JSON.stringify(raw)?.slice(0, 200)}`);
  }
  const chunk = raw as ChatCompletionStreamOutput;
  // Usage-only chunks may come without choices.
  if (!Array.isArray(chunk.choices)) chunk.choices = [];
  return chunk;
}

/** lib/http/sse.ts says so when the body ends before `[DONE]` (with `requireDone`). */
function endedWithoutDone(err: unknown): boolean {
  return err instanceof StreamTruncatedError;
}
