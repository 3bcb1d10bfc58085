import { InferenceClientInputError, InferenceClientProviderOutputError, InferenceTimeoutError } from "../errors";
import { base64Blob, blobOf } from "../tasks/checks";
import type { CallContext, ProviderAnswer, ProviderIO, RequestPayload } from "./types";

/** Shared by the asynchronous providers (queues, predictions, task ids): polling and result downloads. */

/** Without a call timeout, a job is not waited for longer than this. */
export const MAX_POLL_WAIT_MS = 30 * 60_000;

export interface PollSpec<T> {
  io: ProviderIO;
  ctx: CallContext;
  /** Status URL, polled with GET. */
  url: string;
  intervalMs: number;
  /** Headers of the status requests; default the call's own (auth, bill-to). */
  headers?: Record<string, string>;
  /** The job's result once finished, `undefined` while it runs; throws when the job failed. */
  check(status: unknown): T | undefined | Promise<T | undefined>;
  /** A short status for the node's status line ("queued #3", "processing"). */
  describe?(status: unknown): string | undefined;
  /** Skip the wait before the first status request (the submit answer said nothing yet). */
  immediate?: boolean;
}

/**
 * Polls a job until `check` returns its result. Bounded by the call's deadline (timeout or abort: `sleep` and
 * every request throw when it fires) and, without a timeout, by `MAX_POLL_WAIT_MS`.
 */
export async function pollUntil<T>(spec: PollSpec<T>): Promise<T> {
  const { io, ctx } = spec;
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    if (attempt > 0 || !spec.immediate) await io.sleep(spec.intervalMs);
    const status = await io.getJson(spec.url, { headers: spec.headers ?? io.authHeaders });
    const done = await spec.check(status);
    if (done !== undefined) return done;
    const text = spec.describe?.(status);
    if (text) io.progress(`${ctx.provider}: ${text}`);
    if (Date.now() - started > MAX_POLL_WAIT_MS) {
      throw new InferenceTimeoutError(
        `${ctx.provider} did not finish the ${ctx.task} job within ${MAX_POLL_WAIT_MS / 60_000} minutes (set a timeout to wait less or more)`,
        MAX_POLL_WAIT_MS,
      );
    }
  }
}

/** Fails with the provider's words when a job says it failed. */
export function jobFailed(ctx: CallContext, detail: unknown): InferenceClientProviderOutputError {
  const text = typeof detail === "string" ? detail : detail ? JSON.stringify(detail).slice(0, 300) : "no reason given";
  return new InferenceClientProviderOutputError(`${ctx.provider} ${ctx.task} job failed: ${text}`);
}

export function malformedJob(ctx: CallContext, expected: string, got: unknown): InferenceClientProviderOutputError {
  return new InferenceClientProviderOutputError(
    `Received malformed response from ${ctx.provider} ${ctx.task} API: expected ${expected}, got ${JSON.stringify(got)?.slice(0, 300)}`,
  );
}

export function isHttpUrl(value: unknown): value is string {
  return typeof value === "string" && /^https?:\/\//i.test(value);
}

/**
 * A generated image, audio clip or video as the caller asked for it (`outputType`): a Blob (default, downloaded
 * without our credentials), the provider's URL, a data URL, or the provider's JSON as is.
 */
export async function mediaOutput(
  ctx: CallContext,
  io: ProviderIO,
  media: { url?: string; base64?: string; type?: string; json: unknown },
): Promise<unknown> {
  switch (ctx.outputType) {
    case "json":
      return media.json;
    case "url":
      if (media.url) return media.url;
      throw new InferenceClientInputError(
        `Provider ${ctx.provider} returns the data itself, not a URL: use outputType "blob", "dataUrl" or "json"`,
      );
    case "dataUrl": {
      const blob = await mediaBlob(io, media);
      return `data:${blob.type};base64,${Buffer.from(await blob.arrayBuffer()).toString("base64")}`;
    }
    default:
      return mediaBlob(io, media);
  }
}

async function mediaBlob(io: ProviderIO, media: { url?: string; base64?: string; type?: string }): Promise<Blob> {
  if (media.base64 !== undefined) return base64Blob(media.base64, media.type);
  if (!media.url) throw new InferenceClientProviderOutputError("The provider returned neither data nor a URL");
  if (/^data:/i.test(media.url)) return base64Blob(media.url);
  return io.download(media.url);
}

/** Downloads a result file (always a Blob, whatever `outputType` says: only image generation honours it). */
export function downloadResult(io: ProviderIO, url: unknown, ctx: CallContext, expected: string, json: unknown): Promise<Blob> {
  if (!isHttpUrl(url)) throw malformedJob(ctx, expected, json);
  return io.download(url);
}

/**
 * An image answered as bytes (or base64 JSON), as the caller asked for it: a Blob, a data URL, or for "json"
 * the provider's JSON (bytes as `{output: dataUrl}`), as the reference's hf-inference does. No URL exists.
 */
export async function bytesMediaOutput(answer: ProviderAnswer, ctx: CallContext): Promise<unknown> {
  if (ctx.outputType === "json" && answer.json !== undefined) return answer.json;
  const blob = blobOf(answer, ctx.task);
  if (ctx.outputType !== "dataUrl" && ctx.outputType !== "json") return blob;
  const dataUrl = `data:${blob.type};base64,${Buffer.from(await blob.arrayBuffer()).toString("base64")}`;
  return ctx.outputType === "json" ? { output: dataUrl } : dataUrl;
}

/** The args as JSON, refusing `outputType: "url"` before anything is sent (the provider answers bytes only). */
export function jsonBodyWithoutUrlOutput(ctx: CallContext): RequestPayload {
  if (ctx.outputType === "url") {
    throw new InferenceClientInputError(`Provider ${ctx.provider} does not support URL output. Use outputType "blob", "dataUrl" or "json" instead.`);
  }
  return { json: ctx.args };
}
