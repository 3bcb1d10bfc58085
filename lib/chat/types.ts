/** The OpenAI chat-completion shapes, as `@huggingface/tasks` names them. */

export interface ChatCompletionInputMessageChunk {
  type: "text" | "image_url" | (string & {});
  text?: string;
  image_url?: { url: string; detail?: string };
  [key: string]: unknown;
}

export interface ChatCompletionInputToolCall {
  id: string;
  type: "function";
  function: { name: string; arguments: string; description?: string };
}

export interface ChatCompletionInputMessage {
  role: "system" | "user" | "assistant" | "tool" | (string & {});
  content?: string | ChatCompletionInputMessageChunk[] | null;
  name?: string;
  tool_calls?: ChatCompletionInputToolCall[];
  tool_call_id?: string;
  [key: string]: unknown;
}

export interface ChatCompletionInputTool {
  type: "function";
  function: { name: string; description?: string; parameters?: unknown; strict?: boolean };
}

export type ChatCompletionInputToolChoice =
  | "auto"
  | "none"
  | "required"
  | { type: "function"; function: { name: string } };

export type ChatCompletionInputResponseFormat =
  | { type: "text" }
  | { type: "json_object" }
  | { type: "json_schema"; json_schema: { name: string; schema?: unknown; strict?: boolean; description?: string } }
  | { type: string; [key: string]: unknown };

export interface ChatCompletionInput {
  model?: string;
  messages: ChatCompletionInputMessage[];
  frequency_penalty?: number;
  logit_bias?: Record<string, number>;
  logprobs?: boolean;
  max_tokens?: number;
  max_completion_tokens?: number;
  n?: number;
  presence_penalty?: number;
  response_format?: ChatCompletionInputResponseFormat;
  seed?: number;
  stop?: string | string[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean } | null;
  temperature?: number;
  tool_choice?: ChatCompletionInputToolChoice;
  tools?: ChatCompletionInputTool[];
  top_logprobs?: number;
  top_p?: number;
  [key: string]: unknown;
}

export interface ChatCompletionUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  [key: string]: unknown;
}

export interface ChatCompletionOutputToolCall {
  id: string;
  type: "function" | (string & {});
  function: { name: string; arguments: string; description?: string };
  index?: number;
}

export interface ChatCompletionOutputMessage {
  role: string;
  content?: string | null;
  tool_calls?: ChatCompletionOutputToolCall[];
  /** Reasoning models on several providers (DeepSeek R1, gpt-oss) put their thinking here. */
  reasoning_content?: string;
  reasoning?: string;
  [key: string]: unknown;
}

export interface ChatCompletionOutputChoice {
  index: number;
  message: ChatCompletionOutputMessage;
  finish_reason: string | null;
  logprobs?: unknown;
  [key: string]: unknown;
}

export interface ChatCompletionOutput {
  id: string;
  object?: string;
  created: number;
  model: string;
  system_fingerprint?: string | null;
  choices: ChatCompletionOutputChoice[];
  usage?: ChatCompletionUsage | null;
  [key: string]: unknown;
}

export interface ChatCompletionStreamOutputToolCallDelta {
  index: number;
  id?: string;
  type?: string;
  function?: { name?: string; arguments?: string };
}

export interface ChatCompletionStreamOutputDelta {
  role?: string;
  content?: string | null;
  tool_calls?: ChatCompletionStreamOutputToolCallDelta[] | null;
  reasoning_content?: string | null;
  reasoning?: string | null;
  [key: string]: unknown;
}

export interface ChatCompletionStreamOutputChoice {
  index: number;
  delta: ChatCompletionStreamOutputDelta;
  finish_reason?: string | null;
  logprobs?: unknown;
  [key: string]: unknown;
}

export interface ChatCompletionStreamOutput {
  id: string;
  object?: string;
  created: number;
  model: string;
  system_fingerprint?: string | null;
  choices: ChatCompletionStreamOutputChoice[];
  usage?: ChatCompletionUsage | null;
  [key: string]: unknown;
}
