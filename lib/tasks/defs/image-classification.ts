import type { BinaryInput } from "../../binary";
import type { BaseArgs, TaskDefinition } from "../types";
import { labelsOf, requireBinary, type Label } from "../checks";

export interface ImageClassificationArgs extends BaseArgs {
  inputs: BinaryInput;
  parameters?: { function_to_apply?: "sigmoid" | "softmax" | "none"; top_k?: number; [key: string]: unknown };
}
export type ImageClassificationOutput = Label[];

export const imageClassification: TaskDefinition = {
  id: "image-classification",
  method: "imageClassification",
  binaryFields: [{ path: "inputs", what: "image" }],
  validate: (args) => requireBinary(args.inputs, "image"),
  output: (answer) => labelsOf(answer, "image-classification"),
};
