import { createHash } from "node:crypto";
import { InferenceClientHubApiError } from "../errors";
import { Deadline } from "../http/deadline";
import { parseBody, sendBuffered, type OutgoingRequest, type Transport } from "../http/request";

/** One provider serving one Hub model, as the Hub's `inferenceProviderMapping` describes it. */
export interface InferenceProviderMappingEntry {
  provider: string;
  providerId: string;
  hfModelId: string;
  status: "live" | "staging";
  task: string;
  adapter?: string;
  adapterWeightsPath?: string;
  type?: "single-model" | "tag-filter";
}

export interface MappingLookup {
  hubUrl: string;
  accessToken?: string;
  transport: Transport;
  /** Budget for the look-up itself; shared look-ups are not cut short by one caller's abort. */
  timeoutMs?: number;
  /** The caller's own budget: it stops waiting when it fires. */
  deadline?: Deadline;
}

const DEFAULT_TTL_MS = 5 * 60_000;

interface CacheEntry {
  expires: number;
  value: Promise<InferenceProviderMappingEntry[]>;
}

/** Module-wide so every client (and every Node-RED node) shares one cache; concurrent look-ups share one request. */
const cache = new Map<string, CacheEntry>();
let ttlMs = DEFAULT_TTL_MS;

export function setMappingCacheTtl(ms: number): void {
  ttlMs = ms;
}

export function clearMappingCache(): void {
  cache.clear();
}

export function fetchInferenceProviderMapping(modelId: string, lookup: MappingLookup): Promise<InferenceProviderMappingEntry[]> {
  const key = cacheKey(modelId, lookup);
  const now = Date.now();
  const hit = cache.get(key);
  if (hit && hit.expires > now) return raceAbort(hit.value, lookup.deadline);
  const value = requestMapping(modelId, lookup);
  cache.set(key, { expires: now + ttlMs, value });
  // A failed look-up is not cached: the next call asks again.
  value.catch(() => {
    if (cache.get(key)?.value === value) cache.delete(key);
  });
  return raceAbort(value, lookup.deadline);
}

function cacheKey(modelId: string, lookup: MappingLookup): string {
  // Private models answer differently per token; key on a digest, never on the token itself.
  const who = lookup.accessToken?.startsWith("hf_")
    ? createHash("sha256").update(lookup.accessToken).digest("hex").slice(0, 16)
    : "anonymous";
  return `${lookup.hubUrl}\n${modelId}\n${who}`;
}

async function requestMapping(modelId: string, lookup: MappingLookup): Promise<InferenceProviderMappingEntry[]> {
  const req: OutgoingRequest = {
    url: `${lookup.hubUrl.replace(/\/+$/, "")}/api/models/${modelId}?expand[]=inferenceProviderMapping`,
    method: "GET",
    headers: lookup.accessToken?.startsWith("hf_") ? { Authorization: `Bearer ${lookup.accessToken}` } : {},
    target: "hub",
  };
  let res;
  const deadline = new Deadline(lookup.timeoutMs);
  try {
    res = await sendBuffered(req, lookup.transport, deadline);
  } catch (err) {
    if (err instanceof InferenceClientHubApiError) {
      const reason = err.message.replace(/^Hub API request failed: /, "");
      throw new InferenceClientHubApiError(
        `Failed to fetch inference provider mapping for model ${modelId}: ${reason}`,
        err.httpRequest,
        err.httpResponse,
      );
    }
    throw err;
  } finally {
    deadline.dispose();
  }
  const payload = parseBody(res, res.body) as { inferenceProviderMapping?: unknown } | string;
  const raw = typeof payload === "object" && payload ? payload.inferenceProviderMapping : undefined;
  if (!raw || typeof raw !== "object") {
    throw new InferenceClientHubApiError(
      `We have not been able to find inference provider information for model ${modelId}.`,
      { url: req.url, method: "GET" },
      { requestId: res.requestId, status: res.status, body: payload },
    );
  }
  return normalizeMapping(modelId, raw);
}

/** The Hub answers with an array of entries (new form) or an object keyed by provider (old form). */
export function normalizeMapping(modelId: string, raw: unknown): InferenceProviderMappingEntry[] {
  if (Array.isArray(raw)) {
    return raw
      .filter((e): e is InferenceProviderMappingEntry => !!e && typeof e === "object" && typeof e.provider === "string")
      .map((e) => ({ ...e, hfModelId: e.hfModelId ?? modelId }));
  }
  return Object.entries(raw as Record<string, Omit<InferenceProviderMappingEntry, "provider" | "hfModelId">>).map(
    ([provider, entry]) => ({
      provider,
      hfModelId: modelId,
      providerId: entry.providerId,
      status: entry.status,
      task: entry.task,
      ...(entry.adapter ? { adapter: entry.adapter } : {}),
      ...(entry.adapterWeightsPath ? { adapterWeightsPath: entry.adapterWeightsPath } : {}),
    }),
  );
}

function raceAbort<T>(promise: Promise<T>, deadline?: Deadline): Promise<T> {
  if (!deadline) return promise;
  const what = "Provider mapping look-up";
  if (deadline.aborted) return Promise.reject(deadline.abortError(what));
  return new Promise<T>((resolve, reject) => {
    const settle = deadline.onAbort(() => reject(deadline.abortError(what)));
    promise.then(
      (v) => (settle(), resolve(v)),
      (e) => (settle(), reject(e)),
    );
  });
}
