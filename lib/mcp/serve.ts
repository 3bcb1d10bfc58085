import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { CallToolResult, Tool } from "@modelcontextprotocol/sdk/types.js";
import { PACKAGE_NAME, PACKAGE_VERSION } from "../version";

/** What an MCP tool server serves: read at every request, so the list is always the current one. */
export interface ToolSource {
  listTools(): Tool[];
  callTool(name: string, args: Record<string, unknown>, options: { signal?: AbortSignal }): Promise<CallToolResult>;
}

export interface ToolServerOptions {
  /** The server name given to clients in `initialize`. */
  name?: string;
  /** The bearer token every request must carry; blank refuses every request unless `allowAnonymous`. */
  token?: string;
  allowAnonymous?: boolean;
}

// Loaded on first request: requiring the library must not load the SDK's server side.
const sdkServer = () => require("@modelcontextprotocol/sdk/server/index.js") as typeof import("@modelcontextprotocol/sdk/server/index.js");
const sdkHttp = () =>
  require("@modelcontextprotocol/sdk/server/streamableHttp.js") as typeof import("@modelcontextprotocol/sdk/server/streamableHttp.js");
const sdkTypes = () => require("@modelcontextprotocol/sdk/types.js") as typeof import("@modelcontextprotocol/sdk/types.js");

/** Why a request is refused before MCP sees it, or undefined when it may go on. */
export function authProblem(header: unknown, options: ToolServerOptions): "no_token" | "unauthorized" | undefined {
  if (options.allowAnonymous) return undefined;
  if (!options.token) return "no_token";
  const match = typeof header === "string" ? /^Bearer\s+(.+)$/i.exec(header.trim()) : null;
  if (!match) return "unauthorized";
  // Digests have one length whatever was sent, so the comparison takes the same time for every wrong token.
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(match[1]), digest(options.token)) ? undefined : "unauthorized";
}

/**
 * Answers one HTTP request as a stateless MCP server over Streamable HTTP (the SDK's `Server` and
 * `StreamableHTTPServerTransport`, one pair per request). `body` is the parsed JSON when a middleware already read
 * the request; otherwise the transport reads it.
 */
export async function serveMcpRequest(req: IncomingMessage, res: ServerResponse, source: ToolSource, options: ToolServerOptions, body?: unknown): Promise<void> {
  const problem = authProblem(req.headers.authorization, options);
  if (problem) {
    const message = problem === "no_token" ? "This MCP endpoint has no token set: every request is refused" : "Missing or wrong bearer token";
    res.writeHead(401, { "Content-Type": "application/json", "WWW-Authenticate": 'Bearer realm="mcp"' });
    res.end(JSON.stringify({ jsonrpc: "2.0", error: { code: -32001, message }, id: null }));
    return;
  }
  if (req.method !== "POST") {
    // Stateless: no standalone event stream to open (GET) and no session to end (DELETE).
    res.writeHead(405, { Allow: "POST", "Content-Type": "application/json" });
    res.end(JSON.stringify({ jsonrpc: "2.0", error: { code: -32000, message: "Method not allowed" }, id: null }));
    return;
  }
  const { Server } = sdkServer();
  const { StreamableHTTPServerTransport } = sdkHttp();
  const { CallToolRequestSchema, ListToolsRequestSchema } = sdkTypes();
  const server = new Server({ name: options.name || PACKAGE_NAME, version: PACKAGE_VERSION }, { capabilities: { tools: {} } });
  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: source.listTools() }));
  server.setRequestHandler(CallToolRequestSchema, (request, extra) =>
    source.callTool(request.params.name, (request.params.arguments ?? {}) as Record<string, unknown>, { signal: extra.signal }),
  );
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
  res.on("close", () => {
    void transport.close().catch(() => {});
    void server.close().catch(() => {});
  });
  await server.connect(transport);
  await transport.handleRequest(req, res, body);
}
