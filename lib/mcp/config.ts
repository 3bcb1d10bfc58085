import type { McpServerConfig, McpServerConfigInput } from "./types";

/**
 * Accepts the server shapes in use (Tiny Agents' flat `{type, command, ...}`, `@huggingface/mcp-client`'s
 * `{type, config: {...}}`, the SDK's bare `StdioServerParameters`) and returns one checked `McpServerConfig`.
 * Throws a plain Error naming the first problem found.
 */
export function normalizeServerConfig(input: McpServerConfigInput, index = 0): McpServerConfig {
  if (!input || typeof input !== "object") throw new Error(`MCP server ${index + 1}: expected an object`);
  const raw = input as Record<string, unknown>;
  const nested = raw.config && typeof raw.config === "object" ? (raw.config as Record<string, unknown>) : undefined;
  const flat: Record<string, unknown> = { ...(nested ?? {}), ...raw };
  delete flat.config;
  if (nested?.options && typeof nested.options === "object") {
    // @huggingface/mcp-client passes HTTP options as the SDK's transport options: keep their headers.
    const headers = (nested.options as { requestInit?: { headers?: unknown } }).requestInit?.headers;
    if (headers && typeof headers === "object" && !flat.headers) flat.headers = headers;
  }
  const type = (flat.type ?? (flat.command ? "stdio" : undefined)) as string | undefined;
  const name = optionalString(flat.name, "name", index) ?? `server${index + 1}`;
  const allowedTools = stringArray(flat.allowedTools ?? flat.allowed_tools, "allowedTools", name);
  const timeout = flat.timeout === undefined ? undefined : Number(flat.timeout);
  if (timeout !== undefined && !(timeout > 0)) throw new Error(`MCP server "${name}": timeout must be a positive number of ms`);
  const common = { name, ...(allowedTools ? { allowedTools } : {}), ...(timeout ? { timeout } : {}) };
  if (type === "stdio") {
    if (typeof flat.command !== "string" || !flat.command.trim()) throw new Error(`MCP server "${name}": command is required`);
    return {
      type,
      ...common,
      command: flat.command.trim(),
      args: stringArray(flat.args, "args", name) ?? [],
      ...(flat.env !== undefined ? { env: stringRecord(flat.env, "env", name) } : {}),
      ...(optionalString(flat.cwd, "cwd", index) ? { cwd: flat.cwd as string } : {}),
    };
  }
  if (type === "http" || type === "sse") {
    const url = flat.url instanceof URL ? flat.url.href : flat.url;
    if (typeof url !== "string" || !/^https?:\/\/\S+$/i.test(url.trim())) {
      throw new Error(`MCP server "${name}": url must be an http(s) URL`);
    }
    return {
      type,
      ...common,
      url: url.trim(),
      ...(flat.headers !== undefined ? { headers: stringRecord(flat.headers, "headers", name) } : {}),
    };
  }
  throw new Error(`MCP server "${name}": type must be "stdio", "http" or "sse"`);
}

function optionalString(value: unknown, field: string, index: number): string | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value !== "string") throw new Error(`MCP server ${index + 1}: ${field} must be a string`);
  return value;
}

function stringArray(value: unknown, field: string, name: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) {
    throw new Error(`MCP server "${name}": ${field} must be an array of strings`);
  }
  return [...value];
}

function stringRecord(value: unknown, field: string, name: string): Record<string, string> {
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    throw new Error(`MCP server "${name}": ${field} must be an object of name -> text`);
  }
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (v === undefined || v === null) continue;
    if (typeof v === "object") throw new Error(`MCP server "${name}": ${field}.${k} must be text`);
    out[k] = String(v);
  }
  return out;
}
