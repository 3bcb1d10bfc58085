import type { BinaryInput } from "../../binary";
import type { BaseArgs, TaskDefinition } from "../types";
import { hasString, jsonOf, malformed, requireBinary } from "../checks";

export interface AudioToAudioArgs extends BaseArgs {
  inputs: BinaryInput;
  parameters?: Record<string, unknown>;
}

/** One output clip: base64 audio in `blob`, its type in `content-type` (as the reference returns it). */
export interface AudioToAudioOutput {
  blob: string;
  "content-type": string;
  label: string;
}

export const audioToAudio: TaskDefinition = {
  id: "audio-to-audio",
  method: "audioToAudio",
  binaryFields: [{ path: "inputs", what: "audio" }],
  validate: (args) => requireBinary(args.inputs, "audio"),
  output(answer) {
    const json = jsonOf(answer, "audio-to-audio");
    const ok = (x: unknown) => hasString(x, "label") && hasString(x, "blob") && hasString(x, "content-type");
    if (!Array.isArray(json) || !json.every(ok)) {
      throw malformed("audio-to-audio", "Array<{label: string, blob: string, content-type: string}>");
    }
    return json as AudioToAudioOutput[];
  },
};
