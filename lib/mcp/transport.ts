import { getDefaultEnvironment, StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { SSEClientTransport } from "@modelcontextprotocol/sdk/client/sse.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { McpHttpServerConfig, McpStdioServerConfig } from "./types";

/**
 * The child's environment: the handful of variables the SDK deems safe (PATH, HOME, USER, SHELL, TERM, LOGNAME on
 * POSIX) plus what the user set. Never the parent's whole environment: Node-RED's holds credentials.
 */
export function childEnvironment(userEnv: Record<string, string> | undefined): Record<string, string> {
  return { ...getDefaultEnvironment(), ...(userEnv ?? {}) };
}

/** A stdio transport: the command runs without a shell, its stderr kept for error messages. */
export function stdioTransport(config: McpStdioServerConfig): StdioClientTransport {
  return new StdioClientTransport({
    command: config.command,
    args: config.args ?? [],
    env: childEnvironment(config.env),
    ...(config.cwd ? { cwd: config.cwd } : {}),
    stderr: "pipe",
  });
}

export function streamableHttpTransport(config: McpHttpServerConfig): StreamableHTTPClientTransport {
  return new StreamableHTTPClientTransport(new URL(String(config.url)), { requestInit: { headers: { ...(config.headers ?? {}) } } });
}

export function sseTransport(config: McpHttpServerConfig): SSEClientTransport {
  // requestInit headers go on the POSTs and, through the SDK's common headers, on the event stream's GET too.
  return new SSEClientTransport(new URL(String(config.url)), { requestInit: { headers: { ...(config.headers ?? {}) } } });
}
