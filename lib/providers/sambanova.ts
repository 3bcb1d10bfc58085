import { chatRoute, embeddingsRoute, openAiProvider } from "./openai-compatible";

/** SambaNova Cloud; no longer behind the Hugging Face router: direct key only. */
export const sambanova = openAiProvider({
  id: "sambanova",
  baseUrl: "https://api.sambanova.ai",
  routed: false,
  tasks: {
    // SambaNova refuses strict JSON schemas: `strict` (true or unset) is sent as false.
    conversational: chatRoute(undefined, {
      rewrite(body) {
        const format = body.response_format as { type?: string; json_schema?: { strict?: boolean } } | undefined;
        if (format?.type !== "json_schema" || !format.json_schema || format.json_schema.strict === false) return body;
        return { ...body, response_format: { ...format, json_schema: { ...format.json_schema, strict: false } } };
      },
    }),
    "feature-extraction": embeddingsRoute(),
  },
});
