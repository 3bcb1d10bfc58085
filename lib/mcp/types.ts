/** One MCP server, as Tiny Agents' `agent.json` writes it (`type` + flat fields). */
export type McpServerConfig = McpStdioServerConfig | McpHttpServerConfig;

interface McpServerCommon {
  /** A label for logs, errors and renamed tools; default `server1`, `server2`, ... in the order added. */
  name?: string;
  /** Only these tools of the server are offered (default: all of them). */
  allowedTools?: string[];
  /** Default per-call timeout in ms for this server's tools (default 60 s, the SDK's). */
  timeout?: number;
}

export interface McpStdioServerConfig extends McpServerCommon {
  type: "stdio";
  command: string;
  args?: string[];
  /**
   * Variables for the child process, on top of a minimal environment (PATH, HOME and the few the SDK's
   * `getDefaultEnvironment()` picks). The parent's full environment is never passed on.
   */
  env?: Record<string, string>;
  cwd?: string;
}

export interface McpHttpServerConfig extends McpServerCommon {
  /** `http`: Streamable HTTP, falling back to SSE when the server does not speak it; `sse`: SSE only. */
  type: "http" | "sse";
  url: string | URL;
  /** Sent with every request (typically `Authorization`). */
  headers?: Record<string, string>;
}

/** The shapes other MCP clients use, accepted as input and turned into `McpServerConfig`. */
export type McpServerConfigInput =
  | McpServerConfig
  | { type: "stdio" | "http" | "sse"; config: Record<string, unknown>; name?: string; allowedTools?: string[] }
  /** `@modelcontextprotocol/sdk`'s `StdioServerParameters` (no `type`). */
  | { command: string; args?: string[]; env?: Record<string, string>; cwd?: string; name?: string };

export type McpConnectionState = "idle" | "connecting" | "connected" | "error" | "closed";

