import type { BinaryInput } from "../../binary";
import type { BaseArgs, TaskDefinition } from "../types";
import { firstOf, hasString, ownInputs, requireBinary, requireText } from "../checks";

export interface VisualQuestionAnsweringArgs extends BaseArgs {
  inputs: { image: BinaryInput; question: string };
  parameters?: { top_k?: number; [key: string]: unknown };
}
export interface VisualQuestionAnsweringOutput {
  answer: string;
  score: number;
}

export const visualQuestionAnswering: TaskDefinition = {
  id: "visual-question-answering",
  method: "visualQuestionAnswering",
  binaryFields: [{ path: "inputs.image", what: "image" }],
  validate(args) {
    const inputs = ownInputs(args, "{image, question}");
    requireBinary(inputs.image, "image", "inputs.image");
    requireText(inputs.question, "inputs.question");
  },
  output: (answer) =>
    firstOf<VisualQuestionAnsweringOutput>(
      answer,
      "visual-question-answering",
      (x) => hasString(x, "answer") && typeof x.score === "number",
      "Array<{answer: string, score: number}>",
    ),
};
