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
      body: (ctx) => ({
        json: {
          width: 512,
          height: 512,
          ...flatArgs(ctx, { num_inference_steps: "steps", guidance_scale: "cfg_scale" }),
          prompt: ctx.args.inputs,
          model_name: ctx.model,
        },
      }),
      output(answer, ctx, io) {
        const json = jsonOf(answer, ctx.task) as { images?: Array<{ image?: unknown }> };
        const image = json?.images?.[0]?.image;
        if (typeof image !== "string") throw malformedJob(ctx, "{images: [{image: base64}]}", json);
        return mediaOutput(ctx, io, { base64: image, json });
      },
    },
  },
});
