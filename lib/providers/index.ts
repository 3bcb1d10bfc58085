import type { TaskId } from "../tasks/ids";
import { hfInference } from "./hf-inference";
import type { ProviderDefinition, TaskRoute } from "./types";

/** The provider table: one row per provider. Order is display order. */
export const PROVIDERS: Record<string, ProviderDefinition> = Object.fromEntries([hfInference].map((p) => [p.id, p]));

export const INFERENCE_PROVIDERS = Object.keys(PROVIDERS);
export type InferenceProvider = string;
export type InferenceProviderOrPolicy = InferenceProvider | "auto";

export function providerRoute(provider: string, task: TaskId): TaskRoute | undefined {
  return PROVIDERS[provider]?.tasks[task];
}

export function providersForTask(task: TaskId): string[] {
  return Object.values(PROVIDERS)
    .filter((p) => p.tasks[task])
    .map((p) => p.id);
}

export type { ProviderDefinition, TaskRoute } from "./types";
