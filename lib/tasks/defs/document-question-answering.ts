import type { BinaryInput } from "../../binary";
import type { BaseArgs, TaskDefinition } from "../types";
import { firstOf, hasString, ownInputs, requireBinary, requireText } from "../checks";

export interface DocumentQuestionAnsweringArgs extends BaseArgs {
  inputs: { image: BinaryInput; question: string };
  parameters?: { top_k?: number; max_answer_len?: number; lang?: string; [key: string]: unknown };
}

export interface DocumentQuestionAnsweringOutput {
  answer: string;
  score?: number;
  start?: number;
  end?: number;
}

export const documentQuestionAnswering: TaskDefinition = {
  id: "document-question-answering",
  method: "documentQuestionAnswering",
  binaryFields: [{ path: "inputs.image", what: "document" }],
  validate(args) {
    const inputs = ownInputs(args, "{image, question}");
    requireBinary(inputs.image, "document", "inputs.image");
    requireText(inputs.question, "inputs.question");
  },
  output: (answer) =>
    firstOf<DocumentQuestionAnsweringOutput>(answer, "document-question-answering", (x) => hasString(x, "answer"), "Array<{answer: string, score?: number}>"),
};
