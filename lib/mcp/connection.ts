import { EventEmitter } from "node:events";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import type { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import type { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import type { CallToolResult, Tool } from "@modelcontextprotocol/sdk/types.js";
import { PACKAGE_NAME, PACKAGE_VERSION } from "../version";
import { normalizeServerConfig } from "./config";
import { sseTransport, stdioTransport, streamableHttpTransport } from "./transport";
import type { McpConnectionState, McpServerConfig, McpServerConfigInput } from "./types";

// Loaded on first connection (see transport.ts): requiring the library must not load the SDK.
const sdkClient = () => require("@modelcontextprotocol/sdk/client/index.js") as typeof import("@modelcontextprotocol/sdk/client/index.js");
const sdkTypes = () => require("@modelcontextprotocol/sdk/types.js") as typeof import("@modelcontextprotocol/sdk/types.js");

export interface McpCallOptions {
  /** Aborting cancels the call on the server (`notifications/cancelled`); the call rejects with McpError -32001. */
  signal?: AbortSignal;
  /** ms; default the server's `timeout`, else the SDK's 60 s. */
  timeout?: number;
}

const MAX_TOOL_PAGES = 100;
/** How long one connection attempt may take (spawn or HTTP, initialize, first tools/list) without a server timeout. */
const CONNECT_TIMEOUT_MS = 60_000;
const STDERR_KEEP = 2000;
const CLOSE_SESSION_MS = 2000;

/**
 * One MCP server: connects on first use, reconnects on the next use after a failure or a lost connection, keeps
 * the tool list (every page) and refreshes it when the server says it changed.
 *
 * Events: `state` (state, error?) whenever the state changes; `tools` (tools) after each (re)load of the list.
 */
export class McpServerConnection extends EventEmitter {
  readonly config: McpServerConfig;
  private client: Client | undefined;
  private transport: Transport | undefined;
  private attempt: Attempt | undefined;
  private toolList: Tool[] | undefined;
  private _state: McpConnectionState = "idle";
  private _lastError: Error | undefined;
  private stderrTail = "";
  /** Which HTTP transport answered, once connected over HTTP. */
  httpTransport: "streamable-http" | "sse" | undefined;

  private readonly secrets: string[];

  constructor(config: McpServerConfigInput, index = 0) {
    super();
    this.config = normalizeServerConfig(config, index);
    this.secrets = secretValues(this.config);
  }

  /** Replaces the values of the configured env variables and headers in `text` (server output may echo them). */
  redact(text: string): string {
    return this.secrets.reduce((t, secret) => t.split(secret).join("[redacted]"), text);
  }

  get name(): string {
    return this.config.name ?? "server";
  }

  get state(): McpConnectionState {
    return this._state;
  }

  get lastError(): Error | undefined {
    return this._lastError;
  }

  /** The stdio server's process id while it runs. */
  get pid(): number | undefined {
    return (this.transport as StdioClientTransport | undefined)?.pid ?? undefined;
  }

  /** The tools last listed (after the allowed-tools filter), or undefined before the first connection. */
  get tools(): Tool[] | undefined {
    return this.toolList;
  }

  /**
   * Connects if needed; concurrent callers share one attempt. Each caller waits at most its own `timeout` (and
   * until its `signal`); when the last caller waiting gives up, the attempt stops (child process ended, HTTP
   * request closed) so that the next use starts afresh instead of joining a stuck attempt.
   */
  async connect(options: McpCallOptions = {}): Promise<Client> {
    if (this._state === "closed") throw new Error(`MCP server "${this.name}" is closed`);
    if (this.client) return this.client;
    let attempt = this.attempt;
    if (!attempt) {
      const started: Attempt = { stop: new AbortController(), waiters: 0, promise: undefined as never };
      started.promise = this.open(started);
      started.promise
        .finally(() => {
          if (this.attempt === started) this.attempt = undefined;
        })
        .catch(() => undefined);
      this.attempt = attempt = started;
    }
    attempt.waiters++;
    try {
      return await bounded(attempt.promise, options, () => this.timeoutError("connecting", options.timeout));
    } catch (err) {
      if (attempt.waiters === 1 && !attempt.stop.signal.aborted) {
        if (this.attempt === attempt) this.attempt = undefined;
        attempt.stop.abort(err);
      }
      throw err;
    } finally {
      attempt.waiters--;
    }
  }

  private async open(attempt: Attempt): Promise<Client> {
    this.setState("connecting");
    const signal = attempt.stop.signal;
    const limit = this.config.timeout ?? CONNECT_TIMEOUT_MS;
    const work = (async () => {
      const client = await this.openClient(signal);
      if (this._state === "closed" || signal.aborted) {
        await client.close().catch(() => undefined);
        throw new Error(`MCP server "${this.name}" was closed while connecting`);
      }
      this.client = client;
      this.setState("connected");
      await this.refreshTools({ signal });
      return client;
    })();
    work.catch(() => undefined); // it may lose the race below; its end is then of no interest
    try {
      return await bounded(work, { timeout: limit, signal }, () => this.timeoutError("connecting", limit));
    } catch (err) {
      const error = this.describe(err);
      attempt.stop.abort(error); // a transport still being set up gives up too
      if (this._state !== "closed") {
        await this.drop();
        // A newer attempt may have started meanwhile: its state is then its own.
        if (this.attempt === attempt || this.attempt === undefined) this.fail(error);
      }
      throw error;
    }
  }

  /** The error of a step that ran out of time: the SDK's own kind (McpError -32001, RequestTimeout). */
  private timeoutError(step: string, ms: number | undefined): Error {
    const { McpError, ErrorCode } = sdkTypes();
    return new McpError(ErrorCode.RequestTimeout, `MCP server "${this.name}": ${step} timed out after ${ms} ms`);
  }

  private async openClient(signal: AbortSignal): Promise<Client> {
    const config = this.config;
    if (config.type === "stdio") return this.attach(stdioTransport(config), signal);
    if (config.type === "sse") {
      this.httpTransport = "sse";
      return this.attach(sseTransport(config), signal);
    }
    try {
      const client = await this.attach(streamableHttpTransport(config), signal);
      this.httpTransport = "streamable-http";
      return client;
    } catch (first) {
      if (this._state === "closed" || signal.aborted) throw first;
      // Older servers speak only the 2024-11-05 HTTP+SSE transport: the spec's backwards-compatible fallback.
      try {
        const client = await this.attach(sseTransport(config), signal);
        this.httpTransport = "sse";
        return client;
      } catch (second) {
        throw new Error(`Streamable HTTP: ${(first as Error).message}; SSE: ${(second as Error).message}`);
      }
    }
  }

  private async attach(transport: Transport, signal: AbortSignal): Promise<Client> {
    signal.throwIfAborted();
    const client = new (sdkClient().Client)({ name: PACKAGE_NAME, version: PACKAGE_VERSION }, { capabilities: {} });
    client.setNotificationHandler(sdkTypes().ToolListChangedNotificationSchema, () => {
      this.refreshTools().catch(() => undefined);
    });
    client.onclose = () => {
      // The server went away (process exited, session dropped): the next use reconnects.
      if (this.client === client) {
        this.client = undefined;
        this.transport = undefined;
        if (this._state !== "closed") this.fail(new Error(`MCP server "${this.name}" disconnected${this.stderrHint()}`));
      }
    };
    client.onerror = () => undefined;
    this.transport = transport;
    const stderr = (transport as StdioClientTransport).stderr;
    this.stderrTail = "";
    stderr?.on("data", (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString("utf8")).slice(-STDERR_KEEP);
    });
    try {
      await client.connect(transport, { timeout: this.config.timeout, signal });
    } catch (err) {
      await client.close().catch(() => undefined);
      throw err;
    }
    return client;
  }

  /** Lists every page of tools, keeps those allowed, and tells listeners. `timeout` bounds all the pages together. */
  async refreshTools(options: McpCallOptions = {}): Promise<Tool[]> {
    const client = this.client;
    if (!client) return this.toolList ?? [];
    const tools: Tool[] = [];
    let cursor: string | undefined;
    const budget = timeBudget(options.timeout ?? this.config.timeout);
    for (let page = 0; page < MAX_TOOL_PAGES; page++) {
      const timeout = budget.left();
      if (timeout !== undefined && timeout <= 0) throw this.timeoutError("listing tools", budget.total);
      const result = await client.listTools(cursor ? { cursor } : undefined, { timeout, signal: options.signal });
      tools.push(...result.tools);
      cursor = result.nextCursor;
      if (!cursor) break;
    }
    const allowed = this.config.allowedTools;
    this.toolList = allowed ? tools.filter((t) => allowed.includes(t.name)) : tools;
    this.emit("tools", this.toolList);
    return this.toolList;
  }

  /** The server's tools (connecting first if needed); `timeout` bounds connecting and listing together. */
  async listTools(options: McpCallOptions = {}): Promise<Tool[]> {
    const budget = timeBudget(options.timeout);
    await this.connect(options);
    return this.toolList ?? this.refreshTools({ signal: options.signal, timeout: this.remaining(budget, "listing tools") });
  }

  /** Calls one tool by its name on this server. Tools outside `allowedTools` are refused here too. */
  async callTool(name: string, args: Record<string, unknown> = {}, options: McpCallOptions = {}): Promise<CallToolResult> {
    const allowed = this.config.allowedTools;
    if (allowed && !allowed.includes(name)) throw new Error(`Tool "${name}" is not allowed on MCP server "${this.name}"`);
    options.signal?.throwIfAborted();
    // One budget for the whole call: connecting (when needed) takes from the time the tool then has.
    const budget = timeBudget(options.timeout ?? this.config.timeout);
    const client = await this.connect({ signal: options.signal, timeout: budget.total });
    const result = await client.callTool({ name, arguments: args }, sdkTypes().CallToolResultSchema, {
      signal: options.signal,
      timeout: this.remaining(budget, `calling "${name}"`),
    });
    return result as CallToolResult;
  }

  private remaining(budget: TimeBudget, step: string): number | undefined {
    const left = budget.left();
    if (left !== undefined && left <= 0) throw this.timeoutError(step, budget.total);
    return left;
  }

  /** Ends the session (and the child process for stdio). The connection cannot be used afterwards. */
  async close(): Promise<void> {
    if (this._state === "closed") return;
    this.setState("closed");
    await this.drop();
  }

  private async drop(): Promise<void> {
    const client = this.client;
    const transport = this.transport;
    this.client = undefined;
    this.transport = undefined;
    if (!transport) return;
    const session = transport as Partial<StreamableHTTPClientTransport>;
    if (typeof session.terminateSession === "function" && session.sessionId) {
      await Promise.race([session.terminateSession().catch(() => undefined), delay(CLOSE_SESSION_MS)]);
    }
    await (client ? client.close() : transport.close()).catch(() => undefined);
  }

  private fail(error: Error) {
    this._lastError = error;
    this.setState("error", error);
  }

  private setState(state: McpConnectionState, error?: Error) {
    if (state === this._state && !error) return;
    this._state = state;
    this.emit("state", state, error);
  }

  private describe(err: unknown): Error {
    const error = err instanceof Error ? err : new Error(String(err));
    const hint = this.stderrHint();
    if (hint && !error.message.includes(hint)) error.message = `MCP server "${this.name}": ${error.message}${hint}`;
    error.message = this.redact(error.message);
    return error;
  }

  /** The last lines the server wrote to stderr, for error messages (a command not found, a crash). */
  private stderrHint(): string {
    const tail = this.redact(this.stderrTail.trim().split("\n").slice(-3).join(" | ").slice(-300));
    return tail ? ` (stderr: ${tail})` : "";
  }
}

/** Env values and header values long enough to be secrets (and the token part of "Bearer <token>"). */
function secretValues(config: McpServerConfig): string[] {
  const values = Object.values((config.type === "stdio" ? config.env : config.headers) ?? {});
  const out = new Set<string>();
  for (const value of values) {
    out.add(value);
    const token = /^\s*\S+\s+(\S+)\s*$/.exec(value)?.[1];
    if (token) out.add(token);
  }
  return [...out].filter((v) => v.length >= 6).sort((a, b) => b.length - a.length);
}

/** One connection attempt, shared by the callers waiting for it. */
interface Attempt {
  promise: Promise<Client>;
  /** Aborted when the attempt gives up (its own time limit, or every caller waiting for it gave up). */
  stop: AbortController;
  waiters: number;
}

interface TimeBudget {
  total: number | undefined;
  left(): number | undefined;
}

function timeBudget(total: number | undefined): TimeBudget {
  const started = Date.now();
  return { total, left: () => (total === undefined ? undefined : total - (Date.now() - started)) };
}

/** `work`, or a rejection once `timeout` ms pass (`timedOut()`) or `signal` aborts (its reason), whichever is first. */
function bounded<T>(work: Promise<T>, { timeout, signal }: McpCallOptions, timedOut: () => Error): Promise<T> {
  if (timeout === undefined && !signal) return work;
  return new Promise<T>((resolve, reject) => {
    const finish = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    };
    const onAbort = () => {
      finish();
      reject(signal?.reason instanceof Error ? signal.reason : new DOMException("This operation was aborted", "AbortError"));
    };
    const timer = timeout === undefined ? undefined : setTimeout(() => (finish(), reject(timedOut())), Math.max(0, timeout));
    if (signal?.aborted) return onAbort();
    signal?.addEventListener("abort", onAbort, { once: true });
    work.then(
      (value) => (finish(), resolve(value)),
      (err: unknown) => (finish(), reject(err)),
    );
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
