import { chatRoute } from "../providers/openai-compatible";
import { openAiEndpoint } from "../providers/routes";
import type { ProviderDefinition, TaskRoute } from "../providers/types";

/** An endpoint URL as the reference reads it for chat: kept if it ends in `/chat/completions`, else `[/v1]/chat/completions` appended. */
export const chatEndpointUrl = openAiEndpoint("/chat/completions");

/** hf-inference serves chat per model, under the model's own OpenAI-style path; endpoints and local servers too. */
export const hfInferenceChatRoute: TaskRoute = {
  ...chatRoute(),
  path: (ctx) => `models/${ctx.model}/v1/chat/completions`,
  endpointPath: (endpointUrl) => chatEndpointUrl(endpointUrl),
};

/**
 * The router's own provider choice for chat (`provider: "auto"`): it takes the Hub model id as is, so no Hub
 * look-up is needed. Only a Hugging Face token can use it.
 */
export const AUTO_ROUTER: ProviderDefinition = {
  id: "auto",
  baseUrl: "{router}",
  tasks: { conversational: chatRoute("v1/chat/completions") },
};
