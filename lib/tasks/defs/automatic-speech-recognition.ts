import type { BinaryInput } from "../../binary";
import type { BaseArgs, TaskDefinition } from "../types";
import { jsonOf, malformed } from "../checks";

export interface AutomaticSpeechRecognitionArgs extends BaseArgs {
  inputs: BinaryInput;
  parameters?: { return_timestamps?: boolean; generation_parameters?: Record<string, unknown>; [key: string]: unknown };
}

export interface AutomaticSpeechRecognitionOutput {
  text: string;
  chunks?: Array<{ text: string; timestamp: [number, number | null] }>;
}

export const automaticSpeechRecognition: TaskDefinition = {
  id: "automatic-speech-recognition",
  method: "automaticSpeechRecognition",
  binaryFields: [{ path: "inputs", what: "audio" }],
  output(answer) {
    const json = jsonOf(answer, "automatic-speech-recognition") as AutomaticSpeechRecognitionOutput;
    if (typeof json?.text !== "string") throw malformed("automatic-speech-recognition", "{text: string}");
    return json;
  },
};
