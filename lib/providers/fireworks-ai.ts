import { openAiProvider } from "./openai-compatible";

export const fireworksAi = openAiProvider({ id: "fireworks-ai", baseUrl: "https://api.fireworks.ai", chatPath: "inference/v1/chat/completions" });
