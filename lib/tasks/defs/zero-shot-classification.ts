import type { BaseArgs, TaskDefinition } from "../types";
import { isLabelList, jsonOf, malformed, requireCandidateLabels, requireTextOrTexts, sortByScore, type Label } from "../checks";

export interface ZeroShotClassificationArgs extends BaseArgs {
  inputs: string | string[];
  parameters: { candidate_labels: string[]; hypothesis_template?: string; multi_label?: boolean; [key: string]: unknown };
}
/** The labels, highest score first; one list per text for an array of texts. */
export type ZeroShotClassificationOutput = Label[];

/** The pipeline's own shape, `{sequence, labels, scores}`, as a label list. */
function fromLegacy(item: unknown): Label[] | undefined {
  const x = item as { labels?: unknown; scores?: unknown };
  if (!x || !Array.isArray(x.labels) || !Array.isArray(x.scores) || x.labels.length !== x.scores.length) return undefined;
  if (!x.labels.every((l) => typeof l === "string") || !x.scores.every((s) => typeof s === "number")) return undefined;
  return x.labels.map((label, i) => ({ label, score: (x.scores as number[])[i] }));
}

export const zeroShotClassification: TaskDefinition = {
  id: "zero-shot-classification",
  method: "zeroShotClassification",
  validate(args) {
    requireTextOrTexts(args.inputs);
    requireCandidateLabels(args);
  },
  output(answer) {
    const json = jsonOf(answer, "zero-shot-classification");
    if (isLabelList(json)) return sortByScore(json);
    const single = fromLegacy(json);
    if (single) return sortByScore(single);
    const lists = Array.isArray(json) ? json.map((item) => (isLabelList(item) ? item : fromLegacy(item))) : [];
    if (lists.length && lists.every((l): l is Label[] => !!l)) {
      return lists.length === 1 ? sortByScore(lists[0]) : lists.map(sortByScore);
    }
    throw malformed("zero-shot-classification", "Array<{label: string, score: number}>");
  },
};
