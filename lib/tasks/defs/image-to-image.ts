import type { BinaryInput } from "../../binary";
import type { BaseArgs, TaskDefinition } from "../types";
import { blobOf, requireBinary } from "../checks";

export interface ImageToImageArgs extends BaseArgs {
  inputs: BinaryInput;
  parameters?: {
    prompt?: string;
    negative_prompt?: string;
    guidance_scale?: number;
    num_inference_steps?: number;
    target_size?: { width: number; height: number };
    [key: string]: unknown;
  };
}

export const imageToImage: TaskDefinition = {
  id: "image-to-image",
  method: "imageToImage",
  binaryFields: [{ path: "inputs", what: "image" }],
  validate: (args) => requireBinary(args.inputs, "image"),
  output: (answer) => blobOf(answer, "image-to-image"),
};
