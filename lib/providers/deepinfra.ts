import { completionsRoute, embeddingsRoute, imageGenerationRoute, openAiProvider, speechRoute, transcriptionRoute } from "./openai-compatible";

/** DeepInfra's OpenAI-compatible API lives under `v1/openai`. */
export const deepinfra = openAiProvider({
  id: "deepinfra",
  baseUrl: "https://api.deepinfra.com",
  chatPath: "v1/openai/chat/completions",
  tasks: {
    "text-generation": completionsRoute("v1/openai/completions"),
    "feature-extraction": embeddingsRoute("v1/openai/embeddings"),
    "text-to-image": imageGenerationRoute("v1/openai/images/generations", { urlFormat: "url" }),
    "text-to-speech": speechRoute("v1/openai/audio/speech"),
    "automatic-speech-recognition": transcriptionRoute("v1/openai/audio/transcriptions"),
  },
});
