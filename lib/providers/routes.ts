import { Binary } from "../binary";
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
  return (endpointUrl) => {
    const url = endpointUrl.trim().replace(/\/+$/, "");
    if (url.endsWith(suffix)) return url;
    return url.endsWith("/v1") ? `${url}${suffix}` : `${url}/v1${suffix}`;
  };
}
