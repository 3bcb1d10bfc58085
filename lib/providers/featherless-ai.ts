import { completionsRoute, openAiProvider } from "./openai-compatible";

export const featherlessAi = openAiProvider({
  id: "featherless-ai",
  baseUrl: "https://api.featherless.ai",
  tasks: { "text-generation": completionsRoute() },
});
