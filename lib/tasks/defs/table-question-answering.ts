import type { BaseArgs, TaskDefinition } from "../types";
import { firstOf, ownInputs, requireColumns, requireText } from "../checks";

export interface TableQuestionAnsweringArgs extends BaseArgs {
  inputs: { query: string; table: Record<string, string[]> };
  parameters?: { padding?: string; sequential?: boolean; truncation?: boolean; [key: string]: unknown };
}
export interface TableQuestionAnsweringOutput {
  answer: string;
  cells: string[];
  coordinates: number[][];
  aggregator?: string;
}

export const tableQuestionAnswering: TaskDefinition = {
  id: "table-question-answering",
  method: "tableQuestionAnswering",
  validate(args) {
    const inputs = ownInputs(args, "{query, table}");
    requireText(inputs.query, "inputs.query");
    requireColumns(inputs.table, "inputs.table");
  },
  output: (answer) =>
    firstOf<TableQuestionAnsweringOutput>(
      answer,
      "table-question-answering",
      (x: Record<string, unknown>) =>
        typeof x?.answer === "string" &&
        Array.isArray(x.cells) &&
        Array.isArray(x.coordinates) &&
        (x.aggregator === undefined || typeof x.aggregator === "string"),
      "{aggregator: string, answer: string, cells: string[], coordinates: number[][]}",
    ),
};
