import { Binary } from "../binary";
import { jsonOf } from "../tasks/checks";
import type { TaskId } from "../tasks/ids";
import { downloadResult, isHttpUrl, jobFailed, malformedJob, mediaOutput, pollUntil } from "./async";
import { base64Of, flatArgs, omit } from "./routes";
import type { CallContext, ProviderDefinition, TaskRoute } from "./types";

/**
 * WaveSpeedAI: every model is an async job at `api/v3/{model}`; its answer names a result URL, polled every
 * 0.5 s (through the router when routed) until `completed`, then the first output file is downloaded.
 */

interface WaveSpeedTask {
  id?: string;
  status?: string;
  outputs?: unknown[];
  urls?: { get?: unknown };
  error?: string;
}

/** A 1x1 transparent PNG, for image+text models called without an image. */
const BLANK_PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";

function textPayload(ctx: CallContext): Record<string, unknown> {
  const payload: Record<string, unknown> = { ...omit(flatArgs(ctx), ["images"]), prompt: ctx.args.inputs };
  if (ctx.mapping?.adapter === "lora") payload.loras = [{ path: ctx.mapping.hfModelId, scale: 1 }];
  return payload;
}

/** Image models take the image in base64 as `image` (and `images`); the prompt comes from the parameters. */
function imagePayload(ctx: CallContext): Record<string, unknown> {
  const params = flatArgs(ctx);
  const image = ctx.args.inputs instanceof Binary ? base64Of(ctx.args.inputs) : BLANK_PNG;
  const images = Array.isArray(params.images) && params.images.every((i) => typeof i === "string") ? params.images : [image];
  const payload: Record<string, unknown> = { ...omit(params, ["images"]), prompt: params.prompt, image, images };
  if (ctx.mapping?.adapter === "lora") payload.loras = [{ path: ctx.mapping.hfModelId, scale: 1 }];
  return payload;
}

function waveRoute(payload: (ctx: CallContext) => Record<string, unknown>): TaskRoute {
  const r: TaskRoute = {
    path: (ctx) => `api/v3/${ctx.model}`,
    pollIntervalMs: 500,
    body: (ctx) => ({ json: payload(ctx) }),
    async output(answer, ctx, io) {
      const submitted = (jsonOf(answer, ctx.task) as { data?: WaveSpeedTask })?.data;
      if (!isHttpUrl(submitted?.urls?.get)) throw malformedJob(ctx, "{data: {id, urls: {get}}}", answer.json);
      // Keep our own base (router or api.wavespeed.ai) so the credentials stay valid.
      const url = `${ctx.baseUrl.replace(/\/+$/, "")}${new URL(submitted.urls.get).pathname}`;
      const done = await pollUntil({
        io,
        ctx,
        url,
        intervalMs: r.pollIntervalMs ?? 500,
        immediate: true,
        check(s) {
          const t = (s as { data?: WaveSpeedTask })?.data;
          if (!t?.status) throw malformedJob(ctx, "{data: {status}}", s);
          if (t.status === "failed") throw jobFailed(ctx, t.error || "failed");
          return t.status === "completed" ? { task: t, json: s } : undefined;
        },
        describe: (s) => (s as { data?: WaveSpeedTask })?.data?.status,
      });
      const media = done.task.outputs?.[0];
      // Only text-to-image honours `outputType`, as in the reference; other results are always downloaded.
      if (ctx.task === "text-to-image" && isHttpUrl(media)) return mediaOutput(ctx, io, { url: media, json: done.json });
      return downloadResult(io, media, ctx, "{data: {outputs: [url]}}", done.json);
    },
  };
  return r;
}

const tasks: Partial<Record<TaskId, TaskRoute>> = {
  "text-to-image": waveRoute(textPayload),
  "text-to-video": waveRoute(textPayload),
  "image-to-image": waveRoute(imagePayload),
  "image-to-video": waveRoute(imagePayload),
  "image-text-to-image": waveRoute(imagePayload),
  "image-text-to-video": waveRoute(imagePayload),
};

export const wavespeed: ProviderDefinition = { id: "wavespeed", baseUrl: "https://api.wavespeed.ai", tasks };
