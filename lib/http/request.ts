import { request, type Dispatcher } from "undici";
import {
  InferenceClientError,
  InferenceClientHubApiError,
  InferenceClientProviderApiError,
  InferenceClientProviderOutputError,
  InferenceTimeoutError,
  messageFromErrorBody,
  redactHeaders,
  type HttpRequestInfo,
} from "../errors";
import type { Deadline } from "./deadline";
import { retryDelay, type RetryDecision } from "./retry";

export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";

export interface Transport {
  /** Every request goes through it; undefined means undici's global dispatcher. */
  dispatcher?: Dispatcher;
  maxRetries: number;
  /** A response body larger than this is refused, so a runaway server cannot exhaust memory. */
  maxResponseBytes: number;
}

export interface OutgoingRequest {
  url: string;
  method: HttpMethod;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  /** Hub calls raise HubApiError, the rest ProviderApiError; a failed download says it was one. */
  target: "provider" | "hub" | "download";
  /** Longest silence allowed between two chunks of the body (streams). */
  idleTimeoutMs?: number;
  /** Follow redirects (downloads of result files from CDNs); never for provider API calls. */
  followRedirects?: boolean;
  /**
   * Checks each hop's URL before it is requested (URL inputs: the address policy); throws to refuse. The dispatcher
   * still checks the address it connects to when the caller gave one that does (see `lib/net/guard.ts`).
   */
  checkUrl?: (url: URL) => void | Promise<void>;
  /** Largest body accepted for this request, when smaller than the transport's (an input's own size cap). */
  maxBytes?: number;
}

export interface ResponseHead {
  status: number;
  headers: Record<string, string>;
  contentType: string;
  requestId: string;
}

export interface BufferedResponse extends ResponseHead {
  body: Buffer;
}

export interface StreamingResponse extends ResponseHead {
  body: AsyncIterable<Buffer>;
  /** Frees the connection when the caller stops reading early. */
  cancel(): void;
  /** The size limit the body is read under (`maxResponseBytes`): per event and in total. */
  maxBytes: number;
}

export const DEFAULT_MAX_RESPONSE_BYTES = 256 * 1024 * 1024;

/**
 * Without a call timeout, the longest wait for a response head or for the next chunk of a body. Given to undici on
 * every request, so a dispatcher's own defaults (undici's are 300 s) never cut a call shorter or longer.
 */
export const DEFAULT_WAIT_CAP_MS = 300_000;

