import { describeValue } from "../../binary";
import type { ChatCompletionInput, ChatCompletionOutput } from "../../chat/types";
import { InferenceClientInputError } from "../../errors";
import { jsonOf, malformed } from "../checks";
import type { BaseArgs, TaskDefinition } from "../types";

export type ChatCompletionArgs = BaseArgs & ChatCompletionInput;

/** Chat completion (OpenAI's chat spec); the streaming variant lives in lib/chat/stream.ts. */
export const conversational: TaskDefinition = {
  id: "conversational",
  method: "chatCompletion",
  validate(args) {
    checkMessages(args.messages);
    if (args.tools !== undefined && args.tools !== null && !Array.isArray(args.tools)) {
      throw new InferenceClientInputError(`Expected "tools" to be an array, got ${describeValue(args.tools)}`);
    }
  },
  output(answer): ChatCompletionOutput {
    const json = jsonOf(answer, "conversational") as Partial<ChatCompletionOutput> | undefined;
    const ok =
      !!json &&
      typeof json === "object" &&
      Array.isArray(json.choices) &&
      json.choices.every((c) => !!c && typeof c === "object" && !!c.message && typeof c.message === "object");
    if (!ok) throw malformed("conversational", "ChatCompletionOutput ({choices: [{message}]})");
    return json as ChatCompletionOutput;
  },
};

export function checkMessages(messages: unknown): void {
  if (!Array.isArray(messages)) {
    throw new InferenceClientInputError(`Expected "messages" to be an array of chat messages, got ${describeValue(messages)}`);
  }
  if (!messages.length) throw new InferenceClientInputError(`"messages" is an empty array`);
  for (let i = 0; i < messages.length; i++) {
    const m: unknown = messages[i];
    if (!m || typeof m !== "object" || Array.isArray(m)) {
      throw new InferenceClientInputError(`Expected messages[${i}] to be an object {role, content}, got ${describeValue(m)}`);
    }
    const { role, content } = m as { role?: unknown; content?: unknown };
    if (typeof role !== "string" || !role) throw new InferenceClientInputError(`messages[${i}] has no "role"`);
    if (content !== undefined && content !== null && typeof content !== "string" && !Array.isArray(content)) {
      throw new InferenceClientInputError(
        `Expected messages[${i}].content to be a string or an array of content parts, got ${describeValue(content)}`,
      );
    }
  }
}
