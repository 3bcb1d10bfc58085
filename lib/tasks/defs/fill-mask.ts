import type { BaseArgs, TaskDefinition } from "../types";
import { jsonOf, malformed, requireText, sortByScore } from "../checks";

export interface FillMaskArgs extends BaseArgs {
  inputs: string;
  parameters?: { targets?: string[]; top_k?: number; [key: string]: unknown };
}

export type FillMaskOutput = Array<{ score: number; sequence: string; token: number; token_str: string }>;

export const fillMask: TaskDefinition = {
  id: "fill-mask",
  method: "fillMask",
  validate: (args) => requireText(args.inputs),
  output(answer) {
    const json = jsonOf(answer, "fill-mask");
    const ok = (x: Record<string, unknown>) =>
      typeof x?.score === "number" && typeof x.sequence === "string" && typeof x.token === "number" && typeof x.token_str === "string";
    if (!Array.isArray(json) || !json.every(ok)) {
      throw malformed("fill-mask", "Array<{score: number, sequence: string, token: number, token_str: string}>");
    }
    return sortByScore(json as FillMaskOutput);
  },
};
