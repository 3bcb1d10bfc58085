import { chatRoute, completionsRoute, embeddingsRoute, imageGenerationRoute, openAiProvider } from "./openai-compatible";

/** Nebius AI Studio; no longer behind the Hugging Face router: direct key only. */
export const nebius = openAiProvider({
  id: "nebius",
  baseUrl: "https://api.studio.nebius.ai",
  routed: false,
  tasks: {
    // Nebius (vLLM) enforces a JSON schema given as `guided_json`.
    conversational: chatRoute(undefined, {
      rewrite(body) {
        const format = body.response_format as { type?: string; json_schema?: { schema?: unknown } } | undefined;
        return format?.type === "json_schema" && format.json_schema?.schema ? { ...body, guided_json: format.json_schema.schema } : body;
      },
    }),
    "text-generation": completionsRoute(),
    "feature-extraction": embeddingsRoute(),
    // Nebius has no guidance scale and answers URLs only when asked.
    "text-to-image": imageGenerationRoute(undefined, { renames: { guidance_scale: null }, urlFormat: "url" }),
  },
});
