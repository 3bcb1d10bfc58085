import { chatRoute, openAiProvider } from "./openai-compatible";
import { omit } from "./routes";

/** Cerebras: OpenAI-compatible chat that refuses OpenAI's own `store` field (400 wrong_api_format). */
export const cerebras = openAiProvider({
  id: "cerebras",
  baseUrl: "https://api.cerebras.ai",
  tasks: { conversational: chatRoute(undefined, { rewrite: (body) => omit(body, ["store"]) }) },
});
