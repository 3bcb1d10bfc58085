import { InferenceClientInputError } from "../errors";
import { jsonOf } from "../tasks/checks";
import { malformedJob, mediaOutput } from "./async";
import { chatTextGenerationRoute, openAiProvider } from "./openai-compatible";
import { flatArgs } from "./routes";

/** Hyperbolic; no longer behind the Hugging Face router: direct key only. */
export const hyperbolic = openAiProvider({
  id: "hyperbolic",
  baseUrl: "https://api.hyperbolic.xyz",
  routed: false,
  tasks: {
    "text-generation": chatTextGenerationRoute(),
    "text-to-image": {
      path: () => "v1/images/generations",
      // Its own image API: `model_name`, `steps`, `cfg_scale`, width and height required; `images[0].image` in base64.
      body: (ctx) => {
        // Images come back as base64 only: a URL cannot be given, refused before anything is sent.
        if (ctx.outputType === "url") {
          throw new InferenceClientInputError('hyperbolic does not support URL output. Use outputType "blob", "dataUrl" or "json" instead.');
        }
        const params = flatArgs(ctx, { num_inference_steps: "steps", guidance_scale: "cfg_scale" });
        return { json: { width: 512, height: 512, ...params, prompt: ctx.args.inputs, model_name: ctx.model } };
      },
      output(answer, ctx, io) {
        const json = jsonOf(answer, ctx.task) as { images?: Array<{ image?: unknown }> };
        const image = json?.images?.[0]?.image;
        if (typeof image !== "string") throw malformedJob(ctx, "{images: [{image: base64}]}", json);
        return mediaOutput(ctx, io, { base64: image, json });
      },
    },
  },
});