/** Sends a request (with retries) and reads the whole body; non-2xx answers throw typed errors. */
export async function sendBuffered(req: OutgoingRequest, transport: Transport, deadline: Deadline): Promise<BufferedResponse> {
  for (let hops = 0; ; hops++) {
    if (req.checkUrl) await req.checkUrl(new URL(req.url));
    const res = await sendWithRetries(req, transport, deadline);
    const location = res.headers.location;
    if (req.followRedirects && REDIRECT_STATUSES.has(res.statusCode) && typeof location === "string" && hops < MAX_REDIRECTS) {
      discard(res.body);
      req = redirectTo(req, new URL(location, req.url));
      continue;
    }
    const body = await readBody(res, req, transport, deadline);
    const head = headOf(res);
    if (res.statusCode >= 300) throw httpError(req, head, body);
    return withBody(head, body);
  }
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;

/**
 * The same GET at a new URL. Followed by hand rather than with undici's interceptor, which needs the dispatcher to
 * come from the same undici copy (Node's own fetch installs an older one as the global dispatcher).
 * Credentials never cross to another origin.
 */
function redirectTo(req: OutgoingRequest, url: URL): OutgoingRequest {
  const sameOrigin = url.origin === new URL(req.url).origin;
  const headers = sameOrigin
    ? req.headers
    : Object.fromEntries(Object.entries(req.headers).filter(([name]) => !/^(authorization|x-key|cookie)$/i.test(name)));
  return { ...req, url: url.toString(), headers };
}

/** Sends a request (with retries before the first byte) and hands back the body as it arrives. */
export async function sendStreaming(req: OutgoingRequest, transport: Transport, deadline: Deadline): Promise<StreamingResponse> {
  const res = await sendWithRetries(req, transport, deadline);
  const head = headOf(res);
  if (res.statusCode >= 300) throw httpError(req, head, await readBody(res, req, transport, deadline));
  return {
    status: head.status,
    headers: head.headers,
    contentType: head.contentType,
    requestId: head.requestId,
    body: guardStream(res.body, req, deadline, transport.maxResponseBytes),
    cancel: () => discard(res.body),
    maxBytes: transport.maxResponseBytes,
  };
}

/** A stream's chunks as they come, within the size limit in total: a stream never ends, so it is counted too. */
async function* guardStream(body: Dispatcher.ResponseData["body"], req: OutgoingRequest, deadline: Deadline, limit: number): AsyncIterable<Buffer> {
  let size = 0;
  try {
    for await (const chunk of body) {
      size += (chunk as Buffer).length;
      if (size > limit) throw tooLarge(req, size, limit, "stream");
      yield chunk as Buffer;
    }
  } catch (err) {
    throw networkError(err, req, deadline, "while reading the response stream");
  } finally {
    discard(body);
  }
}

async function sendWithRetries(req: OutgoingRequest, transport: Transport, deadline: Deadline): Promise<Dispatcher.ResponseData> {
  for (let attempt = 0; ; attempt++) {
    deadline.throwIfAborted();
    let decision: RetryDecision;
    try {
      const res = await request(req.url, requestOptions(req, transport, deadline));
      if (res.statusCode !== 429 && res.statusCode !== 503) return res;
      // Retryable statuses: the body says how long to wait (model loading), and is small.
      const body = await readBody(res, req, transport, deadline);
      decision = retryDelay({ attempt, status: res.statusCode, headers: headOf(res).headers, body });
      if (!decision.retry || attempt >= transport.maxRetries || decision.delayMs >= deadline.remaining()) {
        throw httpError(req, headOf(res), body);
      }
    } catch (err) {
      if (err instanceof InferenceClientError) throw err;
      const reset = isConnectionReset(err);
      if (!reset || attempt >= transport.maxRetries || deadline.aborted) throw networkError(err, req, deadline);
      decision = retryDelay({ attempt });
      if (decision.delayMs >= deadline.remaining()) throw networkError(err, req, deadline);
    }
    await deadline.sleep(decision.delayMs);
  }
}

/**
 * undici's options with only the keys that have a value: undici copies them into a new object with three more keys,
 * and unused keys pushed that copy off V8's fast path (a runtime call on every request).
 */
function requestOptions(req: OutgoingRequest, transport: Transport, deadline: Deadline) {
  // The call's budget governs undici's waits, whatever the dispatcher's defaults (undici's cut every call at 300 s).
  const wait = deadline.waitLimit(DEFAULT_WAIT_CAP_MS);
  const options: {
    method: HttpMethod;
    headers: Record<string, string>;
    headersTimeout: number;
    bodyTimeout: number;
    body?: string | Uint8Array;
    signal?: NonNullable<Deadline["requestSignal"]>;
    dispatcher?: Dispatcher;
  } = {
    method: req.method,
    headers: req.headers,
    headersTimeout: wait,
    bodyTimeout: req.idleTimeoutMs && req.idleTimeoutMs < wait ? req.idleTimeoutMs : wait,
  };
  if (req.body !== undefined) options.body = req.body;
  if (deadline.requestSignal) options.signal = deadline.requestSignal;
  if (transport.dispatcher) options.dispatcher = transport.dispatcher;
  return options;
}

/**
 * Reads a whole body, within the size limit. Plain listeners and one promise rather than `for await` or `once`:
 * the async iterator costs promises and listeners per chunk, which is a measurable share of a small request.
 */
function readBody(res: Dispatcher.ResponseData, req: OutgoingRequest, transport: Transport, deadline: Deadline): Promise<Buffer> {
  const body = res.body;
  const declared = Number(res.headers["content-length"]);
  const limit = req.maxBytes !== undefined && req.maxBytes < transport.maxResponseBytes ? req.maxBytes : transport.maxResponseBytes;
  if (declared > limit) {
    discard(body);
    return Promise.reject(tooLarge(req, declared, limit));
  }
  return new Promise<Buffer>((resolve, reject) => {
    let chunks: Buffer[] = [];
    // A large declared body lands in one buffer as it arrives: no list of chunks beside a second, concatenated copy.
    let into = Number.isSafeInteger(declared) && declared >= 64 * 1024 ? Buffer.allocUnsafe(declared) : undefined;
    let size = 0;
    let settled = false;
    const fail = (err: unknown) => {
      if (settled) return;
      settled = true;
      reject(err instanceof InferenceClientError ? err : networkError(err, req, deadline, "while reading the response"));
    };
    body.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        discard(body);
        return fail(tooLarge(req, size, limit));
      }
      if (into && size <= into.length) {
        chunk.copy(into, size - chunk.length);
      } else {
        if (into) [chunks, into] = [[into.subarray(0, size - chunk.length)], undefined];
        chunks.push(chunk);
      }
    });
    body.on("end", () => {
      if (settled) return;
      settled = true;
      if (into) resolve(size === into.length ? into : into.subarray(0, size));
      else resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
    });
    body.on("error", fail);
    // Destroyed without an error (nothing more will come): settle rather than wait forever. An Error only then:
    // building one (its stack) on every call would cost more than the rest of the read.
    body.on("close", () => settled || fail(new Error("the response body was closed before its end")));
  });
}

