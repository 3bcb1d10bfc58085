import { Binary } from "../binary";
import { InferenceClientInputError } from "../errors";
import { jsonOf } from "../tasks/checks";
import type { TaskId } from "../tasks/ids";
import { downloadResult, isHttpUrl, malformedJob, mediaOutput, pollUntil } from "./async";
import { dataUrlOf, flatArgs, HUB_FILE_BASE } from "./routes";
import type { CallContext, ProviderAnswer, ProviderDefinition, ProviderIO, TaskRoute } from "./types";

/**
 * fal: most models run through its queue (submit to queue.fal.run, poll `/status`, fetch the result, download
 * the file); speech recognition and synthesis answer directly from fal.run. Direct keys go as `Authorization: Key`.
 */

const QUEUE_BASE = "https://queue.fal.run";
const POLL_MS = 500;

type Payload = (ctx: CallContext) => Record<string, unknown>;
type Result = (result: Record<string, unknown>, ctx: CallContext, io: ProviderIO) => unknown;

/** LoRA adapters mapped on the Hub are passed to fal by the URL of their weights. */
function withLora(ctx: CallContext, payload: Record<string, unknown>): Record<string, unknown> {
  const m = ctx.mapping;
  if (m?.adapter === "lora" && m.adapterWeightsPath) {
    payload.loras = [{ path: `${HUB_FILE_BASE}/${m.hfModelId}/resolve/main/${m.adapterWeightsPath}`, scale: 1 }];
    if (m.providerId === "fal-ai/lora") payload.model_name = "stabilityai/stable-diffusion-xl-base-1.0";
  }
  return payload;
}

/** Through the router the queue is asked for with `?_subdomain=queue`; direct calls go to queue.fal.run. */
function queueQuery(ctx: CallContext): string {
  return ctx.authMethod === "provider-key" ? "" : "?_subdomain=queue";
}

function queueRoute(payload: Payload, result: Result, modelPath: (ctx: CallContext) => string = (ctx) => ctx.model): TaskRoute {
  const r: TaskRoute = {
    path: (ctx) => `${modelPath(ctx)}${queueQuery(ctx)}`,
    directBaseUrl: QUEUE_BASE,
    pollIntervalMs: POLL_MS,
    body: (ctx) => ({ json: payload(ctx) }),
    async output(answer: ProviderAnswer, ctx: CallContext, io: ProviderIO) {
      const submitted = jsonOf(answer, ctx.task) as { request_id?: unknown; response_url?: unknown; status?: string };
      if (typeof submitted?.request_id !== "string" || !isHttpUrl(submitted.response_url)) {
        throw malformedJob(ctx, "{request_id, response_url}", submitted);
      }
      // The response URL names the app the job really ran on (it may differ from the mapped id); keep our own
      // base (the router or queue.fal.run) so the credentials stay valid.
      const jobPath = new URL(submitted.response_url).pathname;
      const query = queueQuery(ctx);
      const base = ctx.baseUrl.replace(/\/+$/, "");
      if (submitted.status !== "COMPLETED") {
        await pollUntil({
          io,
          ctx,
          url: `${base}${jobPath}/status${query}`,
          intervalMs: r.pollIntervalMs ?? POLL_MS,
          check: (s) => ((s as { status?: string })?.status === "COMPLETED" ? true : undefined),
          describe(s) {
            const st = s as { status?: string; queue_position?: number };
            if (st?.status === "IN_QUEUE") return typeof st.queue_position === "number" ? `queued #${st.queue_position + 1}` : "queued";
            return st?.status === "IN_PROGRESS" ? "running" : st?.status;
          },
        });
      }
      const final = (await io.getJson(`${base}${jobPath}${query}`)) as Record<string, unknown>;
      return result(final ?? {}, ctx, io);
    },
  };
  return r;
}

/**
 * fal's speech recognition reads the data URL's type as the file's format: the usual labels of the formats it
 * transcribes (MP3, WAV, FLAC, Ogg, M4A/MP4, WebM). Other audio and video types go as they are, for fal to judge: a
 * refusal here must never be stricter than fal's own.
 */
const FAL_AUDIO_TYPES: Record<string, string> = {
  "audio/mpeg": "audio/mpeg",
  "audio/mp3": "audio/mpeg",
  "audio/wav": "audio/x-wav",
  "audio/wave": "audio/x-wav",
  "audio/x-wav": "audio/x-wav",
  "audio/flac": "audio/flac",
  "audio/x-flac": "audio/flac",
  "audio/ogg": "audio/ogg",
  "audio/mp4": "audio/mp4",
  "audio/m4a": "audio/mp4",
  "audio/x-m4a": "audio/mp4",
  "video/mp4": "video/mp4",
  "audio/webm": "video/webm",
  "video/webm": "video/webm",
};

function falAudioDataUrl(ctx: CallContext): string {
  const audio = ctx.args.inputs;
  if (!(audio instanceof Binary)) throw new InferenceClientInputError("fal-ai expects audio data");
  const type = FAL_AUDIO_TYPES[audio.type] ?? audio.type;
  // Only bytes known to be something else (an image, a PDF) are refused; unknown bytes go for fal to judge.
  if (/^(image|text)\/|^application\/pdf/.test(type)) {
    throw new InferenceClientInputError(`Provider fal-ai transcribes audio, not ${type}; send MP3, WAV, FLAC, Ogg, M4A or WebM`);
  }
  return dataUrlOf(audio, "inputs", type);
}

const prompted: Payload = (ctx) => withLora(ctx, { ...flatArgs(ctx), prompt: ctx.args.inputs });

