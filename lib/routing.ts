import { AUTO_ROUTER } from "./chat/route";
import { InferenceClientInputError, InferenceClientRoutingError } from "./errors";
import type { Deadline } from "./http/deadline";
import { fetchInferenceProviderMapping, type InferenceProviderMappingEntry } from "./hub/mapping";
import type { ResolvedOptions } from "./options";
import { PROVIDERS } from "./providers";
import { isOpenAiBaseUrl, OPENAI_ENDPOINT_TASKS } from "./providers/openai-compatible";
import type { AuthMethod, ProviderDefinition, TaskRoute } from "./providers/types";
import type { TaskId } from "./tasks/ids";

/** Where one call goes: the provider, its route for the task, and the provider's model id. */
export interface ResolvedRoute {
  provider: ProviderDefinition;
  route: TaskRoute;
  /** The provider's id for the model (or the Hub id when an endpoint URL is used). */
  providerModel: string;
  hfModel?: string;
  mapping?: InferenceProviderMappingEntry;
  authMethod: AuthMethod;
  baseUrl: string;
}

/** Tasks the Hub lists as one another on hf-inference (sentence-transformers models serve both). */
const EQUIVALENT_TASKS: TaskId[][] = [["feature-extraction", "sentence-similarity"]];

export function authMethodOf(accessToken: string | undefined): AuthMethod {
  if (!accessToken) return "none";
  return accessToken.startsWith("hf_") ? "hf-token" : "provider-key";
}

type CallRouting = { model?: string; provider?: string; accessToken?: string; endpointUrl?: string };

/**
 * Where a call goes. Known at once (no promise) when no Hub look-up is needed: an endpoint URL, or the router's own
 * choice for chat; the hot path of a call to a local server or an endpoint then waits on nothing.
 */
export function resolveRoute(task: TaskId, call: CallRouting, opts: ResolvedOptions, deadline: Deadline): ResolvedRoute | Promise<ResolvedRoute> {
  const authMethod = authMethodOf(call.accessToken);
  if (call.model?.startsWith("http") && /^https?:\/\//.test(call.model)) {
    throw new InferenceClientInputError("Model URLs are no longer supported. Use endpointUrl instead.");
  }
  if (call.endpointUrl) {
    // A dedicated endpoint or local server speaks the hf-inference / OpenAI dialect; the provider is not used.
    const provider = PROVIDERS["hf-inference"];
    const route = requireRoute(provider, task);
    // Said before sending: the Hugging Face payload posted to an OpenAI-style server only comes back as a 404.
    if (!OPENAI_ENDPOINT_TASKS.includes(task) && isOpenAiBaseUrl(call.endpointUrl)) {
      throw new InferenceClientInputError(
        `The endpoint URL is an OpenAI-compatible API (/v1), which serves chat completion, text generation and ` +
          `feature extraction (embeddings) only, not ${task}: use an Inference Endpoint or a server with the Hugging Face task API for it`,
      );
    }
    return { provider, route, providerModel: call.model ?? call.endpointUrl, hfModel: call.model, authMethod, baseUrl: call.endpointUrl };
  }
  if (!call.model) throw new InferenceClientInputError(`No model provided for task ${task}.`);
  const requested = call.provider || "auto";
  if (requested === "auto" && task === "conversational") {
    // As the reference: the router picks the provider for chat itself, from the Hub model id; no look-up here.
    if (authMethod === "provider-key") {
      throw new InferenceClientRoutingError("Cannot select auto-router when using non-Hugging Face API key.");
    }
    if (authMethod === "none") {
      throw new InferenceClientRoutingError("The auto-router for chat needs a Hugging Face token (hf_...): set one, or use an endpoint URL.");
    }
    const route = requireRoute(AUTO_ROUTER, task);
    return { provider: AUTO_ROUTER, route, providerModel: call.model, hfModel: call.model, authMethod, baseUrl: opts.routerUrl };
  }
  return routeByLookUp(task, call as CallRouting & { model: string }, opts, deadline, requested);
}

