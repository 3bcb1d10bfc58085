import type { TaskNodeRow } from "./types";

/**
 * The node task table: every task node, its editor form, help and example flow are produced from these rows.
 * A new task node is a new row (and the library task it names).
 */
export const TASK_NODES: TaskNodeRow[] = [
  {
    task: "text-classification",
    method: "textClassification",
    family: "text",
    paletteLabel: "text classify",
    input: { kind: "text", batch: true },
    output: { kind: "labels" },
    exampleModel: "distilbert/distilbert-base-uncased-finetuned-sst-2-english",
    help: {
      summary: "Classifies a text (sentiment, topic, toxicity...) with a Hugging Face model.",
      input: "The text to classify (a string), or an array of strings classified in one request.",
      output: "The labels, each <code>{label, score}</code>, highest score first (one list per text for an array).",
      details: "Common parameters: <code>top_k</code>, <code>function_to_apply</code>.",
    },
    example: { payload: "I love this product, it works perfectly!", payloadType: "str", description: "Sentiment of a sentence." },
  },
  {
    task: "text-to-image",
    method: "textToImage",
    family: "vision",
    paletteLabel: "text to image",
    input: { kind: "text" },
    output: { kind: "binary" },
    exampleModel: "black-forest-labs/FLUX.1-schnell",
    help: {
      summary: "Generates an image from a text prompt.",
      input: "The prompt (a string).",
      output: "The image as a <code>Buffer</code> (PNG or JPEG), with <code>msg.contentType</code>.",
      details:
        "Common parameters: <code>negative_prompt</code>, <code>width</code>, <code>height</code>, " +
        "<code>num_inference_steps</code>, <code>guidance_scale</code>, <code>seed</code>. Feed the Buffer to a " +
        "<code>file</code> node to save it, or to a dashboard image widget.",
    },
    example: { payload: "An astronaut riding a horse on the moon, watercolour", payloadType: "str", description: "Generate an image and save it to a file." },
  },
  {
    task: "automatic-speech-recognition",
    method: "automaticSpeechRecognition",
    family: "audio",
    paletteLabel: "speech to text",
    input: { kind: "binary", what: "audio" },
    output: { kind: "text", field: "text" },
    exampleModel: "openai/whisper-large-v3",
    help: {
      summary: "Transcribes speech in an audio clip to text.",
      input: "The audio (WAV, FLAC, MP3, OGG...) as a <code>Buffer</code>, base64 string or data URL.",
      output: "The transcript (a string); <code>msg.hf.output.chunks</code> has timestamps when the model returns them.",
      details: "Read a file with a <code>file in</code> node set to output a single Buffer.",
    },
    example: { payload: "", payloadType: "str", description: "Transcribe an audio file read from disk." },
  },
];

export { nodeType } from "./types";
export type { TaskNodeRow } from "./types";
