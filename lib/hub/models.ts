import { InferenceClientHubApiError } from "../errors";
import { Deadline } from "../http/deadline";
import { parseBody, sendBuffered, type Transport } from "../http/request";
import { normalizeMapping } from "./mapping";

/** What to look for: the Hub's own filters on `/api/models`. */
export interface ModelSearchQuery {
  /** A pipeline tag (`text-classification`, `text-to-image`...). */
  task?: string;
  /** Free text matched against model ids. */
  search?: string;
  /** Only models this provider serves; `"all"` = served by any provider; blank = no filter. */
  provider?: string;
  /** At most this many models (default 20, capped at 100). */
  limit?: number;
}

/** Where and how to ask the Hub. */
export interface HubAccess {
  hubUrl: string;
  /** Only a Hugging Face token (`hf_...`) is sent: provider keys mean nothing to the Hub. */
  accessToken?: string;
  transport: Transport;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** One provider serving a model, as the model list shows it. */
export interface ModelProvider {
  provider: string;
  status: string;
  providerId?: string;
  task?: string;
}

/** One search result, most downloaded first (the Hub's order). */
export interface ModelSummary {
  id: string;
  downloads: number;
  likes: number;
  pipelineTag?: string;
  providers: ModelProvider[];
}

export const DEFAULT_MODEL_SEARCH_LIMIT = 20;

/** The Hub's model search, with downloads, likes and the providers that serve each model. */
export async function searchModels(query: ModelSearchQuery, hub: HubAccess): Promise<ModelSummary[]> {
  const deadline = new Deadline(hub.timeoutMs ?? 10_000, hub.signal);
  let res;
  try {
    res = await sendBuffered(
      {
        url: modelSearchUrl(hub.hubUrl, query),
        method: "GET",
        headers: hub.accessToken?.startsWith("hf_") ? { Authorization: `Bearer ${hub.accessToken}` } : {},
        target: "hub",
      },
      hub.transport,
      deadline,
    );
  } finally {
    deadline.dispose();
  }
  const body = parseBody(res, res.body);
  if (!Array.isArray(body)) {
    throw new InferenceClientHubApiError(
      "Hub API request failed: the model list is not an array",
      { url: modelSearchUrl(hub.hubUrl, query), method: "GET" },
      { requestId: res.requestId, status: res.status, body },
    );
  }
  return body.filter((m) => m && typeof m === "object" && typeof m.id === "string").map(toSummary);
}

export function modelSearchUrl(hubUrl: string, query: ModelSearchQuery): string {
  const params = new URLSearchParams();
  if (query.task) params.set("pipeline_tag", query.task);
  if (query.search?.trim()) params.set("search", query.search.trim());
  if (query.provider?.trim()) params.set("inference_provider", query.provider.trim());
  for (const field of ["inferenceProviderMapping", "downloads", "likes", "pipeline_tag"]) params.append("expand[]", field);
  params.set("sort", "downloads");
  params.set("limit", String(Math.min(100, Math.max(1, Math.floor(query.limit ?? DEFAULT_MODEL_SEARCH_LIMIT)))));
  return `${hubUrl.replace(/\/+$/, "")}/api/models?${params}`;
}

function toSummary(raw: Record<string, unknown>): ModelSummary {
  const id = raw.id as string;
  const mapping = raw.inferenceProviderMapping;
  const providers = mapping && typeof mapping === "object" ? normalizeMapping(id, mapping) : [];
  return {
    id,
    downloads: typeof raw.downloads === "number" ? raw.downloads : 0,
    likes: typeof raw.likes === "number" ? raw.likes : 0,
    ...(typeof raw.pipeline_tag === "string" ? { pipelineTag: raw.pipeline_tag } : {}),
    providers: providers.map((p) => ({
      provider: p.provider,
      status: p.status,
      ...(p.providerId ? { providerId: p.providerId } : {}),
      ...(p.task ? { task: p.task } : {}),
    })),
  };
}
