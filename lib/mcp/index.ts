export { McpClient, type McpClientOptions, type McpToolRoute } from "./client";
export { McpServerConnection, type McpCallOptions } from "./connection";
export {
  Agent,
  DEFAULT_MAX_TOOL_CALLS,
  DEFAULT_MAX_TURNS,
  DEFAULT_SYSTEM_PROMPT,
  EXIT_LOOP_TOOLS,
  type AgentEvent,
  type ApprovalDecision,
  type ApprovalRequest,
  type LocalTool,
  type AgentOptions,
  type AgentRunOptions,
  type AgentRunSummary,
  type AgentStopReason,
} from "./agent";
export { normalizeServerConfig } from "./config";
export { capText, DEFAULT_MAX_RESULT_CHARS, formatToolResult } from "./format";
export { childEnvironment } from "./transport";
export type { ChatCompletionInputMessageTool, ChatStreamArgs, ChatStreamFn } from "./chat-types";
export type { McpConnectionState, McpHttpServerConfig, McpServerConfig, McpServerConfigInput, McpStdioServerConfig } from "./types";
export { authProblem, serveMcpRequest, type ToolServerOptions, type ToolSource } from "./serve";
