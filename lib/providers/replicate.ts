import { jsonOf } from "../tasks/checks";
import type { TaskId } from "../tasks/ids";
import { downloadResult, isHttpUrl, jobFailed, malformedJob, mediaOutput, pollUntil } from "./async";
import { dataUrlOf, flatArgs, HUB_FILE_BASE } from "./routes";
import type { CallContext, ProviderDefinition, ProviderIO, TaskRoute } from "./types";

/**
 * Replicate predictions: created with `Prefer: wait` (Replicate holds the request up to a minute); a prediction
 * still `starting` / `processing` after that is polled at `v1/predictions/{id}` until it succeeds or fails.
 * Model ids `owner/name` use the model's endpoint, `owner/name:version` the versioned one.
 */

interface Prediction {
  id?: string;
  status?: string;
  output?: unknown;
  error?: unknown;
  logs?: string;
}

const POLL_MS = 1000;

type Input = (ctx: CallContext) => Record<string, unknown>;
type Result = (output: unknown, prediction: Prediction, ctx: CallContext, io: ProviderIO) => unknown;

function lora(ctx: CallContext): string | undefined {
  const m = ctx.mapping;
  return m?.adapter === "lora" && m.adapterWeightsPath ? `${HUB_FILE_BASE}/${m.hfModelId}` : undefined;
}

function predictionRoute(input: Input, result: Result): TaskRoute {
  const r: TaskRoute = {
    path: (ctx) => (ctx.model.includes(":") ? "v1/predictions" : `v1/models/${ctx.model}/predictions`),
    headers: () => ({ Prefer: "wait" }),
    pollIntervalMs: POLL_MS,
    body(ctx) {
      const version = ctx.model.includes(":") ? ctx.model.split(":")[1] : undefined;
      const body: Record<string, unknown> = { input: dropUndefined(input(ctx)) };
      if (version) body.version = version;
      return { json: body };
    },
    async output(answer, ctx, io) {
      let prediction = jsonOf(answer, ctx.task) as Prediction;
      if (!isFinished(prediction)) {
        if (typeof prediction?.id !== "string") throw malformedJob(ctx, "a prediction {id, status}", prediction);
        const url = `${ctx.baseUrl.replace(/\/+$/, "")}/v1/predictions/${prediction.id}`;
        prediction = await pollUntil({
          io,
          ctx,
          url,
          intervalMs: r.pollIntervalMs ?? POLL_MS,
          check: (p) => (isFinished(p as Prediction) ? (p as Prediction) : undefined),
          describe: (p) => (p as Prediction)?.status,
        });
      }
      if (prediction.status === "failed" || prediction.status === "canceled") throw jobFailed(ctx, prediction.error ?? prediction.status);
      return result(prediction.output, prediction, ctx, io);
    },
  };
  return r;
}

function isFinished(p: Prediction): boolean {
  if (p?.status === "succeeded" || p?.status === "failed" || p?.status === "canceled") return true;
  // `Prefer: wait` often answers `processing` with the files already listed (the reference reads them as done).
  const out = p?.output;
  return out !== undefined && out !== null && !(Array.isArray(out) && out.length === 0);
}

function dropUndefined(obj: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined));
}

function firstUrl(output: unknown): unknown {
  return Array.isArray(output) ? output[0] : output;
}

const fileResult =
  (what: string): Result =>
  (output, p, ctx, io) =>
    downloadResult(io, firstUrl(output), ctx, `{output: url | url[]} (${what})`, p);

const tasks: Partial<Record<TaskId, TaskRoute>> = {
  "text-to-image": predictionRoute(
    (ctx) => ({ ...flatArgs(ctx), prompt: ctx.args.inputs, lora_weights: lora(ctx) }),
    (output, p, ctx, io) => {
      const url = firstUrl(output);
      if (!isHttpUrl(url)) throw malformedJob(ctx, "{output: url | url[]}", p);
      return mediaOutput(ctx, io, { url, json: p });
    },
  ),
  "text-to-speech": predictionRoute((ctx) => ({ ...flatArgs(ctx), text: ctx.args.inputs }), fileResult("audio")),
  "text-to-video": predictionRoute((ctx) => ({ ...flatArgs(ctx), prompt: ctx.args.inputs }), fileResult("video")),
  "image-to-image": predictionRoute((ctx) => {
    const image = dataUrlOf(ctx.args.inputs);
    // Replicate models name their image input differently; each ignores the others.
    return { ...flatArgs(ctx), image, images: [image], input_image: image, input_images: [image], lora_weights: lora(ctx) };
  }, fileResult("image")),
  "automatic-speech-recognition": predictionRoute(
    (ctx) => ({ ...flatArgs(ctx), audio: dataUrlOf(ctx.args.inputs) }),
    async (output, p, ctx, io) => {
      const first = firstUrl(output);
      if (typeof first === "string") return { text: first };
      const o = output as { transcription?: unknown; translation?: unknown; txt_file?: unknown } | undefined;
      if (typeof o?.transcription === "string") return { text: o.transcription };
      if (typeof o?.translation === "string") return { text: o.translation };
      if (isHttpUrl(o?.txt_file)) return { text: await (await io.download(o.txt_file)).text() };
      throw malformedJob(ctx, "{output: string | {transcription} | {txt_file}}", p);
    },
  ),
};

export const replicate: ProviderDefinition = { id: "replicate", baseUrl: "https://api.replicate.com", tasks };
