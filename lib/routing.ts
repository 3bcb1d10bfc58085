import { InferenceClientInputError, InferenceClientRoutingError } from "./errors";
import type { Deadline } from "./http/deadline";
import { fetchInferenceProviderMapping, type InferenceProviderMappingEntry } from "./hub/mapping";
import type { ResolvedOptions } from "./options";
import { PROVIDERS } from "./providers";
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

export async function resolveRoute(
  task: TaskId,
  call: { model?: string; provider?: string; accessToken?: string; endpointUrl?: string },
  opts: ResolvedOptions,
  deadline: Deadline,
): Promise<ResolvedRoute> {
  const authMethod = authMethodOf(call.accessToken);
  if (call.model && /^https?:\/\//.test(call.model)) {
    throw new InferenceClientInputError("Model URLs are no longer supported. Use endpointUrl instead.");
  }
  if (call.endpointUrl) {
    // A dedicated endpoint or local server speaks the hf-inference / OpenAI dialect; the provider is not used.
    const provider = PROVIDERS["hf-inference"];
    const route = requireRoute(provider, task);
    return { provider, route, providerModel: call.model ?? call.endpointUrl, hfModel: call.model, authMethod, baseUrl: call.endpointUrl };
  }
  if (!call.model) throw new InferenceClientInputError(`No model provided for task ${task}.`);
  const lookup = {
    hubUrl: opts.hubUrl,
    accessToken: call.accessToken,
    transport: opts.transport,
    timeoutMs: opts.timeout,
    deadline,
  };

  const requested = call.provider || "auto";
  let providerId = requested;
  if (requested === "auto") {
    const mappings = await fetchInferenceProviderMapping(call.model, lookup);
    const first = mappings.find((m) => PROVIDERS[m.provider]?.tasks[task] && tasksMatch(m.provider, task, m.task));
    if (!first) throw new InferenceClientInputError(`No Inference Provider available for model ${call.model} and task ${task}.`);
    opts.logger.log(`Auto selected provider: ${first.provider}`);
    providerId = first.provider;
  }
  const provider = PROVIDERS[providerId];
  if (!provider) {
    throw new InferenceClientRoutingError(`Unknown provider "${providerId}". Known providers: ${Object.keys(PROVIDERS).join(", ")}.`);
  }
  const route = requireRoute(provider, task);
  if (authMethod === "hf-token" && provider.routed === false) {
    throw new InferenceClientInputError(
      `Provider ${provider.id} is not served by the Hugging Face router: use the provider's own API key, not a Hugging Face token.`,
    );
  }
  const baseUrl = authMethod === "provider-key" ? provider.baseUrl.replace("{router}", opts.routerUrl) : `${opts.routerUrl}/${provider.id}`;

  if (provider.clientSideRoutingOnly) {
    const prefix = `${provider.id}/`;
    const providerModel = call.model.startsWith(prefix) ? call.model.slice(prefix.length) : call.model;
    return { provider, route, providerModel, hfModel: call.model, authMethod, baseUrl };
  }
  const mappings = await fetchInferenceProviderMapping(call.model, lookup);
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
