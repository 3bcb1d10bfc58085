import { openAiProvider } from "./openai-compatible";

/**
 * OpenAI itself: closed models, so no Hub mapping (`openai/gpt-4o` or `gpt-4o` is sent as `gpt-4o`) and no router:
 * an OpenAI key only.
 */
export const openai = openAiProvider({ id: "openai", baseUrl: "https://api.openai.com", routed: false, clientSideRoutingOnly: true });
