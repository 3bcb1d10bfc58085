import type { TaskDefinition } from "../types";
import type { BaseArgs } from "../types";
import { isLabelList, jsonOf, malformed, requireTextOrTexts, sortByScore, type Label } from "../checks";

export interface TextClassificationArgs extends BaseArgs {
  inputs: string;
  parameters?: { function_to_apply?: "sigmoid" | "softmax" | "none"; top_k?: number };
}
export type TextClassificationOutput = Label[];

export const textClassification: TaskDefinition = {
  id: "text-classification",
  method: "textClassification",
  validate: (args) => requireTextOrTexts(args.inputs),
  output(answer) {
    const json = jsonOf(answer, "text-classification");
    // hf-inference wraps one input's labels in an outer array; an array of texts gets one list per text, in order.
    const lists = Array.isArray(json) && Array.isArray(json[0]) ? json : [json];
    if (!lists.every(isLabelList)) throw malformed("text-classification", "Array<{label: string, score: number}>");
    return lists.length === 1 ? sortByScore(lists[0]) : lists.map(sortByScore);
  },
};
