import type { BaseArgs, TaskDefinition } from "../types";
import { jsonOf, malformed, requireTextOrTexts } from "../checks";

export interface FeatureExtractionArgs extends BaseArgs {
  inputs: string | string[];
  parameters?: { normalize?: boolean; prompt_name?: string; truncate?: boolean; truncation_direction?: "left" | "right"; [key: string]: unknown };
  encoding_format?: "float" | "base64";
  dimensions?: number | null;
}

/** A vector, a vector per token, or one of those per input text (depends on the model's pooling). */
export type FeatureExtractionOutput = (number | number[] | number[][])[];

function isNumbersDeep(value: unknown, depth: number): boolean {
  if (!Array.isArray(value)) return false;
  if (value.every((x) => typeof x === "number")) return true;
  return depth > 0 && value.every((x) => isNumbersDeep(x, depth - 1));
}

export const featureExtraction: TaskDefinition = {
  id: "feature-extraction",
  method: "featureExtraction",
  validate: (args) => requireTextOrTexts(args.inputs),
  output(answer) {
    const json = jsonOf(answer, "feature-extraction");
    if (!isNumbersDeep(json, 3)) throw malformed("feature-extraction", "Array<number[][][] | number[][] | number[] | number>");
    return json as FeatureExtractionOutput;
  },
};
