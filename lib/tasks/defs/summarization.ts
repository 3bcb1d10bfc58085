import type { BaseArgs, TaskDefinition } from "../types";
import { hasString, oneOrMany, requireTextOrTexts } from "../checks";

export interface SummarizationArgs extends BaseArgs {
  inputs: string | string[];
  parameters?: { clean_up_tokenization_spaces?: boolean; truncation?: string; generate_parameters?: Record<string, unknown>; [key: string]: unknown };
}
export interface SummarizationOutput {
  summary_text: string;
}

export const summarization: TaskDefinition = {
  id: "summarization",
  method: "summarization",
  validate: (args) => requireTextOrTexts(args.inputs),
  // One text: one summary (as the reference); an array of texts: one summary each, in order.
  output: (answer) => oneOrMany<SummarizationOutput>(answer, "summarization", (x) => hasString(x, "summary_text"), "Array<{summary_text: string}>"),
};
