import { embeddingsRoute, openAiProvider } from "./openai-compatible";

/** SambaNova Cloud; no longer behind the Hugging Face router: direct key only. */
export const sambanova = openAiProvider({
  id: "sambanova",
  baseUrl: "https://api.sambanova.ai",
  routed: false,
  tasks: { "feature-extraction": embeddingsRoute() },
});
