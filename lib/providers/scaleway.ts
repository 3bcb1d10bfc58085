import { completionsRoute, embeddingsRoute, openAiProvider } from "./openai-compatible";

export const scaleway = openAiProvider({
  id: "scaleway",
  baseUrl: "https://api.scaleway.ai",
  tasks: { "text-generation": completionsRoute(undefined, { keepInputs: true }), "feature-extraction": embeddingsRoute() },
});
