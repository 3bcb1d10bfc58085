import type { BinaryInput } from "../../binary";
import type { BaseArgs, TaskDefinition } from "../types";
import { jsonOf, malformed, requireBinary } from "../checks";

export interface ImageSegmentationArgs extends BaseArgs {
  inputs: BinaryInput;
  parameters?: {
    mask_threshold?: number;
    overlap_mask_area_threshold?: number;
    subtask?: "instance" | "panoptic" | "semantic";
    threshold?: number;
    [key: string]: unknown;
  };
}

/** One segment: `mask` is a base64 PNG, as the reference returns it. */
export type ImageSegmentationOutput = Array<{ label: string; mask: string; score?: number }>;

export const imageSegmentation: TaskDefinition = {
  id: "image-segmentation",
  method: "imageSegmentation",
  binaryFields: [{ path: "inputs", what: "image" }],
  validate: (args) => requireBinary(args.inputs, "image"),
  output(answer) {
    const json = jsonOf(answer, "image-segmentation");
    const ok = (x: Record<string, unknown>) =>
      typeof x?.label === "string" && typeof x.mask === "string" && (x.score === undefined || x.score === null || typeof x.score === "number");
    if (!Array.isArray(json) || !json.every(ok)) throw malformed("image-segmentation", "Array<{label: string, mask: string, score: number}>");
    return json as ImageSegmentationOutput;
  },
};
