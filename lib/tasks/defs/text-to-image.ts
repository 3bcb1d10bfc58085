import type { BaseArgs, TaskDefinition } from "../types";
import { blobOf, requireText } from "../checks";

export interface TextToImageArgs extends BaseArgs {
  inputs: string;
  parameters?: {
    guidance_scale?: number;
    negative_prompt?: string;
    num_inference_steps?: number;
    target_size?: { width: number; height: number };
    width?: number;
    height?: number;
    scheduler?: string;
    seed?: number;
    [key: string]: unknown;
  };
}

export const textToImage: TaskDefinition = {
  id: "text-to-image",
  method: "textToImage",
  validate: (args) => requireText(args.inputs),
  output: (answer) => blobOf(answer, "text-to-image"),
};
