import type { ProviderDefinition } from "./types";
import { route } from "./routes";

/** Hugging Face's own serverless inference: Hub model ids, task payloads as the Hub's pipelines take them. */
const model = route("models/{model}");

export const hfInference: ProviderDefinition = {
  id: "hf-inference",
  baseUrl: "{router}/hf-inference",
  tasks: {
    "automatic-speech-recognition": model,
    "text-classification": model,
    "text-to-image": model,
  },
};
