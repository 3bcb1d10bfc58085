import { binaryInputKind, type BinaryInput } from "../../binary";
import type { BaseArgs, TaskDefinition } from "../types";
import { labelsOf, ownInputs, requireBinary, requireCandidateLabels, type Label } from "../checks";

export interface ZeroShotImageClassificationArgs extends BaseArgs {
  /** The image, or (the reference's legacy form) `{image}`. */
  inputs: BinaryInput | { image: BinaryInput };
  parameters: { candidate_labels: string[]; hypothesis_template?: string; [key: string]: unknown };
}
export type ZeroShotImageClassificationOutput = Label[];

export const zeroShotImageClassification: TaskDefinition = {
  id: "zero-shot-image-classification",
  method: "zeroShotImageClassification",
  // Sent as `{inputs: {image: base64}, parameters}`, as the reference does.
  binaryFields: [{ path: "inputs.image", what: "image" }],
  validate(args) {
    if (binaryInputKind(args.inputs)) args.inputs = { image: args.inputs };
    const inputs = ownInputs(args, "the image (or {image})");
    requireBinary(inputs.image, "image", "inputs.image");
    requireCandidateLabels(args);
  },
  output: (answer) => labelsOf(answer, "zero-shot-image-classification"),
};
