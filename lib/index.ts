export { InferenceClient, type OpenAiStyleOptions } from "./client";
export { unloadLocalChatModels } from "./local/chat";
export { ChatCompletions, ChatCompletionStream, ChatStreamAccumulator } from "./chat";
export type * from "./chat/types";
export type { TaskMethods } from "./client-methods";
export type { CallInfo, ClientOptions, FailedAttempt, Options, Logger } from "./options";
export { HF_HUB_URL, HF_ROUTER_URL } from "./options";
export {
  InferenceClientError,
  InferenceClientInputError,
  InferenceClientRoutingError,
  InferenceClientProviderApiError,
  InferenceClientHubApiError,
  InferenceClientProviderOutputError,
  InferenceTimeoutError,
} from "./errors";
export { Binary, binaryInputKind, blobToBuffer, describeValue, typedBinary, sniffContentType, toBinary, type BinaryInput, type BinaryInputKind } from "./binary";
export {
  clearMappingCache,
  fetchInferenceProviderMapping,
  setMappingCacheTtl,
  type InferenceProviderMappingEntry,
} from "./hub/mapping";
export { searchModels, type ModelSearchQuery, type ModelSummary, type ModelProvider, type HubAccess } from "./hub/models";
export {
  PROVIDERS,
  INFERENCE_PROVIDERS,
  providersForTask,
  type InferenceProvider,
  type InferenceProviderOrPolicy,
  type ProviderDefinition,
  type TaskRoute,
} from "./providers";
export { OPENAI_ENDPOINT_TASKS, isOpenAiBaseUrl } from "./providers/openai-compatible";
export { TASKS, taskByMethod } from "./tasks";
export { TASK_IDS, type TaskId } from "./tasks/ids";
export * from "./tasks";
export { PACKAGE_NAME, PACKAGE_VERSION } from "./version";
export * from "./mcp";
export { LOCAL_PROVIDER, LOCAL_DTYPES, LOCAL_TASK_IDS, listLocalModels, localModelsDir, stopLocalWorker, MODEL_FINDERS, type ModelFinder } from "./local";
