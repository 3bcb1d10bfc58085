"use strict";
// The providers @huggingface/inference no longer has (black-forest-labs, clarifai, hyperbolic, nebius, nvidia,
// sambanova) cannot be compared with it. Their whole request sequences (Hub look-up, call, polls, downloads) are
// checked against hand-written expectations instead, taken from the last huggingface.js providers before their
// removal (huggingface/huggingface.js#2258, packages/inference/src/providers/*.ts at 1fc5d92e8^) and, where that
// code and the provider's API disagree, from huggingface_hub's src/huggingface_hub/inference/_providers/*.py and the
// provider's API docs (noted per case). None of them is behind the router any more: a provider key only.
const should = require("should");
const lib = require("../../dist/lib");
const { captureRequests } = require("../support/reference");

const HUB = "https://huggingface.co";
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=", "base64");
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), Buffer.from("JFIF"), Buffer.alloc(10, 7)]);
const json = (value) => ({ json: value });
const bodyOf = (req) => JSON.parse(req.body.toString("utf8") || "{}");

const CHAT = { messages: [{ role: "user", content: "Hi" }], max_tokens: 20 };
const chatAnswer = (model) => ({
  id: "c1",
  object: "chat.completion",
  created: 1700000000,
  model,
  choices: [{ index: 0, message: { role: "assistant", content: "Hello there" }, finish_reason: "stop" }],
  usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 },
});
const chatWorld = (req) => {
  const body = bodyOf(req);
  if (!body.stream) return json(chatAnswer(body.model));
  const chunk = (content, finish = null) => ({ id: "c1", object: "chat.completion.chunk", created: 1, model: body.model, choices: [{ index: 0, delta: { content }, finish_reason: finish }] });
  const events = [chunk("Hel"), chunk("lo", "stop")].map((e) => `data: ${JSON.stringify(e)}\n\n`).join("") + "data: [DONE]\n\n";
  return { body: events, headers: { "content-type": "text/event-stream" } };
};

let seq = 0;

/** Runs one call with a provider key in a scripted world; returns the normalised requests and the result. */
async function run({ provider, task, providerId, method, args, world, token = `${provider}-key`, options }) {
  const model = `dropped-org/${task}-${++seq}`;
  const mapping = { [provider]: { providerId, status: "live", task } };
  lib.clearMappingCache();
  const out = await captureRequests(
    async () => {
      const result = new lib.InferenceClient(token)[method]({ ...args, model, provider }, options);
      if (!method.endsWith("Stream")) return result;
      const chunks = [];
      for await (const c of result) chunks.push(c);
      return chunks;
    },
    (req) => (req.origin === HUB ? json({ id: model, inferenceProviderMapping: mapping }) : world(req)),
    ["*"],
  );
  return { ...out, model };
}

/** The Hub look-up every mapped call starts with: anonymous, as a provider key is not for the Hub. */
const lookup = (model) => ({
  method: "GET",
  url: `${HUB}/api/models/${model}?expand[]=inferenceProviderMapping`,
  authorization: undefined,
  billTo: undefined,
  contentType: undefined,
  body: undefined,
});
const post = (url, authorization, body, extra = {}) => ({ method: "POST", url, authorization, billTo: undefined, contentType: "application/json", body, ...extra });
const get = (url, authorization, extra = {}) => ({ method: "GET", url, authorization, billTo: undefined, contentType: undefined, body: undefined, ...extra });