/**
 * Drops a body we no longer want. undici emits an "aborted" error on a body destroyed before its end; with no
 * listener that error would be uncaught and take the whole process (Node-RED) down.
 */
function discard(body: Dispatcher.ResponseData["body"]): void {
  if (body.destroyed) return;
  body.on("error", () => undefined);
  body.destroy();
}

/** One error for every body past its limit, buffered or streamed (`size` is what was seen when it was cut off). */
function tooLarge(req: OutgoingRequest, size: number, limit: number, what = "Response"): InferenceClientError {
  const name = what === "stream" ? "Response stream" : req.target === "download" ? "Download" : what;
  const hint = req.maxBytes === limit ? "" : ", see maxResponseBytes";
  return new InferenceClientProviderOutputError(`${name} from ${new URL(req.url).host} is larger than the limit (${size} > ${limit} bytes${hint})`);
}

/** Written out rather than `{...head, body}`: a property after a spread is defined through a slow runtime call. */
function withBody(head: ResponseHead, body: Buffer): BufferedResponse {
  return { status: head.status, headers: head.headers, contentType: head.contentType, requestId: head.requestId, body };
}

function headOf(res: Dispatcher.ResponseData): ResponseHead {
  const headers = singleValued(res.headers);
  return {
    status: res.statusCode,
    headers,
    contentType: headers["content-type"] ?? "",
    requestId: headers["x-request-id"] ?? headers["request-id"] ?? headers["x-amzn-requestid"] ?? "",
  };
}

/**
 * undici's headers with repeated ones joined. Most answers repeat none, and then undici's own object is used as is:
 * copying it key by key cost more than anything else in reading a small answer's head.
 */
function singleValued(raw: Dispatcher.ResponseData["headers"]): Record<string, string> {
  let repeated = false;
  for (const name in raw) {
    const value = raw[name];
    if (value === undefined || Array.isArray(value)) repeated = true;
  }
  if (!repeated) return raw as Record<string, string>;
  const headers: Record<string, string> = {};
  for (const name in raw) {
    const value = raw[name];
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return headers;
}

const RESET_CODES = new Set(["ECONNRESET", "EPIPE", "UND_ERR_SOCKET", "UND_ERR_CLOSED"]);

function isConnectionReset(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } };
  return RESET_CODES.has(e?.code ?? "") || RESET_CODES.has(e?.cause?.code ?? "");
}

const TIMEOUT_CODES = new Set(["UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT", "UND_ERR_CONNECT_TIMEOUT"]);

