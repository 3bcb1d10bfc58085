/** When to try a request again, and after how long: backoff with jitter, or what the server asked for. */

export interface RetryDecision {
  retry: boolean;
  delayMs: number;
}

const BASE_DELAY_MS = 500;
const MAX_BACKOFF_MS = 8_000;

export function backoff(attempt: number): number {
  const ceiling = Math.min(MAX_BACKOFF_MS, BASE_DELAY_MS * 2 ** attempt);
  return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
}

/** Seconds or an HTTP date, as RFC 9110 allows. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** A 503 whose body says the model is being loaded (hf-inference, TGI) and, often, for how long. */
export function loadingEstimateMs(body: Buffer | undefined): number | undefined {
  if (!body?.length || body.length > 64 * 1024) return undefined;
  try {
    const parsed = JSON.parse(body.toString("utf8")) as { error?: unknown; estimated_time?: unknown };
    if (typeof parsed.estimated_time === "number") return parsed.estimated_time * 1000;
    if (typeof parsed.error === "string" && /loading/i.test(parsed.error)) return 0;
  } catch {
    /* not JSON: not a loading answer */
  }
  return undefined;
}

export function retryDelay(opts: {
  attempt: number;
  status?: number;
  headers?: Record<string, string>;
  body?: Buffer;
}): RetryDecision {
  const { attempt, status } = opts;
  if (status === undefined) return { retry: true, delayMs: backoff(attempt) };
  if (status === 429) {
    const asked = parseRetryAfter(opts.headers?.["retry-after"]);
    return { retry: true, delayMs: asked ?? backoff(attempt) };
  }
  if (status === 503) {
    const estimate = loadingEstimateMs(opts.body);
    if (estimate === undefined) return { retry: false, delayMs: 0 };
    return { retry: true, delayMs: Math.max(estimate, backoff(attempt)) };
  }
  return { retry: false, delayMs: 0 };
}
