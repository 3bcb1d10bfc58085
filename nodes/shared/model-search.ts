import { searchModels, InferenceClient, listLocalModels, LOCAL_PROVIDER, type ModelSummary } from "../../lib";
import { localModelsFolder, type HfConfigNode } from "./config";
import type { NodeAPI } from "./red";
import { fallbackToken } from "./token";

/** The admin route the editor's model picker calls: `GET <admin root>/hf-inference/models`. */
export const MODEL_SEARCH_PATH = "/hf-inference/models";

interface Req {
  query: Record<string, unknown>;
}
interface Res {
  status(code: number): Res;
  json(body: unknown): void;
}
type Handler = (req: Req, res: Res) => void;
interface AdminApp {
  get(path: string, ...handlers: unknown[]): void;
}

/** Admin apps that already have the route (a runtime may load the module more than once, e.g. in tests). */
const registered = new WeakSet<object>();

/**
 * Registers the model search on Node-RED's admin app, behind its admin permissions. The Hub is asked server side
 * with the config node's token, which never reaches the browser.
 */
export function registerModelSearch(RED: NodeAPI): void {
  const app = RED.httpAdmin as AdminApp | undefined;
  if (!app || typeof app.get !== "function" || registered.has(app)) return;
  registered.add(app);
  const permission = RED.auth?.needsPermission("hf-config.read");
  const handler: Handler = (req, res) => {
    answer(RED, req.query).then(
      (body) => res.json(body),
      // An offline Hub is an answer, not an HTTP error: the picker says "unavailable" and the console stays clean.
      (err: unknown) => res.json({ status: "unavailable", error: configRedact(RED, req.query, messageOf(err)), models: [] }),
    );
  };
  if (permission) app.get(MODEL_SEARCH_PATH, permission, handler);
  else app.get(MODEL_SEARCH_PATH, handler);
}

export interface ModelSearchAnswer {
  /** `ok`, or `unavailable` (then `error` says why and `models` is empty). */
  status: "ok" | "unavailable";
  models: ModelSummary[];
  /** The Hub that was asked, so the editor can link to model pages on mirrors and private hubs. */
  hubUrl: string;
}

async function answer(RED: NodeAPI, query: Record<string, unknown>): Promise<ModelSearchAnswer> {
  const provider = text(query.provider);
  if (provider === LOCAL_PROVIDER) return localAnswer(RED, text(query.config), text(query.search));
  const client = clientFor(RED, text(query.config));
  const resolved = client.resolve();
  const models = await searchModels(
    {
      task: text(query.task) || undefined,
      search: text(query.search).slice(0, 200),
      // "auto" and blank mean any provider; "none" lifts the filter (local servers, endpoints).
      provider: provider === "none" ? undefined : !provider || provider === "auto" ? "all" : provider,
      limit: Number(query.limit) || undefined,
    },
    { hubUrl: resolved.hubUrl, accessToken: client.accessToken, transport: resolved.transport, timeoutMs: 10_000 },
  );
  return { status: "ok", models, hubUrl: resolved.hubUrl };
}

/**
 * Provider `local`: the models found in the deployed config's models folder (else the default one), never a
 * folder named by the request.
 */
function localAnswer(RED: NodeAPI, configId: string, search: string): ModelSearchAnswer {
  const config = configId ? (RED.nodes.getNode(configId) as HfConfigNode | null) : null;
  const dir = config?.localModelsDir ?? localModelsFolder(RED, undefined);
  const needle = search.toLowerCase();
  const models = listLocalModels(dir)
    .filter((id) => id.toLowerCase().includes(needle))
    .map((id) => ({ id, downloads: 0, likes: 0, providers: [{ provider: LOCAL_PROVIDER, status: "live" }] }));
  return { status: "ok", models, hubUrl: "" };
}

/** The deployed config node's client; an undeployed (new) config falls back to HF_TOKEN / the token file. */
function clientFor(RED: NodeAPI, configId: string): InferenceClient {
  const config = configId ? (RED.nodes.getNode(configId) as HfConfigNode | null) : null;
  if (config?.client) return config.client;
  return new InferenceClient(fallbackToken(), { maxRetries: 0 });
}

function configRedact(RED: NodeAPI, query: Record<string, unknown>, message: string): string {
  const id = text(query.config);
  const config = id ? (RED.nodes.getNode(id) as HfConfigNode | null) : null;
  const token = fallbackToken();
  let out = config?.redact ? config.redact(message) : message;
  if (token && token.length >= 8) out = out.split(token).join("[redacted]");
  return out;
}

function text(value: unknown): string {
  return typeof value === "string" ? value.trim() : "";
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
