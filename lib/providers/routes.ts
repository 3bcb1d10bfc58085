import { Binary } from "../binary";
import { InferenceClientInputError } from "../errors";
import type { CallContext, RequestPayload, TaskRoute } from "./types";

/** Building blocks shared by provider rows. */

/** JSON body of the task args as given (`{inputs, parameters, ...}`), or the raw bytes when `inputs` is binary. */
export function argsBody(ctx: CallContext): RequestPayload {
  const { inputs } = ctx.args;
  if (inputs instanceof Binary) return { binary: inputs };
  return { json: ctx.args };
}

/** A route at a fixed path (with `{model}` replaced by the provider's model id), other verbs as given. */
export function route(path: string, rest: Omit<TaskRoute, "path"> = {}): TaskRoute {
  return { path: (ctx) => path.replace("{model}", ctx.model), ...rest };
}

/** Appends an OpenAI-style suffix to an endpoint URL unless it already ends with it (`/v1` counts as a prefix). */
export function openAiEndpoint(suffix: string): (endpointUrl: string) => string {
  // A client calls the same endpoint again and again: the last answer is kept.
  let last: { from: string; to: string } | undefined;
  return (endpointUrl) => {
    if (last?.from === endpointUrl) return last.to;
    const url = endpointUrl.trim().replace(/\/+$/, "");
    const to = url.endsWith(suffix) ? url : url.endsWith("/v1") ? `${url}${suffix}` : `${url}/v1${suffix}`;
    last = { from: endpointUrl, to };
    return to;
  };
}

/**
 * A copy of `obj`'s own keys but `keys`. Built key by key rather than deleted from a copy: a delete turns an object
 * into a slow dictionary for everything that reads it after (a spread, JSON.stringify).
 */
export function omit(obj: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in obj) {
    if (!Object.prototype.hasOwnProperty.call(obj, key) || keys.includes(key)) continue;
    // An own "__proto__" key (from JSON) stays a plain key, as a spread keeps it, never the copy's prototype.
    if (key === "__proto__") Object.defineProperty(out, key, { value: obj[key], enumerable: true, writable: true, configurable: true });
    else out[key] = obj[key];
  }
  return out;
}

/** The task's `parameters` object (blank when absent or not an object). */
export function paramsOf(ctx: CallContext): Record<string, unknown> {
  const p = ctx.args.parameters;
  return p && typeof p === "object" && !Array.isArray(p) ? { ...(p as Record<string, unknown>) } : {};
}

/**
 * The args flattened as most provider APIs take them: extra top-level args, then the parameters, with
 * Hugging Face parameter names renamed to the provider's (`{num_inference_steps: "steps"}`) or dropped (`null`).
 */
export function flatArgs(ctx: CallContext, renames: Record<string, string | null> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = { ...omit(ctx.args, ["inputs", "parameters"]), ...paramsOf(ctx) };
  for (const [from, to] of Object.entries(renames)) {
    if (!(from in out)) continue;
    const value = out[from];
    delete out[from];
    if (to && value !== undefined) out[to] = value;
  }
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out;
}

/** A binary input (already normalised by the engine) as a data URL, as many JSON APIs take images and audio. */
export function dataUrlOf(value: unknown, what = "inputs", type?: string): string {
  if (value instanceof Binary) return type ? `data:${type};base64,${value.toBase64()}` : value.toDataUrl();
  if (typeof value === "string" && /^(data:|https?:\/\/)/.test(value)) return value;
  throw new InferenceClientInputError(`Expected "${what}" to be binary data (image, audio or video)`);
}

export function base64Of(value: unknown, what = "inputs"): string {
  if (value instanceof Binary) return value.toBase64();
  throw new InferenceClientInputError(`Expected "${what}" to be binary data (image, audio or video)`);
}

/** Where a Hub file can be downloaded (LoRA weights handed to providers by URL). */
export const HUB_FILE_BASE = "https://huggingface.co";

/**
 * The raw bytes when the binary `inputs` comes alone, else JSON with the bytes as base64 beside the parameters
 * (as huggingface_hub does, so parameters are never dropped). For pipelines that take either form.
 */
export function bytesOrJsonBody(ctx: CallContext): RequestPayload {
  const { inputs, parameters, ...rest } = ctx.args;
  const hasParameters = !!parameters && typeof parameters === "object" && Object.keys(parameters).length > 0;
  if (inputs instanceof Binary && !hasParameters && !Object.keys(rest).length) return { binary: inputs };
  return { json: ctx.args };
}

/** Always JSON: a binary `inputs` (or one nested in it) goes as base64. */
export function jsonBody(ctx: CallContext): RequestPayload {
  return { json: ctx.args };
}
