import type { BaseArgs, TaskDefinition } from "../types";
import { jsonOf, malformed, requireText } from "../checks";

export interface TokenClassificationArgs extends BaseArgs {
  inputs: string;
  parameters?: { aggregation_strategy?: "none" | "simple" | "first" | "average" | "max"; ignore_labels?: string[]; stride?: number; [key: string]: unknown };
}

/** Entities in text order; `entity_group` with an aggregation strategy, `entity` without. */
export type TokenClassificationOutput = Array<{ entity_group?: string; entity?: string; score: number; word: string; start: number; end: number }>;

export const tokenClassification: TaskDefinition = {
  id: "token-classification",
  method: "tokenClassification",
  validate: (args) => requireText(args.inputs),
  output(answer) {
    const json = jsonOf(answer, "token-classification");
    const ok = (x: Record<string, unknown>) =>
      (typeof x?.entity_group === "string" || typeof x?.entity === "string") &&
      typeof x.score === "number" &&
      typeof x.word === "string" &&
      (x.start === null || typeof x.start === "number") &&
      (x.end === null || typeof x.end === "number");
    if (!Array.isArray(json) || !json.every(ok)) {
      throw malformed("token-classification", "Array<{end: number, entity_group: string, score: number, start: number, word: string}>");
    }
    return json as TokenClassificationOutput;
  },
};
