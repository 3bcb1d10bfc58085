export { ChatStreamAccumulator } from "./accumulate";
export { ChatCompletions, ChatCompletionStream, type ChatCalls, type ChatCreateBody } from "./openai";
export { AUTO_ROUTER, chatEndpointUrl, hfInferenceChatRoute } from "./route";
export { chatCompletionStream } from "./stream";
export type * from "./types";
