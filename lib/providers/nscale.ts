import { imageGenerationRoute, openAiProvider } from "./openai-compatible";

/** Nscale: chat, and images as base64 only (no URL output). */
export const nscale = openAiProvider({
  id: "nscale",
  baseUrl: "https://inference.api.nscale.com",
  tasks: { "text-to-image": imageGenerationRoute() },
});
