import { openAiProvider } from "./openai-compatible";

/** Baseten's Model APIs: OpenAI-compatible chat. */
export const baseten = openAiProvider({ id: "baseten", baseUrl: "https://inference.baseten.co" });
