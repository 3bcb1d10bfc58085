import { InferenceClientError, InferenceTimeoutError } from "../../lib";
import type { HfConfigNode } from "./config";

export interface DescribedError {
  error: Error;
  /** What went wrong, for the node status: a kind (translated by the caller) and the detail. */
  kind: "timeout" | "aborted" | "http" | "invalidInput" | "error";
  detail: string;
  status?: number;
  requestId?: string;
  /** Kept from the source error (`err.raw`): the model's unusable answer, scrubbed. */
  raw?: string;
}

/**
 * Turns anything thrown during a call into the Error handed to done(): the library's message (already free of
 * credentials), with the token scrubbed once more in case a server echoed it back.
 */
export function describeError(err: unknown, config: HfConfigNode | null): DescribedError {
  const source = err instanceof Error ? err : new Error(String(err));
  const scrub = (text: string) => (config?.redact ? config.redact(text) : text);
  const e = source as { status?: number; requestId?: string; name: string };
  const status = typeof e.status === "number" ? e.status : undefined;
  const requestId = typeof e.requestId === "string" && e.requestId ? e.requestId : undefined;
  const error = new Error(scrub(source.message)) as Error & { raw?: string };
  error.name = source.name;
  const sourceRaw = (source as Error & { raw?: unknown }).raw;
  const raw = typeof sourceRaw === "string" ? scrub(sourceRaw) : undefined;
  if (raw !== undefined) error.raw = raw;
  const kind: DescribedError["kind"] =
    source instanceof InferenceTimeoutError
      ? "timeout"
      : source.name === "AbortError"
        ? "aborted"
        : status
          ? "http"
          : source instanceof InferenceClientError && source.name === "InputError"
            ? "invalidInput"
            : "error";
  const detail = scrub(source.message).replace(/^Failed to perform inference: /, "");
  return { error, kind, detail, status, requestId, raw };
}
