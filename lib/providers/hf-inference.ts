import { hfInferenceChatRoute } from "../chat/route";
import { bytesMediaOutput, jsonBodyWithoutUrlOutput } from "./async";
import { embeddingsRoute, openAiOnV1Endpoint } from "./openai-compatible";
import type { ProviderDefinition } from "./types";
import { bytesOrJsonBody, jsonBody, omit, openAiEndpoint, paramsOf, route } from "./routes";

/** Hugging Face's own serverless inference: Hub model ids, task payloads as the Hub's pipelines take them. */
const model = route("models/{model}");
/** Image and audio pipelines: raw bytes alone, or base64 in JSON when parameters come with them. */
const bytes = route("models/{model}", { body: bytesOrJsonBody });
/** Pipelines that take base64 inside JSON only (segmentation, composite image inputs). */
const json = route("models/{model}", { body: jsonBody });
/** Sentence-transformers models serve both tasks; the pipeline path says which one is wanted. */
const pipeline = (task: string) => route(`models/{model}/pipeline/${task}`);

/** Text generation as OpenAI-style completions, with TGI parameter names mapped as the reference does. */
const completions = route("models/{model}/v1/completions", {
  endpointPath: openAiEndpoint("/completions"),
  body(ctx) {
    const parameters = paramsOf(ctx);
    const hasParameters = ctx.args.parameters !== undefined;
    return {
      json: {
        model: ctx.model,
        ...omit(ctx.args, ["inputs", "parameters"]),
        ...(hasParameters ? { max_tokens: parameters.max_new_tokens, ...omit(parameters, ["max_new_tokens"]) } : {}),
        prompt: ctx.args.inputs,
      },
    };
  },
});

export const hfInference: ProviderDefinition = {
  id: "hf-inference",
  baseUrl: "{router}/hf-inference",
  tasks: {
    "audio-classification": bytes,
    "audio-to-audio": bytes,
    "automatic-speech-recognition": bytes,
    conversational: hfInferenceChatRoute,
    "document-question-answering": json,
    // On an OpenAI-style endpoint URL (`.../v1`: llama.cpp, Ollama, vLLM, LiteLLM), embeddings go to `/v1/embeddings`.
    "feature-extraction": openAiOnV1Endpoint(pipeline("feature-extraction"), embeddingsRoute(), "/embeddings"),
    "fill-mask": model,
    "image-classification": bytes,
    "image-segmentation": json,
    // Not served by hf-inference's shared pool today; these rows make dedicated endpoints (endpointUrl) work.
    "image-text-to-image": bytes,
    "image-text-to-video": bytes,
    "image-to-image": bytes,
    "image-to-text": bytes,
    "image-to-video": json,
    "object-detection": bytes,
    "question-answering": model,
    "sentence-similarity": pipeline("sentence-similarity"),
    summarization: model,
    "table-question-answering": model,
    "tabular-classification": model,
    "tabular-regression": model,
    "text-classification": model,
    "text-generation": completions,
    "text-to-audio": model,
    "text-to-image": route("models/{model}", { body: jsonBodyWithoutUrlOutput, output: bytesMediaOutput }),
    "text-to-speech": model,
    "text-to-video": model,
    "token-classification": model,
    translation: model,
    "visual-question-answering": json,
    "zero-shot-classification": model,
    "zero-shot-image-classification": json,
  },
};
