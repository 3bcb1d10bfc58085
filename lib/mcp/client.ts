import type { CallToolResult, Tool } from "@modelcontextprotocol/sdk/types.js";
import { McpServerConnection, type McpCallOptions } from "./connection";
import { capText, DEFAULT_MAX_RESULT_CHARS, formatToolResult } from "./format";
import type { ChatCompletionInputTool } from "../chat/types";
import type { McpServerConfigInput } from "./types";

export interface McpClientOptions {
  /** Names no server tool may take (the Agent's exit tools); a server tool with one of them is renamed. */
  reservedToolNames?: string[];
  /** Cap on the text of one tool result handed to a model (characters, default 50 000). */
  maxResultChars?: number;
}

/** Where an exposed tool name leads. */
export interface McpToolRoute {
  server: McpServerConnection;
  /** The tool's name on its server (the exposed name differs when it was renamed). */
  tool: string;
  definition: Tool;
}

const MAX_NAME = 64;

/**
 * Several MCP servers behind one list of tools, as `@huggingface/mcp-client`'s `McpClient` and huggingface_hub's
 * `MCPClient` keep them.
 *
 * Name clashes: tools are exposed in the order their servers were added, then in each server's own order. A
 * tool keeps its name unless an earlier one (or a reserved name) took it; then it is exposed as
 * `<server name>__<tool name>` (and `_2`, `_3`, ... if that too is taken). Names are made to fit what chat APIs
 * accept (`[A-Za-z0-9_-]`, at most 64 characters). Calls through the exposed name reach the right server under
 * the tool's own name. The list is rebuilt this way whenever a server's tools change.
 */
export class McpClient {
  private readonly connections: McpServerConnection[] = [];
  private readonly owned = new Set<McpServerConnection>();
  private readonly listeners = new Map<McpServerConnection, () => void>();
  private routes = new Map<string, McpToolRoute>();
  private tools: ChatCompletionInputTool[] = [];
  readonly maxResultChars: number;
  private readonly reserved: Set<string>;

  constructor(options: McpClientOptions = {}) {
    this.maxResultChars = options.maxResultChars ?? DEFAULT_MAX_RESULT_CHARS;
    this.reserved = new Set(options.reservedToolNames ?? []);
  }

  /** The tools in the chat-completion `tools` shape, under their exposed names. */
  get availableTools(): ChatCompletionInputTool[] {
    return this.tools;
  }

  get servers(): readonly McpServerConnection[] {
    return this.connections;
  }

  /**
   * Adds a server and lists its tools (connecting to it). A config makes a connection this client owns and
   * closes; a `McpServerConnection` passed in is shared: `cleanup()` leaves it open for its owner.
   */
  async addMcpServer(server: McpServerConfigInput | McpServerConnection): Promise<McpServerConnection> {
    const connection = server instanceof McpServerConnection ? server : new McpServerConnection(server, this.connections.length);
    this.track(connection, connection !== server);
    await connection.listTools();
    this.rebuild();
    return connection;
  }

  /**
   * Adds several servers; they connect in parallel, but their tools are ordered as listed here. `timeout` and
   * `signal` bound each server's connecting and listing.
   */
  async addMcpServers(servers: Array<McpServerConfigInput | McpServerConnection>, options: McpCallOptions = {}): Promise<void> {
    const connections = servers.map((s, i) =>
      s instanceof McpServerConnection ? s : new McpServerConnection(s, this.connections.length + i),
    );
    connections.forEach((c, i) => this.track(c, c !== servers[i]));
    const results = await Promise.allSettled(connections.map((c) => c.listTools(options)));
    this.rebuild();
    const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
    if (failed) throw failed.reason;
  }

  /** Which server and tool an exposed name leads to. */
  route(name: string): McpToolRoute | undefined {
    return this.routes.get(name);
  }

  /** Calls a tool by its exposed name; resolves with the server's result (`isError` set for tool errors). */
  async callTool(name: string, args: Record<string, unknown> = {}, options: McpCallOptions = {}): Promise<CallToolResult> {
    const route = this.routes.get(name);
    if (!route) throw new Error(`No MCP server offers a tool named "${name}"`);
    return route.server.callTool(route.tool, args, options);
  }

  /** A result as the text handed to a model, capped at `maxResultChars`. */
  formatResult(result: CallToolResult): string {
    return formatToolResult(result, this.maxResultChars);
  }

  /** Caps any text handed to a model (an error message, say) as results are capped. */
  capText(text: string): string {
    return capText(text, this.maxResultChars);
  }

  /** Closes the servers this client opened; shared connections are only let go. */
  async cleanup(): Promise<void> {
    for (const [connection, listener] of this.listeners) connection.off("tools", listener);
    this.listeners.clear();
    const owned = [...this.owned];
    this.owned.clear();
    this.connections.length = 0;
    this.rebuild();
    await Promise.all(owned.map((c) => c.close()));
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.cleanup();
  }

  private track(connection: McpServerConnection, owned: boolean): void {
    if (owned) this.owned.add(connection);
    if (this.connections.includes(connection)) return;
    this.connections.push(connection);
    const onTools = () => this.rebuild();
    connection.on("tools", onTools);
    this.listeners.set(connection, onTools);
  }

  private rebuild(): void {
    const routes = new Map<string, McpToolRoute>();
    const tools: ChatCompletionInputTool[] = [];
    for (const server of this.connections) {
      for (const definition of server.tools ?? []) {
        const name = this.exposedName(definition.name, server.name, routes);
        routes.set(name, { server, tool: definition.name, definition });
        tools.push({
          type: "function",
          function: {
            name,
            ...(definition.description ? { description: definition.description } : {}),
            parameters: definition.inputSchema as Record<string, unknown>,
          },
        });
      }
    }
    this.routes = routes;
    this.tools = tools;
  }

  private exposedName(tool: string, server: string, taken: Map<string, unknown>): string {
    const free = (n: string) => !taken.has(n) && !this.reserved.has(n);
    const own = fitName(tool);
    if (free(own)) return own;
    const prefixed = fitName(`${server}__${tool}`);
    if (free(prefixed)) return prefixed;
    for (let i = 2; ; i++) {
      const suffix = `_${i}`;
      const candidate = prefixed.slice(0, MAX_NAME - suffix.length) + suffix;
      if (free(candidate)) return candidate;
    }
  }
}

function fitName(name: string): string {
  return (name.replace(/[^A-Za-z0-9_-]/g, "_") || "tool").slice(0, MAX_NAME);
}
