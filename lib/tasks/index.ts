import type { TaskId } from "./ids";
import type { TaskDefinition } from "./types";
import { automaticSpeechRecognition } from "./defs/automatic-speech-recognition";
import { textClassification } from "./defs/text-classification";
import { textToImage } from "./defs/text-to-image";

/** The task table: one row per task; `InferenceClient` gets one method per row. */
export const TASKS: Partial<Record<TaskId, TaskDefinition>> = Object.fromEntries(
  [automaticSpeechRecognition, textClassification, textToImage].map((t) => [t.id, t]),
);

export function taskByMethod(method: string): TaskDefinition | undefined {
  return Object.values(TASKS).find((t) => t?.method === method);
}

export type { TaskId } from "./ids";
export type { BaseArgs, TaskDefinition } from "./types";
export type { AutomaticSpeechRecognitionArgs, AutomaticSpeechRecognitionOutput } from "./defs/automatic-speech-recognition";
export type { TextClassificationArgs, TextClassificationOutput } from "./defs/text-classification";
export type { TextToImageArgs } from "./defs/text-to-image";
