import { openAiProvider } from "./openai-compatible";

/** Clarifai's OpenAI-compatible API; no longer behind the Hugging Face router: direct key only. */
export const clarifai = openAiProvider({ id: "clarifai", baseUrl: "https://api.clarifai.com/v2/ext/openai", routed: false });
