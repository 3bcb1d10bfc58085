import type { BaseArgs, TaskDefinition } from "../types";
import { blobOf, requireText } from "../checks";
import type { TaskId } from "../ids";

export interface TextToSpeechArgs extends BaseArgs {
  inputs: string;
  parameters?: { generation_parameters?: Record<string, unknown>; [key: string]: unknown };
}
export type TextToAudioArgs = TextToSpeechArgs;
export interface TextToVideoArgs extends BaseArgs {
  inputs: string;
  parameters?: { num_frames?: number; num_inference_steps?: number; guidance_scale?: number; negative_prompt?: string[]; seed?: number; [key: string]: unknown };
}

/** A text prompt in, generated media (a Blob with its type) out. */
function textToMedia(id: TaskId, method: string): TaskDefinition {
  return { id, method, validate: (args) => requireText(args.inputs), output: (answer) => blobOf(answer, id) };
}

export const textToSpeech = textToMedia("text-to-speech", "textToSpeech");
export const textToAudio = textToMedia("text-to-audio", "textToAudio");
export const textToVideo = textToMedia("text-to-video", "textToVideo");
