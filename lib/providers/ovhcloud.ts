import { completionsRoute, openAiProvider } from "./openai-compatible";

/** OVHcloud AI Endpoints. */
export const ovhcloud = openAiProvider({
  id: "ovhcloud",
  baseUrl: "https://oai.endpoints.kepler.ai.cloud.ovh.net",
  tasks: { "text-generation": completionsRoute() },
});
