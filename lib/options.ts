import type { Dispatcher } from "undici";
import { DEFAULT_MAX_RESPONSE_BYTES, type Transport } from "./http/request";

export interface Logger {
  log(message: string): void;
  warn(message: string): void;
}

/** Client-wide options; every method also takes them per call (per-call values win). */
export interface ClientOptions {
  /** Provider or `"auto"` (the Hub's order of providers serving the model). Default `"auto"`. */
  provider?: string;
  /** Organisation billed for the requests (`X-HF-Bill-To`). */
  billTo?: string;
  /** An Inference Endpoint or any OpenAI-compatible / TGI server; the provider is then not used. */
  endpointUrl?: string;
  /** Budget in ms for a whole call: retries, polling and downloads included. */
  timeout?: number;
  /**
   * Providers tried in order when the call's provider fails with a 429, a 5xx, a timeout or a connection error
   * (after its retries): each must serve the model for the task (Hub mapping). Not used with `endpointUrl`.
   */
  fallbackProviders?: string[];
  /** Retries on 429, 503 "model loading" and connection resets. Default 2. */
  maxRetries?: number;
  /** All HTTP goes through it; default undici's global dispatcher. */
  dispatcher?: Dispatcher;
  /** Default `HF_ENDPOINT` from the environment, else https://huggingface.co. */
  hubUrl?: string;
  /** Default `HF_ROUTER_URL` from the environment, else https://router.huggingface.co. */
  routerUrl?: string;
  signal?: AbortSignal;
  /** Largest response body accepted, in bytes. Default 256 MiB. */
  maxResponseBytes?: number;
  /**
   * URL inputs (images, audio given as http(s) URLs) are downloaded from public addresses only: loopback, private,
   * link-local, CGNAT and unspecified addresses are refused, at every redirect and where the socket connects.
   * `true` allows every address; a list allows these host names or addresses. Default false.
   */
  allowPrivateUrlInputs?: boolean | string[];
  /** Folders file path inputs may be read from (links resolved). Default: any file the process can read. */
  fileInputDirs?: string[];
  /** Longest silence allowed inside a stream before it counts as stalled, in ms. Default 60 s. */
  streamIdleTimeout?: number;
  logger?: Logger;
  /** Told of long-running calls' progress (queued, polling). */
  onProgress?: (status: string) => void;
  /** Told where a call went (once routed) and how it was answered (once the response head arrives). */
  onCallInfo?: (info: CallInfo) => void;
  /**
   * Keep the bytes each binary result Blob is made from, so that `blobToBuffer(blob)` hands them back without
   * reading the Blob again (one copy of a large result less). The bytes then live as long as the Blob.
   */
  keepBlobBytes?: boolean;
  /** `provider: "local"`: the folder holding model folders (`org/name`). Default `./models`. */
  localModelsDir?: string;
  /** `provider: "local"`: weights to load (`q8`, `fp16`, `fp32`, ...). Default `q8`, else `fp32` if that is all there is. */
  localDtype?: string;
  /** `provider: "local"`: let transformers.js fetch missing model files from the Hub. Default false. */
  allowModelDownload?: boolean;
  /** `provider: "local"`: models kept loaded at once in this process (least recently used dropped). Default 2. */
  localMaxModels?: number;
  /** `provider: "local"` chat (GGUF): threads generating. Default all cores but one (at least 1). */
  localThreads?: number;
}

/** What a caller may learn of one call, for logs and Node-RED's `msg.hf`; never a credential. */
export interface CallInfo {
  provider?: string;
  /** The provider's id for the model. */
  providerModel?: string;
  requestId?: string;
  status?: number;
  /** The providers that failed before the one that answered (failover), in order. */
  attempts?: FailedAttempt[];
}

/** One provider that failed during a call with fallback providers. */
export interface FailedAttempt {
  provider: string;
  status?: number;
  error: string;
}

/** Per-call options, as `@huggingface/inference`'s `Options`. */
export interface Options extends ClientOptions {
  /** "blob" (default), "url", "dataUrl" or "json" for image generation, as the reference. */
  outputType?: "blob" | "url" | "dataUrl" | "json";
  /** Deprecated upstream; `false` turns off the retry on 503. */
  retry_on_error?: boolean;
}

