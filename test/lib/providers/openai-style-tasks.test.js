"use strict";
// The OpenAI-style routes beyond chat: completions, chat-as-text-generation, embeddings, image generation,
// speech and transcription, per provider (recorded answers where the tapes have them).
const should = require("should");
const { findTape, replay } = require("../../support/tapes");
const { startWorld, PNG, WAV, bytes, chatAnswer, lib } = require("./support");

describe("lib providers: OpenAI-style task routes", function () {
  let world;
  before(async function () {
    world = await startWorld();
  });
  after(async function () {
    await world.stop();
  });
  beforeEach(function () {
    world.reset();
  });

  describe("text-generation", function () {
    const MODEL = "mistralai/Mixtral-8x7B-v0.1";
    // provider -> direct completions URL
    const COMPLETIONS = {
      together: "https://api.together.xyz/v1/completions",
      "featherless-ai": "https://api.featherless.ai/v1/completions",
      ovhcloud: "https://oai.endpoints.kepler.ai.cloud.ovh.net/v1/completions",
      scaleway: "https://api.scaleway.ai/v1/completions",
      nebius: "https://api.studio.nebius.ai/v1/completions",
      deepinfra: "https://api.deepinfra.com/v1/openai/completions",
    };
    const tape = () => findTape("/v1/completions", (b) => b.includes("Paris is"));

    for (const [provider, url] of Object.entries(COMPLETIONS)) {
      it(`${provider}: completions with max_new_tokens as max_tokens (recorded answer)`, async function () {
        world.mapModel(MODEL, provider, "mixtral-8x7b", "text-generation");
        world.server.on(`POST ${new URL(url).pathname}`, replay(tape()));
        const out = await world.client("key-1").textGeneration({ model: MODEL, provider, inputs: "Paris is", parameters: { max_new_tokens: 10, temperature: 0 } });
        out.generated_text.should.equal(" a city of love, and it’s also");
        world.intended[1].url.should.equal(url);
        // Together and Scaleway also get `inputs`, as the reference sends it (and Together's recorded answer accepted).
        const keepsInputs = provider === "together" || provider === "scaleway" ? { inputs: "Paris is" } : {};
        world.posts()[0].json().should.eql({ model: "mixtral-8x7b", max_tokens: 10, temperature: 0, prompt: "Paris is", ...keepsInputs });
      });
    }

    it("together: textGenerationStream sends stream: true to completions and reads the chunks", async function () {
      world.mapModel(MODEL, "together", "mixtral-8x7b", "text-generation");
      world.server.on("POST /v1/completions", (req, res) => {
        res.writeHead(200, { "content-type": "text/event-stream" });
        const chunk = (text, finish = null) => `data: ${JSON.stringify({ id: "c", choices: [{ index: 0, text, finish_reason: finish }] })}\n\n`;
        res.end(chunk(" a") + chunk(" city", "length") + "data: [DONE]\n\n");
      });
      const tokens = [];
      // Through the task module itself (the client method is wired by the tasks' own work).
      const { textGenerationStream } = require("../../../dist/lib/tasks/defs/text-generation-stream");
      const client = world.client("tg");
      for await (const ev of textGenerationStream({ model: MODEL, provider: "together", inputs: "Paris is" }, client.resolve(), "tg")) {
        tokens.push(ev.token.text);
      }
      tokens.should.eql([" a", " city"]);
      const body = world.posts()[0].json();
      body.stream.should.equal(true);
      body.prompt.should.equal("Paris is");
    });

    for (const [provider, path] of [
      ["groq", "/openai/v1/chat/completions"],
      ["novita", "/v3/openai/chat/completions"],
      ["hyperbolic", "/v1/chat/completions"],
    ]) {
      it(`${provider}: text-generation as a one-message chat`, async function () {
        world.mapModel(MODEL, provider, "mixtral", "text-generation");
        world.server.on(`POST ${path}`, { json: chatAnswer() });
        const out = await world.client("key-1").textGeneration({ model: MODEL, provider, inputs: "Say hi", parameters: { max_new_tokens: 5 } });
        out.generated_text.should.equal("Hi there");
        world.posts()[0].json().should.eql({ model: "mixtral", max_tokens: 5, messages: [{ role: "user", content: "Say hi" }] });
      });
    }
  });

  describe("feature-extraction", function () {
    const MODEL = "intfloat/e5-mistral-7b-instruct";
    const EMBEDDINGS = {
      sambanova: "https://api.sambanova.ai/v1/embeddings",
      scaleway: "https://api.scaleway.ai/v1/embeddings",
      nebius: "https://api.studio.nebius.ai/v1/embeddings",
      together: "https://api.together.xyz/v1/embeddings",
      deepinfra: "https://api.deepinfra.com/v1/openai/embeddings",
    };
    for (const [provider, url] of Object.entries(EMBEDDINGS)) {
      it(`${provider}: embeddings, one vector per input (recorded SambaNova answer)`, async function () {
        world.mapModel(MODEL, provider, "E5-Mistral-7B-Instruct", "feature-extraction");
        world.server.on(`POST ${new URL(url).pathname}`, replay(findTape("/v1/embeddings")));
        const out = await world.client("key-1").featureExtraction({ model: MODEL, provider, inputs: "Today is a sunny day" });
        out.should.have.length(1);
        out[0].length.should.equal(4096);
        out[0][0].should.be.approximately(0.0026079, 1e-6);
        world.intended[1].url.should.equal(url);
        world.posts()[0].json().should.eql({ input: "Today is a sunny day", model: "E5-Mistral-7B-Instruct" });
      });
    }
  });

  describe("text-to-image", function () {
    it("nebius: b64_json, guidance_scale dropped (recorded answer)", async function () {
      world.mapModel("black-forest-labs/FLUX.1-schnell", "nebius", "black-forest-labs/flux-schnell", "text-to-image");
      world.server.on("POST /v1/images/generations", replay(findTape("/v1/images/generations", (b) => b.includes("b64_json"))));
      const blob = await world
        .client("neb-key")
        .textToImage({ model: "black-forest-labs/FLUX.1-schnell", provider: "nebius", inputs: "a tortoise", parameters: { guidance_scale: 5, width: 512 } });
      blob.type.should.equal("image/webp");
      world.posts()[0].json().should.eql({ width: 512, prompt: "a tortoise", response_format: "b64_json", model: "black-forest-labs/flux-schnell" });
      world.intended[1].url.should.equal("https://api.studio.nebius.ai/v1/images/generations");
    });

    it("together: `base64`, steps renamed, routed (recorded answer)", async function () {
      world.mapModel("stabilityai/stable-diffusion-xl-base-1.0", "together", "stabilityai/stable-diffusion-xl-base-1.0", "text-to-image");
      world.server.on("POST /together/v1/images/generations", replay(findTape("/v1/images/generations", (b) => b.includes('"base64"'))));
      const blob = await world
        .client("hf_t")
        .textToImage({ model: "stabilityai/stable-diffusion-xl-base-1.0", provider: "together", inputs: "a tortoise", parameters: { num_inference_steps: 8 } });
      blob.type.should.equal("image/jpeg");
      world.posts()[0].json().should.eql({ steps: 8, prompt: "a tortoise", response_format: "base64", model: "stabilityai/stable-diffusion-xl-base-1.0" });
    });

    it("nscale: base64 only, so outputType url is refused", async function () {
      world.mapModel("stabilityai/sdxl", "nscale", "sdxl", "text-to-image");
      world.server.on("POST /v1/images/generations", { json: { data: [{ b64_json: PNG.toString("base64") }] } });
      const client = world.client("ns-key");
      (await client.textToImage({ model: "stabilityai/sdxl", provider: "nscale", inputs: "x" }, { outputType: "dataUrl" })).should.startWith(
        "data:image/png;base64,",
      );
      const err = await client.textToImage({ model: "stabilityai/sdxl", provider: "nscale", inputs: "x" }, { outputType: "url" }).then(() => null, (e) => e);
      should(err).be.instanceOf(lib.InferenceClientInputError);
      err.message.should.containEql("nscale");
    });

    it("hyperbolic: its own payload (model_name, width/height defaults) and images[0].image", async function () {
      world.mapModel("stabilityai/sdxl", "hyperbolic", "SDXL1.0-base", "text-to-image");
      world.server.on("POST /v1/images/generations", { json: { images: [{ image: PNG.toString("base64"), index: 0 }] } });
      const blob = await world.client("hyp-key").textToImage({ model: "stabilityai/sdxl", provider: "hyperbolic", inputs: "x", parameters: { guidance_scale: 7 } });
      blob.type.should.equal("image/png");
      world.posts()[0].json().should.eql({ width: 512, height: 512, cfg_scale: 7, prompt: "x", model_name: "SDXL1.0-base" });
    });

    it("a malformed answer raises a ProviderOutputError", async function () {
      world.mapModel("stabilityai/sdxl", "nscale", "sdxl", "text-to-image");
      world.server.on("POST /v1/images/generations", { json: { data: [] } });
      const err = await world.client("ns-key").textToImage({ model: "stabilityai/sdxl", provider: "nscale", inputs: "x" }).then(() => null, (e) => e);
      should(err).be.instanceOf(lib.InferenceClientProviderOutputError);
    });

    it("together image-to-image: reference_images, or image_url for FLUX.1 Kontext", async function () {
      world.mapModel("black-forest-labs/FLUX.1-Kontext-dev", "together", "black-forest-labs/FLUX.1-kontext-dev", "image-to-image");
      world.server.on("POST /v1/images/generations", { json: { data: [{ b64_json: PNG.toString("base64") }] } });
      await world.client("tg").imageToImage({ model: "black-forest-labs/FLUX.1-Kontext-dev", provider: "together", inputs: PNG, parameters: { prompt: "red" } });
      const body = world.posts()[0].json();
      body.image_url.should.startWith("data:image/png;base64,");
      body.prompt.should.equal("red");
      should(body.reference_images).be.undefined();
    });
  });

  describe("speech", function () {
    it("deepinfra text-to-speech: v1/openai/audio/speech, the audio bytes back", async function () {
      world.mapModel("hexgrad/Kokoro-82M", "deepinfra", "hexgrad/Kokoro-82M", "text-to-speech");
      world.server.on("POST /v1/openai/audio/speech", bytes(WAV, "audio/wav"));
      const blob = await world.client("di-key").textToSpeech({ model: "hexgrad/Kokoro-82M", provider: "deepinfra", inputs: "Hello", parameters: { voice: "af_bella" } });
      blob.type.should.equal("audio/wav");
      world.posts()[0].json().should.eql({ voice: "af_bella", input: "Hello", model: "hexgrad/Kokoro-82M" });
    });

    it("together text-to-speech: Kokoro gets a default voice", async function () {
      world.mapModel("hexgrad/Kokoro-82M", "together", "hexgrad/Kokoro-82M", "text-to-speech");
      world.server.on("POST /v1/audio/speech", bytes(WAV, "audio/wav"));
      await world.client("tg").textToSpeech({ model: "hexgrad/Kokoro-82M", provider: "together", inputs: "Hello" });
      world.posts()[0].json().voice.should.equal("af_alloy");
    });

    for (const [provider, url] of [
      ["deepinfra", "https://api.deepinfra.com/v1/openai/audio/transcriptions"],
      ["together", "https://api.together.xyz/v1/audio/transcriptions"],
    ]) {
      it(`${provider} automatic-speech-recognition: a multipart upload, segments as chunks`, async function () {
        world.mapModel("openai/whisper-large-v3", provider, "openai/whisper-large-v3", "automatic-speech-recognition");
        world.server.on(`POST ${new URL(url).pathname}`, { json: { text: "hello", segments: [{ id: 0, start: 0, end: 1.2, text: "hello" }] } });
        const out = await world
          .client("k")
          .automaticSpeechRecognition({ model: "openai/whisper-large-v3", provider, inputs: WAV, parameters: { language: "en" } });
        out.should.eql({ text: "hello", chunks: [{ text: "hello", timestamp: [0, 1.2] }] });
        world.intended[1].url.should.equal(url);
        const post = world.posts()[0];
        post.headers["content-type"].should.startWith("multipart/form-data; boundary=");
        const raw = post.body.toString("latin1");
        raw.should.containEql('name="file"; filename="audio.wav"');
        raw.should.containEql('name="model"\r\n\r\nopenai/whisper-large-v3');
        raw.should.containEql('name="language"\r\n\r\nen');
        post.body.includes(WAV).should.be.true();
      });
    }
  });
});
