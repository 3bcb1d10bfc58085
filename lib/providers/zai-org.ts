import { jsonOf } from "../tasks/checks";
import { isHttpUrl, jobFailed, malformedJob, mediaOutput, pollUntil } from "./async";
import { chatRoute } from "./openai-compatible";
import { dataUrlOf, flatArgs } from "./routes";
import type { ProviderDefinition, TaskRoute } from "./types";

/** Z.ai (GLM): chat, async image generation (polled every 5 s), and layout parsing as image-to-text. */

/** Z.ai wants to know the traffic comes through Hugging Face's clients. */
const ZAI_HEADERS = { "x-source-channel": "hugging_face", "accept-language": "en-US,en" };
const headers = () => ({ ...ZAI_HEADERS });

interface ZaiJob {
  id?: string;
  task_status?: string;
  image_result?: Array<{ url?: unknown }>;
}

const textToImage: TaskRoute = {
  path: () => "api/paas/v4/async/images/generations",
  headers,
  pollIntervalMs: 5000,
  body: (ctx) => ({ json: { ...flatArgs(ctx), model: ctx.model, prompt: ctx.args.inputs } }),
  async output(answer, ctx, io) {
    const job = jsonOf(answer, ctx.task) as ZaiJob;
    if (typeof job?.id !== "string" || !job.task_status) throw malformedJob(ctx, "{id, task_status}", job);
    if (job.task_status === "FAIL") throw jobFailed(ctx, "FAIL");
    const result = await pollUntil({
      io,
      ctx,
      url: `${ctx.baseUrl.replace(/\/+$/, "")}/api/paas/v4/async-result/${job.id}`,
      headers: { ...io.authHeaders, ...ZAI_HEADERS },
      intervalMs: textToImage.pollIntervalMs ?? 5000,
      check(s) {
        const r = s as ZaiJob;
        if (r?.task_status === "FAIL") throw jobFailed(ctx, "FAIL");
        return r?.task_status === "SUCCESS" ? r : undefined;
      },
      describe: (s) => (s as ZaiJob)?.task_status?.toLowerCase(),
    });
    const url = result.image_result?.[0]?.url;
    if (!isHttpUrl(url)) throw malformedJob(ctx, "{image_result: [{url}]}", result);
    return mediaOutput(ctx, io, { url, json: result });
  },
};

const imageToText: TaskRoute = {
  path: () => "api/paas/v4/layout_parsing",
  headers,
  body: (ctx) => ({ json: { model: ctx.model, file: dataUrlOf(ctx.args.inputs) } }),
  output(answer, ctx) {
    const json = jsonOf(answer, ctx.task) as { md_results?: unknown };
    if (typeof json?.md_results !== "string") throw malformedJob(ctx, "{md_results: string}", json);
    // `generatedText` too, as the reference returns it.
    return { generated_text: json.md_results, generatedText: json.md_results };
  },
};

export const zaiOrg: ProviderDefinition = {
  id: "zai-org",
  baseUrl: "https://api.z.ai",
  tasks: {
    conversational: chatRoute("api/paas/v4/chat/completions", { headers: ZAI_HEADERS }),
    "text-to-image": textToImage,
    "image-to-text": imageToText,
  },
};
