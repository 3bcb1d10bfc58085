import { openAiProvider } from "./openai-compatible";

/** Cohere's OpenAI compatibility API. */
export const cohere = openAiProvider({ id: "cohere", baseUrl: "https://api.cohere.com", chatPath: "compatibility/v1/chat/completions" });