const imageUrl: Result = (r, ctx, io) => {
  const url = (r.images as Array<{ url?: unknown }> | undefined)?.[0]?.url;
  return downloadResult(io, url, ctx, "{images: [{url}]}", r);
};
const videoUrl: Result = (r, ctx, io) => downloadResult(io, (r.video as { url?: unknown })?.url, ctx, "{video: {url}}", r);

function imagePayload(ctx: CallContext): Record<string, unknown> {
  const image = dataUrlOf(ctx.args.inputs);
  // Some apps read `image_url`, newer ones `image_urls`.
  return withLora(ctx, { ...flatArgs(ctx), image_url: image, image_urls: [image] });
}

/** image+text apps live one segment below the text-only app (`fal-ai/flux-2/edit`): without an image, go up. */
function textOnlyPath(ctx: CallContext): string {
  if (ctx.args.inputs !== undefined || ctx.authMethod !== "provider-key") return ctx.model;
  return ctx.model.split("/").slice(0, -1).join("/");
}

function promptOnly(ctx: CallContext): Record<string, unknown> {
  return { ...flatArgs(ctx), prompt: (ctx.args.parameters as { prompt?: unknown } | undefined)?.prompt };
}

const textToImage = queueRoute(prompted, (r, ctx, io) => {
  const url = (r.images as Array<{ url?: unknown }> | undefined)?.[0]?.url;
  if (!isHttpUrl(url)) throw malformedJob(ctx, "{images: [{url}]}", r);
  return mediaOutput(ctx, io, { url, json: r });
});

const imageToVideo: Payload = (ctx) => withLora(ctx, { ...flatArgs(ctx), image_url: dataUrlOf(ctx.args.inputs) });

const tasks: Partial<Record<TaskId, TaskRoute>> = {
  "text-to-image": textToImage,
  "image-to-image": queueRoute(imagePayload, imageUrl),
  "image-text-to-image": queueRoute((ctx) => (ctx.args.inputs !== undefined ? imagePayload(ctx) : promptOnly(ctx)), imageUrl, textOnlyPath),
  "text-to-video": queueRoute(prompted, videoUrl),
  "image-to-video": queueRoute(imageToVideo, videoUrl),
  "image-text-to-video": queueRoute((ctx) => (ctx.args.inputs !== undefined ? imageToVideo(ctx) : promptOnly(ctx)), videoUrl, textOnlyPath),
  "text-to-audio": queueRoute(
    (ctx) => ({ ...flatArgs(ctx), prompt: ctx.args.inputs }),
    (r, ctx, io) => {
      const audio = (r.audio_file ?? r.audio) as { url?: unknown } | undefined;
      return downloadResult(io, audio?.url, ctx, "{audio_file: {url}} or {audio: {url}}", r);
    },
  ),
  "audio-to-audio": queueRoute(
    (ctx) => ({ ...flatArgs(ctx), audio_url: falAudioDataUrl(ctx) }),
    async (r, ctx, io) => {
      const audio = r.audio as { url?: unknown; content_type?: string } | undefined;
      const blob = await downloadResult(io, audio?.url, ctx, "{audio: {url}}", r);
      const text = typeof r.text === "string" && r.text ? r.text : "speech";
      return [{ label: text, blob: Buffer.from(await blob.arrayBuffer()).toString("base64"), "content-type": audio?.content_type ?? blob.type }];
    },
  ),
  "image-segmentation": queueRoute(
    (ctx) => ({ ...flatArgs(ctx), image_url: dataUrlOf(ctx.args.inputs), sync_mode: true }),
    async (r, ctx, io) => {
      const blob = await downloadResult(io, (r.image as { url?: unknown })?.url, ctx, "{image: {url}}", r);
      // fal gives one mask and no labels or scores.
      return [{ label: "mask", score: 1, mask: Buffer.from(await blob.arrayBuffer()).toString("base64") }];
    },
  ),
  // Synchronous apps on fal.run.
  "automatic-speech-recognition": {
    path: (ctx) => ctx.model,
    body: (ctx) => ({ json: { ...flatArgs(ctx), audio_url: falAudioDataUrl(ctx) } }),
    output(answer, ctx) {
      const r = jsonOf(answer, ctx.task) as {
        text?: unknown;
        output?: unknown;
        chunks?: Array<{ text?: unknown; timestamp?: unknown }>;
        segments?: Array<{ text?: unknown; start?: number; end?: number }>;
      };
      const text = typeof r?.text === "string" ? r.text : typeof r?.output === "string" ? r.output : undefined;
      if (text === undefined) throw malformedJob(ctx, "{text: string} or {output: string}", r);
      const chunks = Array.isArray(r.chunks)
        ? r.chunks.filter((c) => typeof c?.text === "string" && Array.isArray(c.timestamp)).map((c) => ({ text: c.text, timestamp: c.timestamp }))
        : Array.isArray(r.segments)
          ? r.segments.filter((s) => typeof s?.text === "string").map((s) => ({ text: s.text, timestamp: [s.start ?? 0, s.end ?? 0] }))
          : [];
      return chunks.length ? { text, chunks } : { text };
    },
  },
  "text-to-speech": {
    path: (ctx) => ctx.model,
    body: (ctx) => ({ json: { ...flatArgs(ctx), text: ctx.args.inputs } }),
    output(answer, ctx, io) {
      const r = jsonOf(answer, ctx.task) as { audio?: { url?: unknown } };
      return downloadResult(io, r?.audio?.url, ctx, "{audio: {url}}", r);
    },
  },
};

export const falAi: ProviderDefinition = { id: "fal-ai", baseUrl: "https://fal.run", keyStyle: "key", tasks };
