import { Binary } from "../binary";
import { InferenceClientInputError, InferenceClientProviderOutputError } from "../errors";
import { TASKS } from "../tasks";
import { blobOf, jsonOf } from "../tasks/checks";
import type { TaskId } from "../tasks/ids";
import { mediaOutput } from "./async";
import { flatArgs, omit } from "./routes";
import type { CallContext, KeyStyle, ProviderDefinition, TaskRoute } from "./types";

/**
 * Routes for the OpenAI dialect most providers speak, so an OpenAI-compatible provider is a few lines:
 * chat (`v1/chat/completions`), text generation via completions, embeddings, image generation, speech, transcription.
 */

type BodyRewrite = (body: Record<string, unknown>, ctx: CallContext) => Record<string, unknown>;

/** The OpenAI chat request as the chat helper builds it, with `model` set to the provider's model id (first). */
export function chatRoute(path = "v1/chat/completions", opts: { rewrite?: BodyRewrite; headers?: Record<string, string> } = {}): TaskRoute {
  return {
    path: () => path,
    body(ctx) {
      // The caller's `model` never reaches ctx.args (it is a routing field): the provider's id goes first.
      const body = { model: ctx.model, ...ctx.args };
      return { json: opts.rewrite ? opts.rewrite(body, ctx) : body };
    },
    ...(opts.headers ? { headers: () => ({ ...opts.headers }) } : {}),
  };
}

/** Hugging Face text-generation args as an OpenAI completions request: `max_new_tokens` becomes `max_tokens`. */
export function completionsBody(ctx: CallContext): Record<string, unknown> {
  return { model: ctx.model, ...flatArgs(ctx, { max_new_tokens: "max_tokens" }), prompt: ctx.args.inputs };
}

export interface CompletionsOptions {
  /**
   * Keep the caller's `inputs` beside `prompt`, as the reference sends it to Together and Scaleway (so both send the
   * same body); parameters are still flattened, as those APIs read them.
   */
  keepInputs?: boolean;
  /** Fields of the first choice returned as `details` (Together: `finish_reason`, `seed`); default none. */
  details?: string[];
}

/** text-generation through `v1/completions`: `{generated_text}` from the first choice. */
export function completionsRoute(path = "v1/completions", opts: CompletionsOptions = {}): TaskRoute {
  return {
    path: () => path,
    body(ctx) {
      const body = completionsBody(ctx);
      return { json: opts.keepInputs ? { ...body, inputs: ctx.args.inputs } : body };
    },
    output(answer, ctx) {
      const json = jsonOf(answer, ctx.task) as { choices?: Array<Record<string, unknown>> };
      const choice = json?.choices?.[0];
      if (typeof choice?.text !== "string") throw malformedOpenAi(ctx, "{choices: [{text: string}]}");
      if (!opts.details) return { generated_text: choice.text };
      return { generated_text: choice.text, details: Object.fromEntries(opts.details.map((k) => [k, choice[k]]).filter(([, v]) => v !== undefined)) };
    },
  };
}

/** text-generation for providers that only chat: the prompt as one user message, the reply as `generated_text`. */
export function chatTextGenerationRoute(path = "v1/chat/completions"): TaskRoute {
  return {
    path: () => path,
    body(ctx) {
      const { prompt, ...rest } = completionsBody(ctx);
      return { json: { ...rest, messages: [{ role: "user", content: prompt }] } };
    },
    output(answer, ctx) {
      const json = jsonOf(answer, ctx.task) as { choices?: Array<{ message?: { content?: unknown } }> };
      const choice = json?.choices?.[0];
      if (typeof choice?.message?.content !== "string") throw malformedOpenAi(ctx, "{choices: [{message: {content: string}}]}");
      return { generated_text: choice.message.content };
    },
  };
}

/** feature-extraction through `v1/embeddings`: one vector per input, as `number[][]`. */
export function embeddingsRoute(path = "v1/embeddings"): TaskRoute {
  return {
    path: () => path,
    body: (ctx) => ({ json: { ...flatArgs(ctx), input: ctx.args.inputs, model: ctx.model } }),
    output: (answer, ctx) => embeddingsOutput(jsonOf(answer, ctx.task), ctx),
  };
}

