import type { BinaryInput } from "../../binary";
import type { BaseArgs, TaskDefinition } from "../types";
import { labelsOf, requireBinary, type Label } from "../checks";

export interface AudioClassificationArgs extends BaseArgs {
  inputs: BinaryInput;
  parameters?: { function_to_apply?: "sigmoid" | "softmax" | "none"; top_k?: number; [key: string]: unknown };
}
export type AudioClassificationOutput = Label[];

export const audioClassification: TaskDefinition = {
  id: "audio-classification",
  method: "audioClassification",
  binaryFields: [{ path: "inputs", what: "audio" }],
  validate: (args) => requireBinary(args.inputs, "audio"),
  output: (answer) => labelsOf(answer, "audio-classification"),
};