export const HF_HUB_URL = "https://huggingface.co";
export const HF_ROUTER_URL = "https://router.huggingface.co";

export interface ResolvedOptions extends Options {
  hubUrl: string;
  routerUrl: string;
  transport: Transport;
  logger: Logger;
}

const silentLog: Logger = { log: () => undefined, warn: (m) => process.emitWarning(m) };

/** A client's options, resolved once per client (per-call options go on top: `overlayOptions`). */
export function resolveOptions(client: ClientOptions): ResolvedOptions {
  return shaped(client, {
    hubUrl: (client.hubUrl ?? process.env.HF_ENDPOINT ?? HF_HUB_URL).replace(/\/+$/, ""),
    routerUrl: (client.routerUrl ?? process.env.HF_ROUTER_URL ?? HF_ROUTER_URL).replace(/\/+$/, ""),
    logger: client.logger ?? silentLog,
    transport: transportOf(client),
  });
}

/**
 * One call's options over a client's already resolved ones: the hot path of every request, so the URLs and the
 * transport are only worked out again when the call changes them.
 */
export function overlayOptions(base: ResolvedOptions, call: Options | undefined): ResolvedOptions {
  if (!call) return base;
  const merged: Options = { ...base, ...call };
  const urlsChanged = call.hubUrl !== undefined || call.routerUrl !== undefined;
  const transportChanged =
    call.dispatcher !== undefined || call.maxRetries !== undefined || call.retry_on_error !== undefined || call.maxResponseBytes !== undefined;
  return shaped(merged, {
    hubUrl: urlsChanged ? (call.hubUrl ?? base.hubUrl).replace(/\/+$/, "") : base.hubUrl,
    routerUrl: urlsChanged ? (call.routerUrl ?? base.routerUrl).replace(/\/+$/, "") : base.routerUrl,
    logger: call.logger ?? base.logger,
    transport: transportChanged ? transportOf(merged) : base.transport,
  });
}

/**
 * Resolved options always have this one shape, every field written in the same order. Options merged by spreading
 * grow past V8's limit for fast properties and become a dictionary, which made every later read of them slow (a
 * call given per-call options cost a third more than one without). A new option is one more line here.
 */
function shaped(o: Options, resolved: Pick<ResolvedOptions, "hubUrl" | "routerUrl" | "logger" | "transport">): ResolvedOptions {
  return {
    provider: o.provider,
    billTo: o.billTo,
    endpointUrl: o.endpointUrl,
    timeout: o.timeout,
    fallbackProviders: o.fallbackProviders,
    maxRetries: o.maxRetries,
    dispatcher: o.dispatcher,
    signal: o.signal,
    maxResponseBytes: o.maxResponseBytes,
    streamIdleTimeout: o.streamIdleTimeout,
    allowPrivateUrlInputs: o.allowPrivateUrlInputs,
    fileInputDirs: o.fileInputDirs,
    onProgress: o.onProgress,
    onCallInfo: o.onCallInfo,
    keepBlobBytes: o.keepBlobBytes,
    outputType: o.outputType,
    retry_on_error: o.retry_on_error,
    localModelsDir: o.localModelsDir,
    localDtype: o.localDtype,
    allowModelDownload: o.allowModelDownload,
    localMaxModels: o.localMaxModels,
    localThreads: o.localThreads,
    hubUrl: resolved.hubUrl,
    routerUrl: resolved.routerUrl,
    logger: resolved.logger,
    transport: resolved.transport,
    // Every option listed: the compiler refuses this object if one is missing.
  } satisfies { [K in keyof Required<ResolvedOptions>]: ResolvedOptions[K] };
}

function transportOf(o: Options): Transport {
  return {
    dispatcher: o.dispatcher,
    maxRetries: o.retry_on_error === false ? 0 : Math.max(0, o.maxRetries ?? 2),
    maxResponseBytes: o.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
  };
}