describe("providers dropped by @huggingface/inference: requests as their APIs want them", function () {
  describe("OpenAI-compatible chat (clarifai, hyperbolic, nebius, nvidia, sambanova)", function () {
    const CHAT_URLS = {
      clarifai: "https://api.clarifai.com/v2/ext/openai/v1/chat/completions",
      hyperbolic: "https://api.hyperbolic.xyz/v1/chat/completions",
      nebius: "https://api.studio.nebius.ai/v1/chat/completions",
      nvidia: "https://integrate.api.nvidia.com/v1/chat/completions",
      sambanova: "https://api.sambanova.ai/v1/chat/completions",
    };
    for (const [provider, url] of Object.entries(CHAT_URLS)) {
      it(`${provider}: chatCompletion, Bearer key, mapped model first`, async function () {
        const r = await run({ provider, task: "conversational", providerId: `${provider}-llama`, method: "chatCompletion", args: CHAT, world: chatWorld });
        should(r.error).be.undefined();
        r.requests.should.eql([lookup(r.model), post(url, `Bearer ${provider}-key`, { model: `${provider}-llama`, ...CHAT })]);
        r.result.choices[0].message.content.should.equal("Hello there");
      });
      it(`${provider}: chatCompletionStream sends stream: true and yields the chunks`, async function () {
        const r = await run({ provider, task: "conversational", providerId: `${provider}-llama`, method: "chatCompletionStream", args: CHAT, world: chatWorld });
        should(r.error).be.undefined();
        r.requests.should.eql([lookup(r.model), post(url, `Bearer ${provider}-key`, { model: `${provider}-llama`, ...CHAT, stream: true })]);
        r.result.map((c) => c.choices[0].delta.content).should.eql(["Hel", "lo"]);
      });
      it(`${provider}: an hf_ token is refused before anything is sent`, async function () {
        const r = await run({ provider, task: "conversational", providerId: "x", method: "chatCompletion", args: CHAT, world: chatWorld, token: "hf_x" });
        should(r.error).be.instanceOf(lib.InferenceClientInputError);
        r.error.message.should.containEql(`${provider} is not available through the Hugging Face router`);
        r.requests.should.eql([]);
      });
    }

    const SCHEMA = { type: "json_schema", json_schema: { name: "answer", schema: { type: "object", properties: { a: { type: "string" } } } } };
    it("nebius: a JSON schema also goes as `guided_json` (huggingface.js and huggingface_hub)", async function () {
      const args = { ...CHAT, response_format: SCHEMA };
      const r = await run({ provider: "nebius", task: "conversational", providerId: "Qwen/Qwen3-32B", method: "chatCompletion", args, world: chatWorld });
      r.requests[1].body.should.eql({ model: "Qwen/Qwen3-32B", ...args, guided_json: SCHEMA.json_schema.schema });
    });
    it("sambanova: a strict (or unset) JSON schema is sent with strict: false (huggingface.js and huggingface_hub)", async function () {
      const args = { ...CHAT, response_format: SCHEMA };
      const r = await run({ provider: "sambanova", task: "conversational", providerId: "Meta-Llama-3.3-70B-Instruct", method: "chatCompletion", args, world: chatWorld });
      r.requests[1].body.response_format.should.eql({ ...SCHEMA, json_schema: { ...SCHEMA.json_schema, strict: false } });
      // The caller's object is not changed.
      should(SCHEMA.json_schema.strict).be.undefined();
    });
  });

  describe("text generation", function () {
    const completions = (req) => json({ id: "t", object: "text_completion", created: 1, model: bodyOf(req).model, choices: [{ index: 0, text: " a city", finish_reason: "length" }] });
    const ARGS = { inputs: "Paris is", parameters: { max_new_tokens: 10, temperature: 0 } };

    it("nebius: OpenAI completions, max_new_tokens as max_tokens, {generated_text}", async function () {
      const r = await run({ provider: "nebius", task: "text-generation", providerId: "Qwen/Qwen3-32B-fast", method: "textGeneration", args: ARGS, world: completions });
      should(r.error).be.undefined();
      r.requests.should.eql([
        lookup(r.model),
        post("https://api.studio.nebius.ai/v1/completions", "Bearer nebius-key", { model: "Qwen/Qwen3-32B-fast", prompt: "Paris is", max_tokens: 10, temperature: 0 }),
      ]);
      r.result.should.eql({ generated_text: " a city" });
    });

    it("hyperbolic: a one-message chat, reply as {generated_text}", async function () {
      const r = await run({ provider: "hyperbolic", task: "text-generation", providerId: "meta-llama/Llama-3.3-70B-Instruct", method: "textGeneration", args: ARGS, world: chatWorld });
      should(r.error).be.undefined();
      r.requests.should.eql([
        lookup(r.model),
        post("https://api.hyperbolic.xyz/v1/chat/completions", "Bearer hyperbolic-key", {
          model: "meta-llama/Llama-3.3-70B-Instruct",
          messages: [{ role: "user", content: "Paris is" }],
          max_tokens: 10,
          temperature: 0,
        }),
      ]);
      r.result.should.eql({ generated_text: "Hello there" });
    });
  });

  describe("feature extraction", function () {
    const embeddings = () => json({ object: "list", data: [{ index: 0, embedding: [0.1, 0.2] }, { index: 1, embedding: [0.3, 0.4] }], model: "m" });
    for (const [provider, url] of [["nebius", "https://api.studio.nebius.ai/v1/embeddings"], ["sambanova", "https://api.sambanova.ai/v1/embeddings"]]) {
      it(`${provider}: v1/embeddings with {input, model}, one vector per input`, async function () {
        const r = await run({ provider, task: "feature-extraction", providerId: "BAAI/bge-en-icl", method: "featureExtraction", args: { inputs: ["a", "b"] }, world: embeddings });
        should(r.error).be.undefined();
        r.requests.should.eql([lookup(r.model), post(url, `Bearer ${provider}-key`, { input: ["a", "b"], model: "BAAI/bge-en-icl" })]);
        r.result.should.eql([[0.1, 0.2], [0.3, 0.4]]);
      });
    }
  });

  describe("text to image", function () {
    it("nebius: v1/images/generations, b64_json, guidance_scale dropped (huggingface_hub: Nebius has none)", async function () {
      const r = await run({
        provider: "nebius", task: "text-to-image", providerId: "black-forest-labs/flux-schnell", method: "textToImage",
        args: { inputs: "a fox", parameters: { guidance_scale: 5, num_inference_steps: 4, width: 512 } },
        world: () => json({ data: [{ b64_json: JPEG.toString("base64") }] }),
      });
      should(r.error).be.undefined();
      r.requests.should.eql([
        lookup(r.model),
        post("https://api.studio.nebius.ai/v1/images/generations", "Bearer nebius-key", {
          num_inference_steps: 4, width: 512, prompt: "a fox", response_format: "b64_json", model: "black-forest-labs/flux-schnell",
        }),
      ]);
      r.result.type.should.equal("image/jpeg");
      Buffer.from(await r.result.arrayBuffer()).equals(JPEG).should.be.true();
    });

    it("nebius: outputType url asks for a URL and returns it without downloading", async function () {
      const r = await run({
        provider: "nebius", task: "text-to-image", providerId: "black-forest-labs/flux-schnell", method: "textToImage", args: { inputs: "a fox" },
        options: { outputType: "url" }, world: () => json({ data: [{ url: "https://pictures-storage.storage.eu-north1.nebius.cloud/x.webp" }] }),
      });
      r.requests.map((q) => q.url).should.eql([lookup(r.model).url, "https://api.studio.nebius.ai/v1/images/generations"]);
      r.requests[1].body.response_format.should.equal("url");
      r.result.should.equal("https://pictures-storage.storage.eu-north1.nebius.cloud/x.webp");
    });

    it("hyperbolic: model_name, steps, cfg_scale, width and height required (huggingface_hub), base64 in images[0].image", async function () {
      const r = await run({
        provider: "hyperbolic", task: "text-to-image", providerId: "SDXL1.0-base", method: "textToImage",
        args: { inputs: "a fox", parameters: { num_inference_steps: 30, guidance_scale: 7, height: 768 } },
        world: () => json({ images: [{ image: PNG.toString("base64"), index: 0 }], inference_time: 1.2 }),
      });
      should(r.error).be.undefined();
      r.requests.should.eql([
        lookup(r.model),
        post("https://api.hyperbolic.xyz/v1/images/generations", "Bearer hyperbolic-key", {
          width: 512, height: 768, steps: 30, cfg_scale: 7, prompt: "a fox", model_name: "SDXL1.0-base",
        }),
      ]);
      r.result.type.should.equal("image/png");
      Buffer.from(await r.result.arrayBuffer()).equals(PNG).should.be.true();
    });

    it("hyperbolic: outputType url is refused after the look-up, before the call (base64 only)", async function () {
      const r = await run({ provider: "hyperbolic", task: "text-to-image", providerId: "SDXL1.0-base", method: "textToImage", args: { inputs: "a fox" }, options: { outputType: "url" }, world: () => json({}) });
      should(r.error).be.instanceOf(lib.InferenceClientInputError);
      r.requests.should.eql([lookup(r.model)]);
    });

    describe("black-forest-labs: submit, poll the polling_url, download the sample", function () {
      let saved;
      before(function () {
        const route = lib.PROVIDERS["black-forest-labs"].tasks["text-to-image"];
        saved = route.pollIntervalMs;
        route.pollIntervalMs = 1;
      });
      after(function () {
        lib.PROVIDERS["black-forest-labs"].tasks["text-to-image"].pollIntervalMs = saved;
      });

      /** BFL answers a regional polling URL; the job is pending once, then ready. */
      function bflWorld() {
        let polls = 0;
        return (req) => {
          if (req.method === "POST") return json({ id: "job-1", polling_url: "https://api.eu1.bfl.ai/v1/get_result?id=job-1" });
          if (req.origin === "https://api.eu1.bfl.ai") {
            return json(++polls === 1 ? { id: "job-1", status: "Pending" } : { id: "job-1", status: "Ready", result: { sample: "https://delivery-eu1.bfl.ai/results/x/sample.png" } });
          }
          if (req.origin === "https://delivery-eu1.bfl.ai") return { body: PNG, headers: { "content-type": "image/png" } };
          return undefined;
        };
      }

      it("the key as `X-Key` (BFL's API docs) on the submit and the polls, never on the download", async function () {
        const r = await run({
          provider: "black-forest-labs", task: "text-to-image", providerId: "flux-dev", method: "textToImage",
          args: { inputs: "a fox", parameters: { num_inference_steps: 28, guidance_scale: 3.5, width: 1024 } }, world: bflWorld(),
        });
        should(r.error).be.undefined();
        const key = { "x-key": "black-forest-labs-key" };
        r.requests.should.eql([
          lookup(r.model),
          post("https://api.us1.bfl.ai/v1/flux-dev", undefined, { steps: 28, guidance: 3.5, width: 1024, prompt: "a fox" }, key),
          get("https://api.eu1.bfl.ai/v1/get_result?id=job-1", undefined, key),
          get("https://api.eu1.bfl.ai/v1/get_result?id=job-1", undefined, key),
          get("https://delivery-eu1.bfl.ai/results/x/sample.png", undefined),
        ]);
        r.result.type.should.equal("image/png");
        Buffer.from(await r.result.arrayBuffer()).equals(PNG).should.be.true();
      });

      it("outputType url returns the sample URL, json the finished job, without downloading", async function () {
        const url = await run({ provider: "black-forest-labs", task: "text-to-image", providerId: "flux-pro-1.1", method: "textToImage", args: { inputs: "a fox" }, options: { outputType: "url" }, world: bflWorld() });
        url.result.should.equal("https://delivery-eu1.bfl.ai/results/x/sample.png");
        url.requests.map((q) => q.method).should.eql(["GET", "POST", "GET", "GET"]);
        const job = await run({ provider: "black-forest-labs", task: "text-to-image", providerId: "flux-pro-1.1", method: "textToImage", args: { inputs: "a fox" }, options: { outputType: "json" }, world: bflWorld() });
        job.result.should.eql({ id: "job-1", status: "Ready", result: { sample: "https://delivery-eu1.bfl.ai/results/x/sample.png" } });
      });

      it("an hf_ token is refused before anything is sent", async function () {
        const r = await run({ provider: "black-forest-labs", task: "text-to-image", providerId: "flux-dev", method: "textToImage", args: { inputs: "x" }, world: bflWorld(), token: "hf_x" });
        should(r.error).be.instanceOf(lib.InferenceClientInputError);
        r.requests.should.eql([]);
      });
    });
  });

  it("covers every task our table serves for these providers", function () {
    const tested = {
      "black-forest-labs": ["text-to-image"],
      clarifai: ["conversational"],
      hyperbolic: ["conversational", "text-generation", "text-to-image"],
      nebius: ["conversational", "text-generation", "feature-extraction", "text-to-image"],
      nvidia: ["conversational"],
      sambanova: ["conversational", "feature-extraction"],
    };
    for (const [provider, tasks] of Object.entries(tested)) Object.keys(lib.PROVIDERS[provider].tasks).sort().should.eql([...tasks].sort());
  });
});
