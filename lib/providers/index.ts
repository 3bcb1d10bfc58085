import type { TaskId } from "../tasks/ids";
import { baseten } from "./baseten";
import { blackForestLabs } from "./black-forest-labs";
import { cerebras } from "./cerebras";
import { clarifai } from "./clarifai";
import { cohere } from "./cohere";
import { deepinfra } from "./deepinfra";
import { falAi } from "./fal-ai";
import { featherlessAi } from "./featherless-ai";
import { fireworksAi } from "./fireworks-ai";
import { groq } from "./groq";
import { hfInference } from "./hf-inference";
import { hyperbolic } from "./hyperbolic";
import { nebius } from "./nebius";
import { novita } from "./novita";
import { nscale } from "./nscale";
import { nvidia } from "./nvidia";
import { openai } from "./openai";
import { ovhcloud } from "./ovhcloud";
import { publicai } from "./publicai";
import { replicate } from "./replicate";
import { sambanova } from "./sambanova";
import { scaleway } from "./scaleway";
import { together } from "./together";
import { wavespeed } from "./wavespeed";
import { zaiOrg } from "./zai-org";
import type { ProviderDefinition } from "./types";

/** The provider table: one row per provider. Order is display order (alphabetical). */
// A null prototype: provider names come from msgs and from the Hub, and "constructor" or "__proto__" must not
// find anything.
export const PROVIDERS: Record<string, ProviderDefinition> = Object.assign(Object.create(null) as Record<string, ProviderDefinition>, Object.fromEntries(
  [
    baseten,
    blackForestLabs,
    cerebras,
    clarifai,
    cohere,
    deepinfra,
    falAi,
    featherlessAi,
    fireworksAi,
    groq,
    hfInference,
    hyperbolic,
    nebius,
    novita,
    nscale,
    nvidia,
    openai,
    ovhcloud,
    publicai,
    replicate,
    sambanova,
    scaleway,
    together,
    wavespeed,
    zaiOrg,
  ].map((p) => [p.id, p]),
  ),
);

export const INFERENCE_PROVIDERS = Object.keys(PROVIDERS);
export type InferenceProvider = string;
export type InferenceProviderOrPolicy = InferenceProvider | "auto";

export function providersForTask(task: TaskId): string[] {
  return Object.values(PROVIDERS)
    .filter((p) => p.tasks[task])
    .map((p) => p.id);
}

export type { ProviderDefinition, TaskRoute } from "./types";
