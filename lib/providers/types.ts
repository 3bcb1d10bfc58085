import type { Binary } from "../binary";
import type { InferenceProviderMappingEntry } from "../hub/mapping";
import type { Deadline } from "../http/deadline";
import type { ResponseHead } from "../http/request";
import type { TaskId } from "../tasks/ids";

/** How the call is authenticated: decides router vs direct URL and the Authorization header. */
export type AuthMethod = "hf-token" | "provider-key" | "none";

/** How a provider wants its own API key (direct calls only; the router always takes `Bearer hf_...`). */
export type KeyStyle = "bearer" | "key" | "x-key";

/** What a route sees when it builds the URL and body of one call. */
export interface CallContext {
  task: TaskId;
  provider: string;
  /** The provider's id for the model (after the Hub mapping), or the Hub id with an endpoint URL. */
  model: string;
  mapping?: InferenceProviderMappingEntry;
  /** The task's arguments without routing fields; binary inputs are already `Binary`. */
  args: Record<string, unknown>;
  authMethod: AuthMethod;
  endpointUrl?: string;
  stream?: boolean;
  /** Where the call goes: `${routerUrl}/<provider>` when routed, the provider's base URL when direct. */
  baseUrl: string;
  /** The caller's `outputType` for image generation ("blob" by default), as the reference's. */
  outputType?: "blob" | "url" | "dataUrl" | "json";
}

/** A request body: JSON (binaries inside serialise as base64), raw bytes, or a multipart form. */
export type RequestPayload = { json: unknown } | { binary: Binary } | { form: FormData };

/** The provider's answer: parsed JSON, or bytes with their type. */
export interface ProviderAnswer {
  head: ResponseHead;
  json?: unknown;
  blob?: Blob;
}

/** HTTP helpers for routes that poll queues or download results; all bound to the call's budget. */
export interface ProviderIO {
  deadline: Deadline;
  /** The URL of the call's first request (queues answer relative to it). */
  url: string;
  /** Authorization and bill-to headers of the call, for follow-up requests to the same provider. */
  authHeaders: Record<string, string>;
  getJson(url: string, opts?: { headers?: Record<string, string>; method?: "GET" | "POST"; body?: unknown }): Promise<unknown>;
  /** Downloads a result URL (without our credentials unless `headers` says so). */
  download(url: string, headers?: Record<string, string>): Promise<Blob>;
  progress(status: string): void;
  sleep(ms: number): Promise<void>;
}

/** One provider serving one task: how to address it, what to send, how to read the answer. */
export interface TaskRoute {
  /** Path below the provider's base URL. */
  path(ctx: CallContext): string;
  /** Base URL for direct calls when this task lives elsewhere than the provider's `baseUrl` (fal's queue). */
  directBaseUrl?: string;
  /** Asynchronous providers: wait between two status requests, in ms (mutable, so tests can shorten it). */
  pollIntervalMs?: number;
  /** The URL to call when the client has an `endpointUrl` (default: the endpoint URL itself). */
  endpointPath?(endpointUrl: string, ctx: CallContext): string;
  body?(ctx: CallContext): RequestPayload;
  headers?(ctx: CallContext): Record<string, string>;
  /** Turns the answer into the task's output; default: the task's own output check. */
  output?(answer: ProviderAnswer, ctx: CallContext, io: ProviderIO): unknown;
}

export interface ProviderDefinition {
  id: string;
  /** Base URL for direct calls with the provider's own key. */
  baseUrl: string;
  keyStyle?: KeyStyle;
  /** Whether the Hugging Face router serves it (hf_ tokens); false: direct key only. */
  routed?: boolean;
  /** Model ids are the provider's own (`openai/gpt-4o`), not looked up on the Hub. */
  clientSideRoutingOnly?: boolean;
  tasks: Partial<Record<TaskId, TaskRoute>>;
}
