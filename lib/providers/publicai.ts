import { openAiProvider } from "./openai-compatible";

export const publicai = openAiProvider({ id: "publicai", baseUrl: "https://api.publicai.co" });
