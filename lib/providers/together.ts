import { jsonOf } from "../tasks/checks";
import { downloadResult, jobFailed, malformedJob, pollUntil } from "./async";
import {
  chatRoute,
  completionsRoute,
  embeddingsRoute,
  imageGenerationRoute,
  openAiProvider,
  speechRoute,
  transcriptionRoute,
} from "./openai-compatible";
import { dataUrlOf, flatArgs } from "./routes";
import type { CallContext, TaskRoute } from "./types";

/** Together AI: OpenAI-style APIs plus its own video jobs (`v2/videos`, polled every 2 s). */

const STEPS = { num_inference_steps: "steps" };

/** Together takes `{type: "json_schema", schema}` rather than OpenAI's `{json_schema: {schema}}`. */
const chat = chatRoute(undefined, {
  rewrite(body) {
    const format = body.response_format as { type?: string; json_schema?: { schema?: unknown } } | undefined;
    if (format?.type === "json_schema" && format.json_schema?.schema) {
      return { ...body, response_format: { type: "json_schema", schema: format.json_schema.schema } };
    }
    return body;
  },
});

const textToImage = imageGenerationRoute(undefined, { renames: STEPS, urlFormat: "url", base64Format: "base64" });

const imageToImage: TaskRoute = {
  ...textToImage,
  body(ctx) {
    const { prompt, ...rest } = flatArgs(ctx, STEPS);
    const image = dataUrlOf(ctx.args.inputs);
    // FLUX.1 Kontext reads `image_url`; the other editing models read `reference_images`.
    const lowered = ctx.model.toLowerCase();
    const field = lowered.includes("kontext") && lowered.includes("flux.1") ? { image_url: image } : { reference_images: [image] };
    return { json: { prompt: prompt ?? "", ...field, ...rest, response_format: "base64", model: ctx.model } };
  },
  output: (answer, ctx, io) => textToImage.output!(answer, { ...ctx, outputType: "blob" }, io),
};

function videoParams(ctx: CallContext): Record<string, unknown> {
  const { target_size, ...rest } = flatArgs(ctx, STEPS) as { target_size?: { width?: number; height?: number } };
  return { ...rest, ...(target_size?.width ? { width: target_size.width } : {}), ...(target_size?.height ? { height: target_size.height } : {}) };
}

interface VideoJob {
  id?: string;
  status?: string;
  outputs?: { video_url?: unknown };
  error?: { message?: string };
}

function videoRoute(payload: (ctx: CallContext) => Record<string, unknown>): TaskRoute {
  const r: TaskRoute = {
    path: () => "v2/videos",
    pollIntervalMs: 2000,
    body: (ctx) => ({ json: { ...payload(ctx), model: ctx.model } }),
    async output(answer, ctx, io) {
      const job = jsonOf(answer, ctx.task) as VideoJob;
      if (typeof job?.id !== "string") throw malformedJob(ctx, "a video job {id, status}", job);
      const finished = (j: VideoJob) => j.status !== undefined && j.status !== "queued" && j.status !== "in_progress";
      const done = finished(job)
        ? job
        : await pollUntil({
            io,
            ctx,
            url: `${io.url}/${job.id}`,
            intervalMs: r.pollIntervalMs ?? 2000,
            check: (s) => (finished(s as VideoJob) ? (s as VideoJob) : undefined),
            describe: (s) => (s as VideoJob)?.status,
          });
      if (done.status !== "completed") throw jobFailed(ctx, done.error?.message ?? done.status);
      return downloadResult(io, done.outputs?.video_url, ctx, "{outputs: {video_url}}", done);
    },
  };
  return r;
}

export const together = openAiProvider({
  id: "together",
  baseUrl: "https://api.together.xyz",
  tasks: {
    conversational: chat,
    "text-generation": completionsRoute(undefined, { keepInputs: true, details: ["finish_reason", "seed"] }),
    "feature-extraction": embeddingsRoute(),
    "text-to-image": textToImage,
    "image-to-image": imageToImage,
    "text-to-video": videoRoute((ctx) => ({ ...videoParams(ctx), prompt: ctx.args.inputs })),
    "image-to-video": videoRoute((ctx) => {
      const { prompt, ...rest } = videoParams(ctx);
      return { ...rest, ...(typeof prompt === "string" ? { prompt } : {}), frame_images: [{ input_image: dataUrlOf(ctx.args.inputs), frame: "first" }] };
    }),
    // Kokoro needs a voice; other models name theirs differently.
    "text-to-speech": speechRoute("v1/audio/speech", (ctx) => (ctx.model.toLowerCase().includes("kokoro") ? { voice: "af_alloy" } : {})),
    "automatic-speech-recognition": transcriptionRoute(),
  },
});