function networkError(err: unknown, req: OutgoingRequest, deadline: Deadline, when = ""): Error {
  if (err instanceof InferenceClientError) return err;
  const host = new URL(req.url).host;
  if (deadline.aborted) return deadline.abortError(`Request to ${host}`);
  const e = err as { code?: string; message?: string; cause?: { code?: string } };
  const code = e?.code ?? e?.cause?.code ?? "";
  if (TIMEOUT_CODES.has(code)) {
    // undici's own timers (the waits given in requestOptions, or the dispatcher's connect timeout) ran out.
    const stalled = code === "UND_ERR_BODY_TIMEOUT";
    const ms = stalled && req.idleTimeoutMs ? req.idleTimeoutMs : deadline.waitLimit(DEFAULT_WAIT_CAP_MS);
    const what = stalled ? "stalled" : code === "UND_ERR_CONNECT_TIMEOUT" ? "could not be connected in time" : "did not answer in time";
    const waited = stalled ? `no data for ${ms} ms, ` : "";
    const error = new InferenceTimeoutError(`Request to ${host} ${what}${when ? " " + when : ""} (${waited}${code})`, ms);
    (error as Error).cause = err;
    return error;
  }
  const detail = code || e?.message || String(err);
  // Once the response has started, the server was reached: the connection was lost, not refused.
  if (when) return new InferenceClientError(`Connection to ${host} lost ${when} (${detail})`, { cause: err });
  return new InferenceClientError(`Could not reach ${host}: ${detail}`, { cause: err });
}

export function describeRequest(req: OutgoingRequest): HttpRequestInfo {
  let body: unknown;
  if (typeof req.body === "string") {
    try {
      body = JSON.parse(req.body);
    } catch {
      body = req.body;
    }
  } else if (req.body) {
    body = `[binary ${req.body.byteLength} bytes]`;
  }
  return { url: req.url, method: req.method, headers: req.headers, body };
}

/** A body as JSON when it is (by its content type, `isJson` when the caller already knows, or its look), else text. */
export function parseBody(head: ResponseHead, body: Buffer, isJson = /json/i.test(head.contentType)): unknown {
  const text = body.toString("utf8");
  if (isJson || /^\s*[[{]/.test(text)) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

function httpError(req: OutgoingRequest, head: ResponseHead, body: Buffer): InferenceClientError {
  const parsed = scrubSecrets(req, parseBody(head, body));
  const detail = messageFromErrorBody(parsed) ?? `an HTTP error occurred (status ${head.status})`;
  const response = { requestId: head.requestId, status: head.status, body: parsed };
  if (req.target === "hub") {
    return new InferenceClientHubApiError(`Hub API request failed: ${detail}`, describeRequest(req), response);
  }
  if (req.target === "download") {
    // The host only: a download URL's path and query often carry a signature.
    const what = `Download from ${new URL(req.url).host} failed (HTTP ${head.status})`;
    return new InferenceClientProviderApiError(messageFromErrorBody(parsed) ? `${what}: ${detail}` : what, describeRequest(req), response);
  }
  return new InferenceClientProviderApiError(`Failed to perform inference: ${detail}`, describeRequest(req), response);
}

/**
 * Replaces, in a value taken from a response, every credential this request sent: some servers echo the
 * Authorization header back in their error messages, and errors must never carry a token.
 */
export function scrubSecrets<T>(req: OutgoingRequest, value: T): T {
  const redacted = redactHeaders(req.headers) ?? {};
  const secrets: string[] = [];
  for (const [name, sent] of Object.entries(req.headers)) {
    if (!sent || redacted[name] === sent) continue;
    secrets.push(sent);
    const credential = /^\S+\s+(\S+)$/.exec(sent.trim())?.[1];
    if (credential) secrets.push(credential);
  }
  const found = secrets.filter((s) => s.length >= 8).sort((a, b) => b.length - a.length);
  if (!found.length || value === undefined || value === null) return value;
  const scrub = (text: string) => found.reduce((t, secret) => t.split(secret).join("[redacted]"), text);
  if (typeof value === "string") return scrub(value) as T;
  const json = JSON.stringify(value);
  return json !== undefined && found.some((s) => json.includes(s)) ? (JSON.parse(scrub(json)) as T) : value;
}
