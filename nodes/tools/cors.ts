import type { IncomingMessage, ServerResponse } from "node:http";

/** Node-RED's `httpNodeCors` setting: the options object of the `cors` package that core `http in` routes use. */
export interface CorsSetting {
  origin?: boolean | string | RegExp | (string | RegExp)[];
  methods?: string | string[];
  allowedHeaders?: string | string[];
  exposedHeaders?: string | string[];
  credentials?: boolean;
  maxAge?: number;
}

// What an MCP client sends and reads besides the simple headers; used when the setting names none.
const ALLOWED_HEADERS = "Authorization, Content-Type, Accept, Last-Event-ID, mcp-session-id, mcp-protocol-version";
const EXPOSED_HEADERS = "mcp-session-id, mcp-protocol-version, WWW-Authenticate";
const METHODS = "GET,HEAD,PUT,PATCH,POST,DELETE";

const list = (v: string | string[] | undefined, fallback: string) => (v === undefined ? fallback : [v].flat().join(","));

/** The Access-Control-Allow-Origin value for this request, or undefined when the origin is not allowed. */
function allowedOrigin(setting: CorsSetting, requestOrigin: string | undefined): string | undefined {
  const origin = setting.origin ?? "*";
  if (origin === "*" || typeof origin === "string") return origin || undefined;
  if (origin === false || !requestOrigin) return undefined;
  if (origin === true) return requestOrigin;
  const matches = [origin].flat().some((o) => (typeof o === "string" ? o === requestOrigin : o.test(requestOrigin)));
  return matches ? requestOrigin : undefined;
}

/**
 * Applies `httpNodeCors` as the `cors` package does on `http in` routes, written here because `cors` is Node-RED's
 * dependency, not ours. Returns true when it answered the request (an OPTIONS preflight); without the setting it
 * does nothing, as `http in` does.
 */
export function applyCors(setting: CorsSetting | undefined, req: IncomingMessage, res: ServerResponse): boolean {
  if (!setting || typeof setting !== "object") return false;
  const origin = allowedOrigin(setting, req.headers.origin);
  if (origin) {
    res.setHeader("Access-Control-Allow-Origin", origin);
    if (origin !== "*") res.setHeader("Vary", "Origin");
    if (setting.credentials) res.setHeader("Access-Control-Allow-Credentials", "true");
  }
  if (req.method !== "OPTIONS") {
    if (origin) res.setHeader("Access-Control-Expose-Headers", list(setting.exposedHeaders, EXPOSED_HEADERS));
    return false;
  }
  if (origin) {
    res.setHeader("Access-Control-Allow-Methods", list(setting.methods, METHODS));
    res.setHeader("Access-Control-Allow-Headers", list(setting.allowedHeaders, ALLOWED_HEADERS));
    if (typeof setting.maxAge === "number") res.setHeader("Access-Control-Max-Age", String(setting.maxAge));
  }
  res.statusCode = 204;
  res.setHeader("Content-Length", "0");
  res.end();
  return true;
}
