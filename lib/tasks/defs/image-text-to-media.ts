import type { BinaryInput } from "../../binary";
import type { BaseArgs, TaskDefinition } from "../types";
import { blobOf, requireBinary } from "../checks";
import type { TaskId } from "../ids";

/** An image and a text prompt (`parameters.prompt`) in, a generated image or video out. */
export interface ImageTextToImageArgs extends BaseArgs {
  inputs: BinaryInput;
  parameters?: {
    prompt?: string;
    negative_prompt?: string;
    guidance_scale?: number;
    num_inference_steps?: number;
    seed?: number;
    target_size?: { width: number; height: number };
    [key: string]: unknown;
  };
}
export type ImageTextToVideoArgs = ImageTextToImageArgs & { parameters?: { num_frames?: number } };

function imageTextTo(id: TaskId, method: string): TaskDefinition {
  return {
    id,
    method,
    // The image is optional: providers generate from the prompt alone when none is given (as the reference).
    binaryFields: [{ path: "inputs", what: "image", optional: true }],
    validate: (args) => {
      if (args.inputs !== undefined && args.inputs !== null) requireBinary(args.inputs, "image");
    },
    output: (answer) => blobOf(answer, id),
  };
}

export const imageTextToImage = imageTextTo("image-text-to-image", "imageTextToImage");
export const imageTextToVideo = imageTextTo("image-text-to-video", "imageTextToVideo");
