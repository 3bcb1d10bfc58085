import type { BinaryInput } from "../../binary";
import type { BaseArgs, TaskDefinition } from "../types";
import { blobOf, requireBinary } from "../checks";

export interface ImageToVideoArgs extends BaseArgs {
  inputs: BinaryInput;
  parameters?: {
    prompt?: string;
    negative_prompt?: string;
    num_frames?: number;
    num_inference_steps?: number;
    guidance_scale?: number;
    seed?: number;
    target_size?: { width: number; height: number };
    [key: string]: unknown;
  };
}

export const imageToVideo: TaskDefinition = {
  id: "image-to-video",
  method: "imageToVideo",
  binaryFields: [{ path: "inputs", what: "image" }],
  validate: (args) => requireBinary(args.inputs, "image"),
  output: (answer) => blobOf(answer, "image-to-video"),
};
