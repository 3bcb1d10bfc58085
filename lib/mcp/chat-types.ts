/** The chat-completion shapes the agent loop speaks, from lib/chat (OpenAI / `@huggingface/tasks` names). */
import type { ChatCompletionInputMessage, ChatCompletionInputTool, ChatCompletionStreamOutput } from "../chat/types";
import type { Options } from "../options";

export type { ChatCompletionInputMessage, ChatCompletionInputTool, ChatCompletionStreamOutput };

/** The tool answer the loop appends for each tool call, as `@huggingface/mcp-client` names it. */
export interface ChatCompletionInputMessageTool extends ChatCompletionInputMessage {
  role: "tool";
  tool_call_id: string;
  content: string;
  name?: string;
}

export interface ChatStreamArgs {
  model?: string;
  provider?: string;
  messages: ChatCompletionInputMessage[];
  tools?: ChatCompletionInputTool[];
  tool_choice?: "auto" | "none" | "required";
  [key: string]: unknown;
}

/** `InferenceClient.chatCompletionStream`'s shape: any function like it drives the agent. */
export type ChatStreamFn = (args: ChatStreamArgs, options?: Options) => AsyncIterable<ChatCompletionStreamOutput>;
