import { jsonOf } from "../tasks/checks";
import { isHttpUrl, jobFailed, malformedJob, mediaOutput, pollUntil } from "./async";
import { flatArgs } from "./routes";
import type { ProviderDefinition, TaskRoute } from "./types";

/**
 * Black Forest Labs' FLUX API: submit, then poll the `polling_url` it answers until `Ready`, then download
 * `result.sample`. No longer behind the Hugging Face router: a BFL key only, sent as `X-Key`.
 */
const textToImage: TaskRoute = {
  path: (ctx) => `v1/${ctx.model}`,
  pollIntervalMs: 1000,
  body: (ctx) => ({
    json: { ...flatArgs(ctx, { num_inference_steps: "steps", guidance_scale: "guidance" }), prompt: ctx.args.inputs },
  }),
  output(answer, ctx, io) {
    const submitted = jsonOf(answer, ctx.task) as { polling_url?: unknown; id?: unknown };
    if (!isHttpUrl(submitted?.polling_url)) throw malformedJob(ctx, "{id, polling_url}", submitted);
    const url = submitted.polling_url;
    // The polling URL is BFL's own (a regional host): it takes the same key.
    return pollUntil({
      io,
      ctx,
      url,
      intervalMs: textToImage.pollIntervalMs ?? 1000,
      describe: (s) => (s as { status?: string })?.status,
      check(s) {
        const job = s as { status?: string; result?: { sample?: unknown } };
        if (job?.status === "Ready") {
          const sample = job.result?.sample;
          if (!isHttpUrl(sample)) throw malformedJob(ctx, "{result: {sample: url}}", job);
          return mediaOutput(ctx, io, { url: sample, json: job });
        }
        if (job?.status && /error|failed|moderated|not found/i.test(job.status)) throw jobFailed(ctx, job.status);
        return undefined;
      },
    });
  },
};

export const blackForestLabs: ProviderDefinition = {
  id: "black-forest-labs",
  baseUrl: "https://api.us1.bfl.ai",
  keyStyle: "x-key",
  routed: false,
  tasks: { "text-to-image": textToImage },
};