export function embeddingsOutput(json: unknown, ctx: CallContext): number[][] {
  const data = (json as { data?: Array<{ embedding?: unknown; index?: number }> })?.data;
  if (!Array.isArray(data) || !data.every((d) => Array.isArray(d?.embedding))) {
    throw malformedOpenAi(ctx, "{data: [{embedding: number[]}]}");
  }
  const sorted = data.every((d) => typeof d.index === "number") ? [...data].sort((a, b) => a.index! - b.index!) : data;
  return sorted.map((d) => d.embedding as number[]);
}

export interface ImageGenerationOptions {
  /** Hugging Face parameter names to rename or drop (`null`). */
  renames?: Record<string, string | null>;
  /** Field carrying the model id (`model_name` for Hyperbolic). */
  modelField?: string;
  /** Parameters the provider requires, used when the caller gives none. */
  defaults?: Record<string, unknown>;
  /** Ask for URLs when the caller wants one (`outputType: "url"`), else base64. */
  urlFormat?: string;
  base64Format?: string;
}

/** text-to-image through `v1/images/generations` with base64 answers (`data[0].b64_json`, or a URL when asked). */
export function imageGenerationRoute(path = "v1/images/generations", opts: ImageGenerationOptions = {}): TaskRoute {
  return {
    path: () => path,
    body(ctx) {
      const wantsUrl = ctx.outputType === "url" && opts.urlFormat;
      // A provider that answers data only cannot give a URL: refused before anything is sent, as the reference does.
      if (ctx.outputType === "url" && !opts.urlFormat) {
        throw new InferenceClientInputError(`Provider ${ctx.provider} does not support URL output. Use outputType "blob", "dataUrl" or "json" instead.`);
      }
      return {
        json: {
          ...opts.defaults,
          ...flatArgs(ctx, opts.renames),
          prompt: ctx.args.inputs,
          response_format: wantsUrl ? opts.urlFormat : (opts.base64Format ?? "b64_json"),
          [opts.modelField ?? "model"]: ctx.model,
        },
      };
    },
    output: (answer, ctx, io) => {
      const json = jsonOf(answer, ctx.task) as { data?: Array<{ b64_json?: unknown; url?: unknown }> };
      const first = json?.data?.[0];
      const base64 = typeof first?.b64_json === "string" ? first.b64_json : undefined;
      const url = typeof first?.url === "string" ? first.url : undefined;
      if (base64 === undefined && url === undefined) throw malformedOpenAi(ctx, "{data: [{b64_json: string} | {url: string}]}");
      return mediaOutput(ctx, io, { base64, url, json });
    },
  };
}

/** text-to-speech through `v1/audio/speech`: the answer is the audio itself. */
export function speechRoute(path = "v1/audio/speech", defaults: (ctx: CallContext) => Record<string, unknown> = () => ({})): TaskRoute {
  return {
    path: () => path,
    body: (ctx) => ({ json: { ...defaults(ctx), ...flatArgs(ctx), input: ctx.args.inputs, model: ctx.model } }),
    output: (answer, ctx) => blobOf(answer, ctx.task),
  };
}

const AUDIO_EXTENSIONS: Record<string, string> = {
  "audio/wav": "wav",
  "audio/mpeg": "mp3",
  "audio/mp4": "m4a",
  "audio/flac": "flac",
  "audio/ogg": "ogg",
  "video/webm": "webm",
  "video/mp4": "mp4",
};