async function routeByLookUp(
  task: TaskId,
  call: CallRouting & { model: string },
  opts: ResolvedOptions,
  deadline: Deadline,
  requested: string,
): Promise<ResolvedRoute> {
  const authMethod = authMethodOf(call.accessToken);
  const lookup = {
    hubUrl: opts.hubUrl,
    accessToken: call.accessToken,
    transport: opts.transport,
    timeoutMs: opts.timeout,
    deadline,
  };
  let providerId = requested;
  // One look-up per call serves both "auto" and the provider's model id.
  let mappings: InferenceProviderMappingEntry[] | undefined;
  if (requested === "auto") {
    // As the reference: the "auto" look-up is anonymous (and then serves the rest of the call from the cache).
    mappings = await fetchInferenceProviderMapping(call.model, { ...lookup, accessToken: undefined });
    // The Hub lists providers in the user's order of preference; take the first one we can call for this task
    // (providers unknown to us, not serving the task, or, with an hf_ token, not behind the router are skipped).
    const first = mappings.find(
      (m) =>
        PROVIDERS[m.provider]?.tasks[task] &&
        tasksMatch(m.provider, task, m.task) &&
        !(authMethod === "hf-token" && PROVIDERS[m.provider].routed === false),
    );
    if (!first) {
      const listed = mappings.length ? ` (the Hub lists: ${mappings.map((m) => `${m.provider} for ${m.task}`).join(", ")})` : "";
      throw new InferenceClientInputError(`No Inference Provider available for model ${call.model} and task ${task}${listed}.`);
    }
    opts.logger.log(`Auto selected provider: ${first.provider}`);
    providerId = first.provider;
  }
  const provider = PROVIDERS[providerId];
  if (!provider) {
    throw new InferenceClientRoutingError(`Unknown provider "${providerId}". Known providers: ${Object.keys(PROVIDERS).join(", ")}.`);
  }
  const route = requireRoute(provider, task);
  const directUrl = (route.directBaseUrl ?? provider.baseUrl).replace("{router}", opts.routerUrl);
  if (authMethod === "hf-token" && provider.routed === false) {
    throw new InferenceClientInputError(
      `Provider ${provider.id} is not available through the Hugging Face router, so a Hugging Face token (hf_...) ` +
        `cannot be used with it: use your ${provider.id} API key instead (the call then goes directly to ${new URL(directUrl).host}).`,
    );
  }
  // A provider's own key goes to the provider; an hf_ token (or none) through the router. Providers the router
  // does not serve are always called directly.
  const direct = authMethod === "provider-key" || provider.routed === false;
  const baseUrl = direct ? directUrl : `${opts.routerUrl}/${provider.id}`;

  if (provider.clientSideRoutingOnly) {
    const prefix = `${provider.id}/`;
    const providerModel = call.model.startsWith(prefix) ? call.model.slice(prefix.length) : call.model;
    return { provider, route, providerModel, hfModel: call.model, authMethod, baseUrl };
  }
  mappings ??= await fetchInferenceProviderMapping(call.model, lookup);
  const mapping = mappings.find((m) => m.provider === provider.id);
  if (!mapping) {
    throw new InferenceClientInputError(
      `Model ${call.model} is not served by provider ${provider.id}` +
        (mappings.length ? ` (served by: ${mappings.map((m) => m.provider).join(", ")}).` : "."),
    );
  }
  if (!tasksMatch(provider.id, task, mapping.task)) {
    throw new InferenceClientInputError(
      `Model ${call.model} is not supported for task ${task} and provider ${provider.id}. Supported task: ${mapping.task}.`,
    );
  }
  if (mapping.status === "staging") {
    opts.logger.warn(`Model ${call.model} is in staging mode for provider ${provider.id}. Meant for test purposes only.`);
  }
  return { provider, route, providerModel: mapping.providerId, hfModel: call.model, mapping, authMethod, baseUrl };
}

function tasksMatch(provider: string, wanted: TaskId, listed: string): boolean {
  if (wanted === listed) return true;
  if (provider !== "hf-inference") return false;
  return EQUIVALENT_TASKS.some((group) => group.includes(wanted) && group.includes(listed as TaskId));
}

function requireRoute(provider: ProviderDefinition, task: TaskId): TaskRoute {
  const route = provider.tasks[task];
  if (!route) {
    const served = Object.keys(provider.tasks).join(", ");
    throw new InferenceClientRoutingError(`Provider ${provider.id} does not serve task ${task}. It serves: ${served}.`);
  }
  return route;
}
