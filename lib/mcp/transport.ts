import type { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import type { SSEClientTransport } from "@modelcontextprotocol/sdk/client/sse.js";
import type { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { McpHttpServerConfig, McpStdioServerConfig } from "./types";

/*
 * The SDK is loaded on first use, not with the library: most processes (and most flows) never talk MCP, and
 * loading it costs ~400 ms and tens of MiB.
 */
const stdio = () => require("@modelcontextprotocol/sdk/client/stdio.js") as typeof import("@modelcontextprotocol/sdk/client/stdio.js");
const sse = () => require("@modelcontextprotocol/sdk/client/sse.js") as typeof import("@modelcontextprotocol/sdk/client/sse.js");
const streamableHttp = () =>
  require("@modelcontextprotocol/sdk/client/streamableHttp.js") as typeof import("@modelcontextprotocol/sdk/client/streamableHttp.js");

/**
 * The child's environment: the handful of variables the SDK deems safe (PATH, HOME, USER, SHELL, TERM, LOGNAME on
 * POSIX) plus what the user set. Never the parent's whole environment: Node-RED's holds credentials.
 */
export function childEnvironment(userEnv: Record<string, string> | undefined): Record<string, string> {
  return { ...stdio().getDefaultEnvironment(), ...(userEnv ?? {}) };
}

/** A stdio transport: the command runs without a shell, its stderr kept for error messages. */
export function stdioTransport(config: McpStdioServerConfig): StdioClientTransport {
  return new (stdio().StdioClientTransport)({
    command: config.command,
    args: config.args ?? [],
    env: childEnvironment(config.env),
    ...(config.cwd ? { cwd: config.cwd } : {}),
    stderr: "pipe",
  });
}

export function streamableHttpTransport(config: McpHttpServerConfig): StreamableHTTPClientTransport {
  return new (streamableHttp().StreamableHTTPClientTransport)(new URL(String(config.url)), { requestInit: { headers: { ...(config.headers ?? {}) } } });
}

export function sseTransport(config: McpHttpServerConfig): SSEClientTransport {
  // requestInit headers go on the POSTs and, through the SDK's common headers, on the event stream's GET too.
  return new (sse().SSEClientTransport)(new URL(String(config.url)), { requestInit: { headers: { ...(config.headers ?? {}) } } });
}