/** automatic-speech-recognition through `v1/audio/transcriptions`: a multipart upload, `{text, chunks?}` back. */
export function transcriptionRoute(path = "v1/audio/transcriptions"): TaskRoute {
  return {
    path: () => path,
    body(ctx) {
      const audio = ctx.args.inputs;
      if (!(audio instanceof Binary)) throw new InferenceClientInputError(`${ctx.provider} transcription expects audio data`);
      const form = new FormData();
      form.append("file", audio.toUploadBlob(), `audio.${AUDIO_EXTENSIONS[audio.type] ?? "wav"}`);
      for (const [key, value] of Object.entries({ ...flatArgs(ctx), model: ctx.model })) {
        if (value === undefined || value === null) continue;
        form.append(key, typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value));
      }
      return { form };
    },
    output(answer, ctx) {
      const json = jsonOf(answer, ctx.task) as { text?: unknown; segments?: Array<{ text: string; start: number; end: number }> };
      if (typeof json?.text !== "string") throw malformedOpenAi(ctx, "{text: string}");
      const out: { text: string; chunks?: Array<{ text: string; timestamp: [number, number] }> } = { text: json.text };
      if (Array.isArray(json.segments)) out.chunks = json.segments.map((s) => ({ text: s.text, timestamp: [s.start, s.end] }));
      return out;
    },
  };
}

function malformedOpenAi(ctx: CallContext, expected: string): InferenceClientProviderOutputError {
  return new InferenceClientProviderOutputError(`Received malformed response from ${ctx.provider} ${ctx.task} API: expected ${expected}`);
}

/** A provider that only chats (and maybe more routes): one line per provider file. */
export function openAiProvider(spec: {
  id: string;
  baseUrl: string;
  chatPath?: string;
  keyStyle?: KeyStyle;
  routed?: boolean;
  clientSideRoutingOnly?: boolean;
  tasks?: Partial<Record<TaskId, TaskRoute>>;
}): ProviderDefinition {
  const { chatPath, tasks, ...rest } = spec;
  return { ...rest, tasks: { conversational: chatRoute(chatPath), ...tasks } };
}

/** What an OpenAI-style server (Ollama, llama.cpp, vLLM, LiteLLM: an endpoint URL with `/v1`) serves. */
export const OPENAI_ENDPOINT_TASKS: readonly TaskId[] = ["conversational", "text-generation", "feature-extraction"];

/** An endpoint URL whose path goes through `/v1`: an OpenAI-style API, which takes none of the Hugging Face task payloads. */
export function isOpenAiBaseUrl(endpointUrl: string): boolean {
  try {
    return /(^|\/)v1(\/|$)/.test(new URL(endpointUrl.trim()).pathname);
  } catch {
    return false;
  }
}

/** An endpoint URL that names an OpenAI-style API (`.../v1`, or the operation's own path). */
export function isOpenAiEndpoint(endpointUrl: string, operation: string): boolean {
  const url = endpointUrl.trim().replace(/\/+$/, "");
  return url.endsWith("/v1") || url.endsWith(operation);
}

/**
 * A Hugging Face route that speaks OpenAI instead when the endpoint URL says so: `http://localhost:11434/v1`
 * (Ollama, llama.cpp, vLLM, LiteLLM) gets `/v1/embeddings`; an Inference Endpoint or TEI URL gets the HF payload.
 */
export function openAiOnV1Endpoint(hf: TaskRoute, openAi: TaskRoute, operation: string): TaskRoute {
  const speaksOpenAi = (ctx: CallContext) => !!ctx.endpointUrl && isOpenAiEndpoint(ctx.endpointUrl, operation);
  return {
    ...hf,
    endpointPath: (endpointUrl, ctx) =>
      isOpenAiEndpoint(endpointUrl, operation)
        ? `${endpointUrl.trim().replace(/\/+$/, "").replace(new RegExp(`${operation}$`), "")}${operation}`
        : (hf.endpointPath?.(endpointUrl, ctx) ?? endpointUrl),
    body: (ctx) => (speaksOpenAi(ctx) ? openAi.body!(ctx) : hf.body ? hf.body(ctx) : { json: ctx.args }),
    output: (answer, ctx, io) =>
      speaksOpenAi(ctx) ? openAi.output!(answer, ctx, io) : hf.output ? hf.output(answer, ctx, io) : TASKS[ctx.task]!.output(answer),
  };
}
