import type { BaseArgs, TaskDefinition } from "../types";
import { jsonOf, malformed, requireText } from "../checks";

export interface TextGenerationParameters {
  max_new_tokens?: number;
  temperature?: number;
  top_p?: number;
  top_k?: number;
  repetition_penalty?: number;
  stop?: string[];
  seed?: number;
  do_sample?: boolean;
  return_full_text?: boolean;
  [key: string]: unknown;
}

export interface TextGenerationArgs extends BaseArgs {
  inputs: string;
  parameters?: TextGenerationParameters;
  [key: string]: unknown;
}

export interface TextGenerationOutput {
  generated_text: string;
  details?: unknown;
}

/**
 * Text completion. hf-inference serves it as OpenAI's `/v1/completions` (`{choices: [{text}]}`); TGI servers and
 * older deployments answer `[{generated_text}]`. Both end up as `{generated_text}`.
 */
export const textGeneration: TaskDefinition = {
  id: "text-generation",
  method: "textGeneration",
  validate: (args) => requireText(args.inputs),
  output(answer): TextGenerationOutput {
    const json = jsonOf(answer, "text-generation") as Record<string, unknown> | Array<Record<string, unknown>>;
    const choice = !Array.isArray(json) && Array.isArray(json?.choices) ? (json.choices[0] as Record<string, unknown>) : undefined;
    if (typeof choice?.text === "string") return { generated_text: choice.text };
    const item = Array.isArray(json) ? json[0] : json;
    if (typeof item?.generated_text === "string") return item as unknown as TextGenerationOutput;
    throw malformed("text-generation", "{choices: [{text: string}]} or [{generated_text: string}]");
  },
};
