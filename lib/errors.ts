/** Typed errors, named and shaped as `@huggingface/inference`'s so callers can swap libraries. */

export interface HttpRequestInfo {
  url: string;
  method: string;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface HttpResponseInfo {
  requestId: string;
  status: number;
  body: unknown;
}

export class InferenceClientError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "InferenceClientError";
  }
}

export class InferenceClientInputError extends InferenceClientError {
  constructor(message: string) {
    super(message);
    this.name = "InputError";
  }
}

export class InferenceClientRoutingError extends InferenceClientError {
  constructor(message: string) {
    super(message);
    this.name = "RoutingError";
  }
}

export class InferenceClientProviderOutputError extends InferenceClientError {
  constructor(message: string) {
    super(message);
    this.name = "ProviderOutputError";
  }
}

export class InferenceTimeoutError extends InferenceClientError {
  readonly timeoutMs: number;
  constructor(message: string, timeoutMs: number) {
    super(message);
    this.name = "TimeoutError";
    this.timeoutMs = timeoutMs;
  }
}

const SECRET_HEADERS = new Set(["authorization", "x-key", "x-api-key", "api-key", "cookie"]);

/** Copies headers with every credential-bearing value replaced, so an error can be logged as is. */
export function redactHeaders(headers: Record<string, string> | undefined): Record<string, string> | undefined {
  if (!headers) return undefined;
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!SECRET_HEADERS.has(name.toLowerCase())) out[name] = value;
    else out[name] = name.toLowerCase() === "authorization" ? `${value.split(" ")[0]} [redacted]` : "[redacted]";
  }
  return out;
}

abstract class InferenceClientHttpRequestError extends InferenceClientError {
  readonly httpRequest: HttpRequestInfo;
  readonly httpResponse: HttpResponseInfo;
  constructor(message: string, httpRequest: HttpRequestInfo, httpResponse: HttpResponseInfo) {
    super(message);
    this.httpRequest = { ...httpRequest, headers: redactHeaders(httpRequest.headers) };
    this.httpResponse = httpResponse;
  }
  get status(): number {
    return this.httpResponse.status;
  }
  get requestId(): string {
    return this.httpResponse.requestId;
  }
}

export class InferenceClientProviderApiError extends InferenceClientHttpRequestError {
  constructor(message: string, httpRequest: HttpRequestInfo, httpResponse: HttpResponseInfo) {
    super(message, httpRequest, httpResponse);
    this.name = "ProviderApiError";
  }
}

export class InferenceClientHubApiError extends InferenceClientHttpRequestError {
  constructor(message: string, httpRequest: HttpRequestInfo, httpResponse: HttpResponseInfo) {
    super(message, httpRequest, httpResponse);
    this.name = "HubApiError";
  }
}

/** The human part of an error body: OpenAI, TGI, FastAPI and plain-text styles. */
export function messageFromErrorBody(body: unknown): string | undefined {
  if (typeof body === "string") return body.trim() ? body.trim().slice(0, 500) : undefined;
  if (!body || typeof body !== "object") return undefined;
  const b = body as Record<string, unknown>;
  const error = b.error as unknown;
  if (typeof error === "string") return error;
  if (error && typeof error === "object" && typeof (error as { message?: unknown }).message === "string") {
    return (error as { message: string }).message;
  }
  if (typeof b.detail === "string") return b.detail;
  if (Array.isArray(b.detail) && b.detail.length) {
    const first = b.detail[0] as { msg?: unknown };
    if (typeof first?.msg === "string") return first.msg;
  }
  if (typeof b.message === "string") return b.message;
  if (error !== undefined) return JSON.stringify(error);
  return undefined;
}
