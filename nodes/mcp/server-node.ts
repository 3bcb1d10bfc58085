import type { Translate } from "../shared/i18n";
import { McpServerConnection, type McpConnectionState, type McpServerConfig } from "../../lib";
import { statusText } from "../shared/status-text";
import type { Node, NodeDef, NodeStatus } from "../shared/red";

export interface McpServerDef extends NodeDef {
  transport?: string;
  command?: string;
  args?: unknown;
  cwd?: string;
  url?: string;
}

/** What `hf-mcp-tool` and `hf-agent` get from an `hf-mcp-server` config node. */
export interface McpServerNode extends Node {
  /** Undefined when the configuration is invalid (then `configError` says why). */
  connection?: McpServerConnection;
  configError?: string;
  /** Replaces every credential value (env values, header values) in `text`. */
  redact(text: string): string;
  /** Users get the server's state as their status. */
  register(user: Node): void;
  deregister(user: Node): void;
}

/**
 * The server configuration from the node's properties and credentials. Command and arguments come from here only
 * (never from a msg) and run without a shell; `env` and `headers` are JSON texts of name -> value.
 */
export function serverConfigFromNode(def: McpServerDef, credentials: Record<string, string | undefined> | undefined): McpServerConfig {
  const transport = def.transport || "stdio";
  const name = def.name?.trim() || labelFor(def);
  if (transport === "stdio") {
    return {
      type: "stdio",
      name,
      command: String(def.command ?? "").trim(),
      args: argsList(def.args),
      ...(def.cwd?.trim() ? { cwd: def.cwd.trim() } : {}),
      env: jsonRecord(credentials?.env, "Environment"),
    };
  }
  if (transport !== "http" && transport !== "sse") throw new Error(`Unknown transport "${transport}"`);
  return { type: transport, name, url: String(def.url ?? "").trim(), headers: jsonRecord(credentials?.headers, "Headers") };
}

/** A short name for the server: the node's name, else the package / script it runs, else the URL's host. */
export function labelFor(def: McpServerDef): string {
  if ((def.transport || "stdio") === "stdio") {
    const args = safeArgs(def.args);
    const script = args.find((a) => !a.startsWith("-"));
    const base = (script || String(def.command ?? "mcp")).split(/[\\/]/).pop() || "mcp";
    return base.replace(/^server-/, "").replace(/\.(c|m)?js$/, "");
  }
  try {
    return new URL(String(def.url)).host;
  } catch {
    return "mcp";
  }
}

function argsList(value: unknown): string[] {
  if (value === undefined || value === null || value === "") return [];
  if (Array.isArray(value)) {
    if (value.some((v) => typeof v !== "string")) throw new Error("Arguments must be strings");
    return value;
  }
  if (typeof value === "string") {
    // A flow written by hand may hold the list as JSON text or one argument per line; never split as a shell would.
    const text = value.trim();
    if (text.startsWith("[")) {
      const parsed = JSON.parse(text) as unknown;
      if (Array.isArray(parsed) && parsed.every((v) => typeof v === "string")) return parsed;
      throw new Error("Arguments must be a JSON array of strings");
    }
    return text.split(/\r?\n/).filter((l) => l.length);
  }
  throw new Error("Arguments must be an array of strings");
}

function safeArgs(value: unknown): string[] {
  try {
    return argsList(value);
  } catch {
    return [];
  }
}

function jsonRecord(text: string | undefined, what: string): Record<string, string> {
  if (!text || !text.trim()) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not the parser's message: V8 quotes the text in it, and this text holds secrets.
    throw new Error(`${what} is not valid JSON`);
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error(`${what} must be a JSON object of name -> value`);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(parsed as Record<string, unknown>)) {
    if (v === null || v === undefined) continue;
    if (typeof v === "object") throw new Error(`${what}: the value of "${k}" must be text`);
    out[k] = String(v);
  }
  return out;
}

/** The status users show for each state of the server. */
export function stateStatus(state: McpConnectionState, error: Error | undefined, t: Translate): NodeStatus | Record<string, never> {
  switch (state) {
    case "connecting":
      return { fill: "yellow", shape: "ring", text: t("status.connecting", "connecting") };
    case "connected":
      return { fill: "green", shape: "dot", text: t("status.connected", "connected") };
    case "error":
      return { fill: "red", shape: "ring", text: statusText(`${t("status.disconnected", "disconnected")}${error ? `: ${error.message}` : ""}`) };
    default:
      return {};
  }
}
