"use strict";
// fal: the queue (submit, status polling, result, download), routed and direct; synchronous apps; errors.
const should = require("should");
const { findTape, replay } = require("../../support/tapes");
const { startWorld, PNG, WAV, MP4, bytes, sequence, lib } = require("./support");

const MODEL = "black-forest-labs/FLUX.1-schnell";
const APP = "fal-ai/flux/schnell";
const IMAGE_URL = "https://fal.media/files/lion/X8-x48pAMGOF6n7fINCBC.png";

describe("lib providers: fal-ai", function () {
  let world;
  const routes = () => lib.PROVIDERS["fal-ai"].tasks;
  const saved = [];
  before(async function () {
    world = await startWorld();
    // Fast polling for the tests; the real intervals come back afterwards (the README table shows them).
    for (const r of Object.values(routes())) if (r.pollIntervalMs) saved.push([r, r.pollIntervalMs]), (r.pollIntervalMs = 5);
  });
  after(async function () {
    for (const [r, ms] of saved) r.pollIntervalMs = ms;
    await world.stop();
  });
  beforeEach(function () {
    world.reset();
  });

  /** A queue job at `base` (the router's /fal-ai prefix or nothing) that completes after `polls` status answers. */
  function queueJob(base, { statuses = ["IN_QUEUE", "IN_PROGRESS", "COMPLETED"], result } = {}) {
    world.server.on(`POST ${base}/${APP}`, {
      json: { request_id: "req-1", status: "IN_QUEUE", response_url: `https://queue.fal.run/${APP.split("/").slice(0, 2).join("/")}/requests/req-1` },
    });
    world.server.on(
      `GET ${base}/fal-ai/flux/requests/req-1/status`,
      sequence(statuses.map((status, i) => ({ status, ...(status === "IN_QUEUE" ? { queue_position: 2 - i } : {}) }))),
    );
    // The fal result body as recorded (the synchronous API of early 2025 answered the same shape).
    const tape = findTape(`/${APP}`, (b) => b.includes("FLUX SCHNELL"));
    world.server.on(`GET ${base}/fal-ai/flux/requests/req-1`, result ? { json: result } : replay(tape));
    world.server.on("GET /files/lion/X8-x48pAMGOF6n7fINCBC.png", bytes(PNG, "image/png"));
  }

  it("text-to-image, routed: submits to the router's queue, polls the status, fetches the result, downloads the image", async function () {
    world.mapModel(MODEL, "fal-ai", APP, "text-to-image");
    queueJob("/fal-ai");
    const progress = [];
    const blob = await world
      .client("hf_token", { billTo: "org", onProgress: (s) => progress.push(s) })
      .textToImage({ model: MODEL, provider: "fal-ai", inputs: "a cake", parameters: { num_inference_steps: 4 } });
    blob.should.be.instanceOf(Blob);
    blob.type.should.equal("image/png");
    Buffer.from(await blob.arrayBuffer()).equals(PNG).should.be.true();
    world.intended.map((r) => `${r.method} ${r.url}`).should.eql([
      `GET https://hub.test/api/models/${MODEL}?expand[]=inferenceProviderMapping`,
      `POST https://router.test/fal-ai/${APP}?_subdomain=queue`,
      "GET https://router.test/fal-ai/fal-ai/flux/requests/req-1/status?_subdomain=queue",
      "GET https://router.test/fal-ai/fal-ai/flux/requests/req-1/status?_subdomain=queue",
      "GET https://router.test/fal-ai/fal-ai/flux/requests/req-1/status?_subdomain=queue",
      "GET https://router.test/fal-ai/fal-ai/flux/requests/req-1?_subdomain=queue",
      `GET ${IMAGE_URL}`,
    ]);
    const [, submit, poll, , , result, download] = world.server.requests;
    submit.json().should.eql({ num_inference_steps: 4, prompt: "a cake" });
    submit.headers.authorization.should.equal("Bearer hf_token");
    submit.headers["x-hf-bill-to"].should.equal("org");
    poll.headers.authorization.should.equal("Bearer hf_token");
    result.headers.authorization.should.equal("Bearer hf_token");
    should(download.headers.authorization).be.undefined();
    should(download.headers["x-hf-bill-to"]).be.undefined();
    progress.should.eql(["fal-ai: queued #3", "fal-ai: running"]);
  });

  it("text-to-image, direct: queue.fal.run with `Authorization: Key`", async function () {
    world.mapModel(MODEL, "fal-ai", APP, "text-to-image");
    queueJob("", { statuses: ["COMPLETED"] });
    await world.client("fal-key-123").textToImage({ model: MODEL, provider: "fal-ai", inputs: "a cake" });
    const urls = world.intended.map((r) => r.url);
    urls.slice(1, 4).should.eql([
      `https://queue.fal.run/${APP}`,
      "https://queue.fal.run/fal-ai/flux/requests/req-1/status",
      "https://queue.fal.run/fal-ai/flux/requests/req-1",
    ]);
    world.server.requests[1].headers.authorization.should.equal("Key fal-key-123");
    world.server.requests[2].headers.authorization.should.equal("Key fal-key-123");
  });

  it("text-to-image honours outputType url and json (no download)", async function () {
    world.mapModel(MODEL, "fal-ai", APP, "text-to-image");
    queueJob("/fal-ai", { statuses: ["COMPLETED"] });
    const client = world.client("hf_t");
    (await client.textToImage({ model: MODEL, provider: "fal-ai", inputs: "x" }, { outputType: "url" })).should.equal(IMAGE_URL);
    const json = await client.textToImage({ model: MODEL, provider: "fal-ai", inputs: "x" }, { outputType: "json" });
    json.images[0].url.should.equal(IMAGE_URL);
    world.intended.filter((r) => r.url === IMAGE_URL).should.have.length(0);
  });

  it("passes a Hub LoRA adapter by the URL of its weights", async function () {
    world.mapModel("me/my-lora", "fal-ai", "fal-ai/flux-lora", "text-to-image", { adapter: "lora", adapterWeightsPath: "lora.safetensors" });
    world.server.on("POST /fal-ai/flux-lora", {
      json: { request_id: "r", status: "COMPLETED", response_url: "https://queue.fal.run/fal-ai/flux-lora/requests/r" },
    });
    world.server.on("GET /fal-ai/flux-lora/requests/r", { json: { images: [{ url: "https://fal.media/x.png" }] } });
    world.server.on("GET /x.png", bytes(PNG, "image/png"));
    await world.client("fal-key").textToImage({ model: "me/my-lora", provider: "fal-ai", inputs: "x" });
    world.posts()[0].json().loras.should.eql([{ path: "https://huggingface.co/me/my-lora/resolve/main/lora.safetensors", scale: 1 }]);
  });

  it("a failed result (fal's 422 detail) raises a ProviderApiError with fal's message", async function () {
    world.mapModel(MODEL, "fal-ai", APP, "text-to-image");
    queueJob("/fal-ai", { statuses: ["COMPLETED"] });
    world.server.on("GET /fal-ai/fal-ai/flux/requests/req-1", {
      status: 422,
      json: { detail: [{ loc: ["body", "prompt"], msg: "Prompt contains forbidden words", type: "value_error" }] },
    });
    const err = await world.client("hf_t").textToImage({ model: MODEL, provider: "fal-ai", inputs: "x" }).then(() => null, (e) => e);
    should(err).be.instanceOf(lib.InferenceClientProviderApiError);
    err.status.should.equal(422);
    err.message.should.containEql("Prompt contains forbidden words");
    err.httpRequest.headers.Authorization.should.equal("Bearer [redacted]");
  });

  it("the call's timeout bounds the polling (InferenceTimeoutError)", async function () {
    world.mapModel(MODEL, "fal-ai", APP, "text-to-image");
    queueJob("/fal-ai", { statuses: ["IN_PROGRESS"] });
    const err = await world
      .client("hf_t", { timeout: 300 })
      .textToImage({ model: MODEL, provider: "fal-ai", inputs: "x" })
      .then(() => null, (e) => e);
    should(err).be.instanceOf(lib.InferenceTimeoutError);
    world.server.requests.filter((r) => r.path.endsWith("/status")).length.should.be.above(1);
  });

  it("an abort stops the polling (AbortError, no result fetched)", async function () {
    world.mapModel(MODEL, "fal-ai", APP, "text-to-image");
    queueJob("/fal-ai", { statuses: ["IN_PROGRESS"] });
    const controller = new AbortController();
    const statusHandler = world.server.routes.get("GET /fal-ai/fal-ai/flux/requests/req-1/status");
    let polls = 0;
    world.server.on("GET /fal-ai/fal-ai/flux/requests/req-1/status", (req, res, body) => {
      if (++polls === 2) controller.abort();
      statusHandler(req, res, body);
    });
    const err = await world
      .client("hf_t", { signal: controller.signal })
      .textToImage({ model: MODEL, provider: "fal-ai", inputs: "x" })
      .then(() => null, (e) => e);
    err.name.should.equal("AbortError");
    polls.should.equal(2);
    world.server.requests.filter((r) => r.path === "/fal-ai/fal-ai/flux/requests/req-1").should.have.length(0);
  });

  it("automatic-speech-recognition: synchronous on fal.run, audio as a data URL fal accepts", async function () {
    world.mapModel("openai/whisper-large-v3", "fal-ai", "fal-ai/whisper", "automatic-speech-recognition");
    world.server.on("POST /fal-ai/whisper", { json: { text: "hello world", chunks: [{ text: "hello world", timestamp: [0, 1.5] }] } });
    const out = await world.client("fal-key").automaticSpeechRecognition({ model: "openai/whisper-large-v3", provider: "fal-ai", inputs: WAV });
    out.should.eql({ text: "hello world", chunks: [{ text: "hello world", timestamp: [0, 1.5] }] });
    world.intended[1].url.should.equal("https://fal.run/fal-ai/whisper");
    world.posts()[0].json().audio_url.should.startWith("data:audio/x-wav;base64,");
  });

  it("automatic-speech-recognition: fal's recorded 400 comes back as a ProviderApiError", async function () {
    world.mapModel("openai/whisper-large-v3", "fal-ai", "fal-ai/wizper", "automatic-speech-recognition");
    world.server.on("POST /fal-ai/wizper", replay(findTape("/fal-ai/wizper")));
    const err = await world
      .client("fal-key")
      .automaticSpeechRecognition({ model: "openai/whisper-large-v3", provider: "fal-ai", inputs: WAV })
      .then(() => null, (e) => e);
    should(err).be.instanceOf(lib.InferenceClientProviderApiError);
    err.status.should.equal(400);
    err.message.should.containEql("Unsupported data URL");
  });

  it("automatic-speech-recognition: FLAC, Ogg, M4A and WebM go to fal (it transcribes them); only non-audio is refused", async function () {
    world.mapModel("openai/whisper-large-v3", "fal-ai", "fal-ai/whisper", "automatic-speech-recognition");
    world.server.on("POST /fal-ai/whisper", { json: { text: "ok" } });
    const client = world.client("fal-key");
    const asr = (inputs) => client.automaticSpeechRecognition({ model: "openai/whisper-large-v3", provider: "fal-ai", inputs });
    const m4a = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from("ftypM4A "), Buffer.alloc(12)]);
    const cases = [
      [Buffer.concat([Buffer.from("fLaC"), Buffer.alloc(38)]), "audio/flac"],
      [Buffer.concat([Buffer.from("OggS"), Buffer.alloc(20)]), "audio/ogg"],
      [m4a, "audio/mp4"],
      [Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), Buffer.alloc(20)]), "video/webm"],
    ];
    for (const [audio, type] of cases) (await asr(audio)).text.should.equal("ok");
    world.posts().map((p) => p.json().audio_url.split(";")[0]).should.eql(cases.map(([, type]) => `data:${type}`));

    const err = await asr(PNG).then(() => null, (e) => e);
    should(err).be.instanceOf(lib.InferenceClientInputError);
    err.message.should.containEql("image/png");
    world.posts().should.have.length(cases.length);
  });

  it("a failed download of the result says what failed: the download, its host and HTTP status", async function () {
    world.mapModel("hexgrad/Kokoro-82M", "fal-ai", "fal-ai/kokoro", "text-to-speech");
    world.server.on("POST /fal-ai/fal-ai/kokoro", { json: { audio: { url: "https://v3.fal.media/files/gone.wav?sig=abc", content_type: "audio/wav" } } });
    world.server.on("GET /files/gone.wav", { status: 404, body: "Not Found", headers: { "content-type": "text/plain" } });
    const err = await world.client("hf_t").textToSpeech({ model: "hexgrad/Kokoro-82M", provider: "fal-ai", inputs: "Hello" }).then(() => null, (e) => e);
    should(err).be.instanceOf(lib.InferenceClientProviderApiError);
    err.status.should.equal(404);
    err.message.should.equal("Download from v3.fal.media failed (HTTP 404): Not Found");
    err.message.should.not.containEql("Failed to perform inference");
  });

  it("text-to-speech: synchronous, the audio URL is downloaded", async function () {
    world.mapModel("hexgrad/Kokoro-82M", "fal-ai", "fal-ai/kokoro", "text-to-speech");
    world.server.on("POST /fal-ai/fal-ai/kokoro", { json: { audio: { url: "https://v3.fal.media/files/a.wav", content_type: "audio/wav" } } });
    world.server.on("GET /files/a.wav", bytes(WAV, "audio/wav"));
    const blob = await world.client("hf_t").textToSpeech({ model: "hexgrad/Kokoro-82M", provider: "fal-ai", inputs: "Hello" });
    blob.type.should.equal("audio/wav");
    world.posts()[0].json().should.eql({ text: "Hello" });
    world.intended[1].url.should.equal("https://router.test/fal-ai/fal-ai/kokoro");
  });

  it("image-to-video goes through the queue and downloads the video", async function () {
    world.mapModel("Lightricks/LTX-Video", "fal-ai", "fal-ai/ltx-video/image-to-video", "image-to-video");
    world.server.on("POST /fal-ai/ltx-video/image-to-video", {
      json: { request_id: "v", status: "IN_QUEUE", response_url: "https://queue.fal.run/fal-ai/ltx-video/requests/v" },
    });
    world.server.on("GET /fal-ai/ltx-video/requests/v/status", { json: { status: "COMPLETED" } });
    world.server.on("GET /fal-ai/ltx-video/requests/v", { json: { video: { url: "https://fal.media/v.mp4" } } });
    world.server.on("GET /v.mp4", bytes(MP4, "video/mp4"));
    const blob = await world
      .client("fal-key")
      .imageToVideo({ model: "Lightricks/LTX-Video", provider: "fal-ai", inputs: PNG, parameters: { prompt: "move" } });
    blob.type.should.equal("video/mp4");
    const body = world.posts()[0].json();
    body.image_url.should.startWith("data:image/png;base64,");
    body.prompt.should.equal("move");
  });

  it("image-segmentation returns the mask as base64 with a placeholder label", async function () {
    world.mapModel("briaai/RMBG-2.0", "fal-ai", "fal-ai/bria/background/remove", "image-segmentation");
    world.server.on("POST /fal-ai/bria/background/remove", {
      json: { request_id: "s", status: "COMPLETED", response_url: "https://queue.fal.run/fal-ai/bria/requests/s" },
    });
    world.server.on("GET /fal-ai/bria/requests/s", { json: { image: { url: "https://fal.media/m.png" } } });
    world.server.on("GET /m.png", bytes(PNG, "image/png"));
    const out = await world.client("fal-key").imageSegmentation({ model: "briaai/RMBG-2.0", provider: "fal-ai", inputs: PNG });
    out.should.have.length(1);
    out[0].label.should.equal("mask");
    Buffer.from(out[0].mask, "base64").equals(PNG).should.be.true();
    world.posts()[0].json().sync_mode.should.equal(true);
  });
});
