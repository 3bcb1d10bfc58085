import type { BaseArgs, TaskDefinition } from "../types";
import { isNumberList, jsonOf, malformed, ownInputs, requireColumns } from "../checks";
import type { TaskId } from "../ids";

/** Rows to predict, as column name -> one value per row (all columns the same length). */
export interface TabularArgs extends BaseArgs {
  inputs: { data: Record<string, string[]> };
}
export type TabularClassificationArgs = TabularArgs;
export type TabularRegressionArgs = TabularArgs;
/** One predicted label (classification) or value (regression) per row. */
export type TabularClassificationOutput = number[];
export type TabularRegressionOutput = number[];

function tabularTask(id: TaskId, method: string): TaskDefinition {
  return {
    id,
    method,
    validate(args) {
      const inputs = ownInputs(args, "{data: {column: values[]}}");
      requireColumns(inputs.data, "inputs.data");
    },
    output(answer) {
      const json = jsonOf(answer, id);
      if (!isNumberList(json)) throw malformed(id, "Array<number>");
      return json;
    },
  };
}

export const tabularClassification = tabularTask("tabular-classification", "tabularClassification");
export const tabularRegression = tabularTask("tabular-regression", "tabularRegression");
