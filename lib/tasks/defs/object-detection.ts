import type { BinaryInput } from "../../binary";
import type { BaseArgs, TaskDefinition } from "../types";
import { jsonOf, malformed, requireBinary } from "../checks";

export interface ObjectDetectionArgs extends BaseArgs {
  inputs: BinaryInput;
  parameters?: { threshold?: number; [key: string]: unknown };
}
export type ObjectDetectionOutput = Array<{ label: string; score: number; box: { xmin: number; ymin: number; xmax: number; ymax: number } }>;

export const objectDetection: TaskDefinition = {
  id: "object-detection",
  method: "objectDetection",
  binaryFields: [{ path: "inputs", what: "image" }],
  validate: (args) => requireBinary(args.inputs, "image"),
  output(answer) {
    const json = jsonOf(answer, "object-detection");
    const ok = (x: { label?: unknown; score?: unknown; box?: Record<string, unknown> }) =>
      typeof x?.label === "string" &&
      typeof x.score === "number" &&
      ["xmin", "ymin", "xmax", "ymax"].every((k) => typeof x.box?.[k] === "number");
    if (!Array.isArray(json) || !json.every(ok)) {
      throw malformed("object-detection", "Array<{label: string, score: number, box: {xmin, ymin, xmax, ymax}}>");
    }
    // In the server's order, as the reference returns them (the node sorts them by score).
    return json as ObjectDetectionOutput;
  },
};
