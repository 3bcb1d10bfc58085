import type { BinaryInput } from "../../binary";
import type { BaseArgs, TaskDefinition } from "../types";
import { firstOf, hasString, requireBinary } from "../checks";

export interface ImageToTextArgs extends BaseArgs {
  inputs: BinaryInput;
  parameters?: { max_new_tokens?: number; generation_parameters?: Record<string, unknown>; [key: string]: unknown };
}
export interface ImageToTextOutput {
  generated_text: string;
}

export const imageToText: TaskDefinition = {
  id: "image-to-text",
  method: "imageToText",
  binaryFields: [{ path: "inputs", what: "image" }],
  validate: (args) => requireBinary(args.inputs, "image"),
  output: (answer) => firstOf<ImageToTextOutput>(answer, "image-to-text", (x) => hasString(x, "generated_text"), "{generated_text: string}"),
};
