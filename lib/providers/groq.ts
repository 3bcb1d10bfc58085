import { chatTextGenerationRoute, openAiProvider } from "./openai-compatible";

const CHAT = "openai/v1/chat/completions";

/** Groq only chats: text-generation is sent as a one-message chat. */
export const groq = openAiProvider({
  id: "groq",
  baseUrl: "https://api.groq.com",
  chatPath: CHAT,
  tasks: { "text-generation": chatTextGenerationRoute(CHAT) },
});
