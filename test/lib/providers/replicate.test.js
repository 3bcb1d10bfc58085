"use strict";
// Replicate: predictions with `Prefer: wait`, polling when the prediction is not done, per-task inputs and outputs.
const should = require("should");
const { findTape, replay } = require("../../support/tapes");
const { startWorld, PNG, WAV, bytes, sequence, lib } = require("./support");

const MODEL = "black-forest-labs/FLUX.1-schnell";

describe("lib providers: replicate", function () {
  let world;
  const saved = [];
  before(async function () {
    world = await startWorld();
    // Fast polling for the tests; the real intervals come back afterwards (the README table shows them).
    for (const r of Object.values(lib.PROVIDERS.replicate.tasks)) saved.push([r, r.pollIntervalMs]), (r.pollIntervalMs = 5);
  });
  after(async function () {
    for (const [r, ms] of saved) r.pollIntervalMs = ms;
    await world.stop();
  });
  beforeEach(function () {
    world.reset();
  });

  it("text-to-image, direct: model endpoint, `Prefer: wait`, output listed at once (recorded answer), file downloaded", async function () {
    world.mapModel(MODEL, "replicate", "black-forest-labs/flux-schnell", "text-to-image");
    const tape = findTape("/v1/models/black-forest-labs/flux-schnell/predictions");
    world.server.on("POST /v1/models/black-forest-labs/flux-schnell/predictions", replay(tape));
    const fileUrl = JSON.parse(tape.response.body).output[0];
    world.server.on(`GET ${new URL(fileUrl).pathname}`, bytes(PNG, "image/png"));
    const blob = await world.client("r8_key").textToImage({ model: MODEL, provider: "replicate", inputs: "a cake" });
    blob.type.should.equal("image/png");
    world.intended.slice(1).map((r) => `${r.method} ${r.url}`).should.eql([
      "POST https://api.replicate.com/v1/models/black-forest-labs/flux-schnell/predictions",
      `GET ${fileUrl}`,
    ]);
    const submit = world.posts()[0];
    submit.headers.prefer.should.equal("wait");
    submit.headers.authorization.should.equal("Bearer r8_key");
    submit.json().should.eql({ input: { prompt: "a cake" } });
    should(world.server.requests[2].headers.authorization).be.undefined();
  });

  it("a versioned model id posts to v1/predictions with the version", async function () {
    world.mapModel("ByteDance/SDXL-Lightning", "replicate", "bytedance/sdxl-lightning-4step:5599ed30", "text-to-image");
    world.server.on("POST /v1/predictions", { json: { id: "p", status: "succeeded", output: ["https://replicate.delivery/o.png"] } });
    world.server.on("GET /o.png", bytes(PNG, "image/png"));
    await world.client("r8_key").textToImage({ model: "ByteDance/SDXL-Lightning", provider: "replicate", inputs: "x", parameters: { seed: 1 } });
    world.posts()[0].json().should.eql({ input: { seed: 1, prompt: "x" }, version: "5599ed30" });
  });

  it("routed: a prediction still starting is polled at router/replicate/v1/predictions/{id} until it succeeds", async function () {
    world.mapModel(MODEL, "replicate", "black-forest-labs/flux-schnell", "text-to-image");
    world.server.on("POST /replicate/v1/models/black-forest-labs/flux-schnell/predictions", {
      status: 201,
      json: { id: "p1", status: "starting", output: null, urls: { get: "https://api.replicate.com/v1/predictions/p1" } },
    });
    world.server.on(
      "GET /replicate/v1/predictions/p1",
      sequence([{ id: "p1", status: "processing", output: null }, { id: "p1", status: "succeeded", output: "https://replicate.delivery/p1.png" }]),
    );
    world.server.on("GET /p1.png", bytes(PNG, "image/png"));
    const progress = [];
    const blob = await world
      .client("hf_tok", { onProgress: (s) => progress.push(s) })
      .textToImage({ model: MODEL, provider: "replicate", inputs: "x" });
    Buffer.from(await blob.arrayBuffer()).equals(PNG).should.be.true();
    const polls = world.server.requests.filter((r) => r.path === "/replicate/v1/predictions/p1");
    polls.should.have.length(2);
    polls[0].headers.authorization.should.equal("Bearer hf_tok");
    world.intended.filter((r) => r.url.includes("/predictions/p1"))[0].url.should.equal("https://router.test/replicate/v1/predictions/p1");
    progress.should.eql(["replicate: processing"]);
  });

  it("a failed prediction raises a ProviderOutputError with Replicate's error", async function () {
    world.mapModel(MODEL, "replicate", "black-forest-labs/flux-schnell", "text-to-image");
    world.server.on("POST /v1/models/black-forest-labs/flux-schnell/predictions", { json: { id: "p2", status: "processing", output: null } });
    world.server.on("GET /v1/predictions/p2", { json: { id: "p2", status: "failed", error: "NSFW content detected" } });
    const err = await world.client("r8_key").textToImage({ model: MODEL, provider: "replicate", inputs: "x" }).then(() => null, (e) => e);
    should(err).be.instanceOf(lib.InferenceClientProviderOutputError);
    err.message.should.containEql("NSFW content detected");
  });

  it("automatic-speech-recognition: audio as a data URL in `input.audio`, transcription read from the output", async function () {
    world.mapModel("openai/whisper-large-v3", "replicate", "openai/whisper:8099696689d249cf8b122d833c36ac3f75505c666a395ca40ef26f68e7d3d16e", "automatic-speech-recognition");
    world.server.on("POST /v1/predictions", { json: { id: "a", status: "succeeded", output: { transcription: "hello there" } } });
    const out = await world.client("r8_key").automaticSpeechRecognition({ model: "openai/whisper-large-v3", provider: "replicate", inputs: WAV });
    out.should.eql({ text: "hello there" });
    world.posts()[0].json().input.audio.should.startWith("data:audio/wav;base64,");
  });

  it("text-to-speech sends `text` and downloads the audio", async function () {
    world.mapModel("hexgrad/Kokoro-82M", "replicate", "jaaari/kokoro-82m:f559", "text-to-speech");
    world.server.on("POST /v1/predictions", { json: { id: "t", status: "succeeded", output: "https://replicate.delivery/out.wav" } });
    world.server.on("GET /out.wav", bytes(WAV, "audio/wav"));
    const blob = await world.client("r8_key").textToSpeech({ model: "hexgrad/Kokoro-82M", provider: "replicate", inputs: "Hi" });
    blob.type.should.equal("audio/wav");
    world.posts()[0].json().input.should.eql({ text: "Hi" });
  });

  it("image-to-image sends the image under every name Replicate models use", async function () {
    world.mapModel("black-forest-labs/FLUX.1-Kontext-dev", "replicate", "black-forest-labs/flux-kontext-dev", "image-to-image");
    world.server.on("POST /v1/models/black-forest-labs/flux-kontext-dev/predictions", { json: { status: "succeeded", output: "https://replicate.delivery/e.png" } });
    world.server.on("GET /e.png", bytes(PNG, "image/png"));
    await world.client("r8_key").imageToImage({ model: "black-forest-labs/FLUX.1-Kontext-dev", provider: "replicate", inputs: PNG, parameters: { prompt: "blue" } });
    const input = world.posts()[0].json().input;
    input.prompt.should.equal("blue");
    input.image.should.startWith("data:image/png;base64,");
    input.images.should.eql([input.image]);
    input.input_image.should.equal(input.image);
  });
});
