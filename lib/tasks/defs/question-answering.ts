import type { BaseArgs, TaskDefinition } from "../types";
import { firstOf, ownInputs, requireText } from "../checks";

export interface QuestionAnsweringArgs extends BaseArgs {
  inputs: { question: string; context: string };
  parameters?: { top_k?: number; max_answer_len?: number; handle_impossible_answer?: boolean; [key: string]: unknown };
}
export interface QuestionAnsweringOutput {
  answer: string;
  score: number;
  start: number;
  end: number;
}

export const questionAnswering: TaskDefinition = {
  id: "question-answering",
  method: "questionAnswering",
  validate(args) {
    const inputs = ownInputs(args, "{question, context}");
    requireText(inputs.question, "inputs.question");
    requireText(inputs.context, "inputs.context");
  },
  output: (answer) =>
    firstOf<QuestionAnsweringOutput>(
      answer,
      "question-answering",
      (x: Record<string, unknown>) =>
        typeof x?.answer === "string" && typeof x.score === "number" && typeof x.start === "number" && typeof x.end === "number",
      "{answer: string, score: number, start: number, end: number}",
    ),
};
