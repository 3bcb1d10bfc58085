import { InferenceClientInputError } from "../errors";
import { jsonOf } from "../tasks/checks";
import { downloadResult, jobFailed, malformedJob, pollUntil } from "./async";
import { chatTextGenerationRoute, openAiProvider } from "./openai-compatible";
import { dataUrlOf, flatArgs, omit, paramsOf } from "./routes";
import type { TaskRoute } from "./types";

/**
 * Novita: OpenAI-compatible chat under `v3/openai`, videos through its async task API (polled every 0.5 s), and
 * MiniMax H3 image+text to video through MiniMax's own job API (polled every 5 s).
 */

const CHAT = "v3/openai/chat/completions";

interface TaskResult {
  task?: { status?: string; reason?: string; progress_percent?: number };
  videos?: Array<{ video_url?: unknown }>;
}

const textToVideo: TaskRoute = {
  path: (ctx) => `v3/async/${ctx.model}`,
  pollIntervalMs: 500,
  body: (ctx) => ({ json: { ...flatArgs(ctx, { num_inference_steps: "steps" }), prompt: ctx.args.inputs } }),
  async output(answer, ctx, io) {
    const submitted = jsonOf(answer, ctx.task) as { task_id?: unknown };
    if (typeof submitted?.task_id !== "string") throw malformedJob(ctx, "{task_id}", submitted);
    const url = `${ctx.baseUrl.replace(/\/+$/, "")}/v3/async/task-result?task_id=${encodeURIComponent(submitted.task_id)}`;
    const result = await pollUntil({
      io,
      ctx,
      url,
      intervalMs: textToVideo.pollIntervalMs ?? 500,
      check(s) {
        const r = s as TaskResult;
        if (typeof r?.task?.status !== "string") throw malformedJob(ctx, "{task: {status}}", s);
        if (r.task.status === "TASK_STATUS_FAILED") throw jobFailed(ctx, r.task.reason ?? r.task.status);
        return r.task.status === "TASK_STATUS_SUCCEED" ? r : undefined;
      },
      describe(s) {
        const t = (s as TaskResult)?.task;
        const status = t?.status?.replace(/^TASK_STATUS_/, "").toLowerCase();
        return typeof t?.progress_percent === "number" ? `${status} ${t.progress_percent}%` : status;
      },
    });
    return downloadResult(io, result.videos?.[0]?.video_url, ctx, "{videos: [{video_url}]}", result);
  },
};

/** MiniMax H3 (image+text to video): its own API, sizes as its named resolutions, ratios and durations. */
const H3_RATIOS = ["21:9", "16:9", "4:3", "1:1", "3:4", "9:16"];
type Size = { width: number; height: number } | undefined;
const h3Duration = (frames?: number) => (frames === undefined ? 4 : Math.min(15, Math.max(4, Math.round(frames / 24))));
const h3Resolution = (size: Size) =>
  !size || Math.abs(Math.min(size.width, size.height) - 768) <= Math.abs(Math.min(size.width, size.height) - 1440) ? "768P" : "2K";
function h3Ratio(size: Size): string {
  if (!size) return "16:9";
  const ratioOf = (r: string) => Number(r.split(":")[0]) / Number(r.split(":")[1]);
  const target = size.width / size.height;
  return H3_RATIOS.reduce((best, r) => (Math.abs(target - ratioOf(r)) < Math.abs(target - ratioOf(best)) ? r : best));
}

interface H3Result {
  task?: { status?: string; content?: { url?: unknown }; error?: { message?: string } };
}

const imageTextToVideo: TaskRoute = {
  path(ctx) {
    if (ctx.model !== "MiniMax-H3") throw new InferenceClientInputError(`Unsupported Novita image-text-to-video model: ${ctx.model}`);
    return "v3/minimax/v2/video_generation";
  },
  pollIntervalMs: 5000,
  body(ctx) {
    const { prompt, num_frames, target_size, resolution, duration, ratio, ...rest } = paramsOf(ctx) as {
      prompt?: string;
      num_frames?: number;
      target_size?: Size;
      [key: string]: unknown;
    };
    if (typeof prompt !== "string" || !prompt.trim()) throw new InferenceClientInputError("Novita MiniMax H3 requires a non-empty parameters.prompt.");
    const image = ctx.args.inputs !== undefined ? dataUrlOf(ctx.args.inputs) : undefined;
    return {
      json: {
        // Hugging Face sampling parameters H3 does not take.
        ...omit(rest, ["guidance_scale", "negative_prompt", "num_inference_steps", "seed"]),
        model: ctx.model,
        content: [{ type: "text", text: prompt }, ...(image ? [{ type: "image_url", image_url: { url: image }, role: "first_frame" }] : [])],
        resolution: resolution ?? h3Resolution(target_size),
        duration: duration ?? h3Duration(num_frames),
        ratio: image ? "adaptive" : (ratio ?? h3Ratio(target_size)),
      },
    };
  },
  async output(answer, ctx, io) {
    const submitted = jsonOf(answer, ctx.task) as { task_id?: unknown };
    if (typeof submitted?.task_id !== "string") throw malformedJob(ctx, "{task_id}", submitted);
    const url = `${ctx.baseUrl.replace(/\/+$/, "")}/v3/minimax/v2/query/video_generation/${encodeURIComponent(submitted.task_id)}`;
    const result = await pollUntil({
      io,
      ctx,
      url,
      immediate: true,
      intervalMs: imageTextToVideo.pollIntervalMs ?? 5000,
      check(s) {
        const task = (s as H3Result)?.task;
        if (typeof task?.status !== "string") throw malformedJob(ctx, "{task: {status}}", s);
        if (task.status === "failed" || task.status === "cancelled") throw jobFailed(ctx, task.error?.message ?? task.status);
        return task.status === "succeeded" ? task : undefined;
      },
      describe: (s) => (s as H3Result)?.task?.status,
    });
    return downloadResult(io, result.content?.url, ctx, "{task: {content: {url}}}", result);
  },
};

export const novita = openAiProvider({
  id: "novita",
  baseUrl: "https://api.novita.ai",
  chatPath: CHAT,
  tasks: { "text-generation": chatTextGenerationRoute(CHAT), "text-to-video": textToVideo, "image-text-to-video": imageTextToVideo },
});
