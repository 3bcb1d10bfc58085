import { completionsRoute, embeddingsRoute, imageGenerationRoute, openAiProvider } from "./openai-compatible";

/** Nebius AI Studio; no longer behind the Hugging Face router: direct key only. */
export const nebius = openAiProvider({
  id: "nebius",
  baseUrl: "https://api.studio.nebius.ai",
  routed: false,
  tasks: {
    "text-generation": completionsRoute(),
    "feature-extraction": embeddingsRoute(),
    // Nebius has no guidance scale and answers URLs only when asked.
    "text-to-image": imageGenerationRoute(undefined, { renames: { guidance_scale: null }, urlFormat: "url" }),
  },
});
