import type { BaseArgs, TaskDefinition } from "../types";
import { isNumberList, jsonOf, malformed, ownInputs, requireText, requireTexts } from "../checks";

export interface SentenceSimilarityArgs extends BaseArgs {
  inputs: { source_sentence: string; sentences: string[] };
  parameters?: Record<string, unknown>;
}
/** One similarity score per sentence, in the order given. */
export type SentenceSimilarityOutput = number[];

export const sentenceSimilarity: TaskDefinition = {
  id: "sentence-similarity",
  method: "sentenceSimilarity",
  validate(args) {
    const inputs = ownInputs(args, "{source_sentence, sentences}");
    requireText(inputs.source_sentence, "inputs.source_sentence");
    requireTexts(inputs.sentences, "inputs.sentences");
  },
  output(answer) {
    const json = jsonOf(answer, "sentence-similarity");
    if (!isNumberList(json)) throw malformed("sentence-similarity", "Array<number>");
    return json;
  },
};
