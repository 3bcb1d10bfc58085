"use strict";
// The other asynchronous providers: Black Forest Labs (polling_url), WaveSpeedAI (result URL), Together video jobs,
// Novita video tasks, Z.ai image jobs. Submit, poll sequence, final download, failures.
const should = require("should");
const { startWorld, PNG, MP4, bytes, sequence, lib } = require("./support");

describe("lib providers: asynchronous jobs", function () {
  let world;
  const saved = [];
  before(async function () {
    world = await startWorld();
    for (const p of ["black-forest-labs", "wavespeed", "together", "novita", "zai-org"]) {
      for (const r of Object.values(lib.PROVIDERS[p].tasks)) {
        if (r.pollIntervalMs) {
          saved.push([r, r.pollIntervalMs]);
          r.pollIntervalMs = 5;
        }
      }
    }
  });
  after(async function () {
    for (const [r, ms] of saved) r.pollIntervalMs = ms;
    await world.stop();
  });
  beforeEach(function () {
    world.reset();
  });

  describe("black-forest-labs", function () {
    const MODEL = "black-forest-labs/FLUX.1-dev";

    it("direct with `X-Key`: submit, poll the polling_url (Pending, Ready), download the sample", async function () {
      world.mapModel(MODEL, "black-forest-labs", "flux-dev", "text-to-image");
      world.server.on("POST /v1/flux-dev", { json: { id: "j1", polling_url: "https://api.eu1.bfl.ai/v1/get_result?id=j1" } });
      world.server.on(
        "GET /v1/get_result",
        sequence([{ id: "j1", status: "Pending" }, { id: "j1", status: "Ready", result: { sample: "https://delivery-eu1.bfl.ai/s.png" } }]),
      );
      world.server.on("GET /s.png", bytes(PNG, "image/png"));
      const progress = [];
      const blob = await world
        .client("bfl-key", { onProgress: (s) => progress.push(s) })
        .textToImage({ model: MODEL, provider: "black-forest-labs", inputs: "a fox", parameters: { num_inference_steps: 20, guidance_scale: 3 } });
      blob.type.should.equal("image/png");
      world.intended.slice(1).map((r) => r.url).should.eql([
        "https://api.us1.bfl.ai/v1/flux-dev",
        "https://api.eu1.bfl.ai/v1/get_result?id=j1",
        "https://api.eu1.bfl.ai/v1/get_result?id=j1",
        "https://delivery-eu1.bfl.ai/s.png",
      ]);
      const [, submit, poll, , download] = world.server.requests;
      submit.headers["x-key"].should.equal("bfl-key");
      should(submit.headers.authorization).be.undefined();
      submit.json().should.eql({ steps: 20, guidance: 3, prompt: "a fox" });
      poll.headers["x-key"].should.equal("bfl-key");
      should(download.headers["x-key"]).be.undefined();
      progress.should.eql(["black-forest-labs: Pending"]);
    });

    it("a moderated job fails with BFL's status", async function () {
      world.mapModel(MODEL, "black-forest-labs", "flux-dev", "text-to-image");
      world.server.on("POST /v1/flux-dev", { json: { id: "j2", polling_url: "https://api.us1.bfl.ai/v1/get_result?id=j2" } });
      world.server.on("GET /v1/get_result", { json: { id: "j2", status: "Request Moderated" } });
      const err = await world.client("bfl-key").textToImage({ model: MODEL, provider: "black-forest-labs", inputs: "x" }).then(() => null, (e) => e);
      should(err).be.instanceOf(lib.InferenceClientProviderOutputError);
      err.message.should.containEql("Request Moderated");
    });

    it("an hf_ token is refused: the router no longer serves Black Forest Labs", async function () {
      const err = await world.client("hf_x").textToImage({ model: MODEL, provider: "black-forest-labs", inputs: "x" }).then(() => null, (e) => e);
      err.message.should.containEql("black-forest-labs is not available through the Hugging Face router");
      err.message.should.containEql("api.us1.bfl.ai");
      world.posts().should.have.length(0);
    });
  });

  describe("wavespeed", function () {
    it("routed text-to-image: submit, poll the result URL through the router, download the output", async function () {
      world.mapModel("Qwen/Qwen-Image", "wavespeed", "wavespeed-ai/qwen-image/text-to-image", "text-to-image");
      world.server.on("POST /wavespeed/api/v3/wavespeed-ai/qwen-image/text-to-image", {
        json: { code: 200, message: "success", data: { id: "w1", urls: { get: "https://api.wavespeed.ai/api/v3/predictions/w1/result" } } },
      });
      world.server.on(
        "GET /wavespeed/api/v3/predictions/w1/result",
        sequence([
          { code: 200, data: { id: "w1", status: "processing", outputs: [] } },
          { code: 200, data: { id: "w1", status: "completed", outputs: ["https://d.wavespeed.ai/w1.png"] } },
        ]),
      );
      world.server.on("GET /w1.png", bytes(PNG, "image/png"));
      const blob = await world.client("hf_t").textToImage({ model: "Qwen/Qwen-Image", provider: "wavespeed", inputs: "x" });
      blob.type.should.equal("image/png");
      world.intended.slice(1, 4).map((r) => r.url).should.eql([
        "https://router.test/wavespeed/api/v3/wavespeed-ai/qwen-image/text-to-image",
        "https://router.test/wavespeed/api/v3/predictions/w1/result",
        "https://router.test/wavespeed/api/v3/predictions/w1/result",
      ]);
      world.posts()[0].json().should.eql({ prompt: "x" });
    });

    it("image-to-video, direct: the image in base64, the prompt from the parameters; a failed job raises its error", async function () {
      world.mapModel("Wan-AI/Wan2.1-I2V-14B-480P", "wavespeed", "wavespeed-ai/wan-2.1/i2v-480p", "image-to-video");
      world.server.on("POST /api/v3/wavespeed-ai/wan-2.1/i2v-480p", {
        json: { code: 200, data: { id: "w2", urls: { get: "https://api.wavespeed.ai/api/v3/predictions/w2/result" } } },
      });
      world.server.on("GET /api/v3/predictions/w2/result", { json: { code: 200, data: { status: "failed", error: "GPU out of memory" } } });
      const err = await world
        .client("ws-key")
        .imageToVideo({ model: "Wan-AI/Wan2.1-I2V-14B-480P", provider: "wavespeed", inputs: PNG, parameters: { prompt: "walk" } })
        .then(() => null, (e) => e);
      err.message.should.containEql("GPU out of memory");
      const body = world.posts()[0].json();
      body.prompt.should.equal("walk");
      Buffer.from(body.image, "base64").equals(PNG).should.be.true();
      body.images.should.eql([body.image]);
      world.intended[1].url.should.equal("https://api.wavespeed.ai/api/v3/wavespeed-ai/wan-2.1/i2v-480p");
    });
  });

  describe("together video", function () {
    it("text-to-video: POST v2/videos, poll v2/videos/{id} (queued, in_progress, completed), download", async function () {
      world.mapModel("Wan-AI/Wan2.2-T2V-A14B", "together", "Wan-AI/Wan2.2-T2V-A14B", "text-to-video");
      world.server.on("POST /together/v2/videos", { json: { id: "vid-1", status: "queued" } });
      world.server.on(
        "GET /together/v2/videos/vid-1",
        sequence([{ id: "vid-1", status: "in_progress" }, { id: "vid-1", status: "completed", outputs: { video_url: "https://cdn.together.ai/v.mp4" } }]),
      );
      world.server.on("GET /v.mp4", bytes(MP4, "video/mp4"));
      const blob = await world
        .client("hf_t")
        .textToVideo({ model: "Wan-AI/Wan2.2-T2V-A14B", provider: "together", inputs: "a cat", parameters: { num_inference_steps: 10, target_size: { width: 640, height: 360 } } });
      blob.type.should.equal("video/mp4");
      world.posts()[0].json().should.eql({ steps: 10, width: 640, height: 360, prompt: "a cat", model: "Wan-AI/Wan2.2-T2V-A14B" });
      world.server.requests.filter((r) => r.path === "/together/v2/videos/vid-1").should.have.length(2);
    });

    it("a failed job raises Together's error message", async function () {
      world.mapModel("Wan-AI/Wan2.2-T2V-A14B", "together", "Wan-AI/Wan2.2-T2V-A14B", "text-to-video");
      world.server.on("POST /v2/videos", { json: { id: "vid-2", status: "queued" } });
      world.server.on("GET /v2/videos/vid-2", { json: { id: "vid-2", status: "failed", error: { message: "prompt rejected" } } });
      const err = await world.client("tg-key").textToVideo({ model: "Wan-AI/Wan2.2-T2V-A14B", provider: "together", inputs: "x" }).then(() => null, (e) => e);
      err.message.should.containEql("prompt rejected");
    });
  });

  describe("novita video", function () {
    it("text-to-video: v3/async/{model}, then task-result?task_id= until TASK_STATUS_SUCCEED", async function () {
      world.mapModel("Wan-AI/Wan2.1-T2V-14B", "novita", "wan-t2v", "text-to-video");
      world.server.on("POST /novita/v3/async/wan-t2v", { json: { task_id: "t-9" } });
      world.server.on(
        "GET /novita/v3/async/task-result",
        sequence([
          { task: { task_id: "t-9", status: "TASK_STATUS_PROCESSING", progress_percent: 40 } },
          { task: { task_id: "t-9", status: "TASK_STATUS_SUCCEED" }, videos: [{ video_url: "https://faas-output.novita.ai/v.mp4" }] },
        ]),
      );
      world.server.on("GET /v.mp4", bytes(MP4, "video/mp4"));
      const progress = [];
      const blob = await world
        .client("hf_t", { onProgress: (s) => progress.push(s) })
        .textToVideo({ model: "Wan-AI/Wan2.1-T2V-14B", provider: "novita", inputs: "a dog" });
      blob.type.should.equal("video/mp4");
      world.intended.filter((r) => r.url.includes("task-result"))[0].url.should.equal("https://router.test/novita/v3/async/task-result?task_id=t-9");
      progress.should.eql(["novita: processing 40%"]);
    });

    it("TASK_STATUS_FAILED raises the reason", async function () {
      world.mapModel("Wan-AI/Wan2.1-T2V-14B", "novita", "wan-t2v", "text-to-video");
      world.server.on("POST /v3/async/wan-t2v", { json: { task_id: "t-1" } });
      world.server.on("GET /v3/async/task-result", { json: { task: { status: "TASK_STATUS_FAILED", reason: "content policy" } } });
      const err = await world.client("nv-key").textToVideo({ model: "Wan-AI/Wan2.1-T2V-14B", provider: "novita", inputs: "x" }).then(() => null, (e) => e);
      err.message.should.containEql("content policy");
      world.intended[1].url.should.equal("https://api.novita.ai/v3/async/wan-t2v");
    });
  });

  describe("zai-org", function () {
    it("text-to-image: async job polled at async-result/{id} with Z.ai's headers, image downloaded", async function () {
      world.mapModel("zai-org/CogView4-6B", "zai-org", "cogview-4", "text-to-image");
      world.server.on("POST /zai-org/api/paas/v4/async/images/generations", { json: { id: "z1", task_status: "PROCESSING", model: "cogview-4" } });
      world.server.on(
        "GET /zai-org/api/paas/v4/async-result/z1",
        sequence([{ task_status: "PROCESSING" }, { task_status: "SUCCESS", image_result: [{ url: "https://aigc-files.bigmodel.cn/z1.png" }] }]),
      );
      world.server.on("GET /z1.png", bytes(PNG, "image/png"));
      const blob = await world.client("hf_t").textToImage({ model: "zai-org/CogView4-6B", provider: "zai-org", inputs: "x" });
      blob.type.should.equal("image/png");
      const poll = world.server.requests.find((r) => r.path === "/zai-org/api/paas/v4/async-result/z1");
      poll.headers["x-source-channel"].should.equal("hugging_face");
      poll.headers.authorization.should.equal("Bearer hf_t");
      world.posts()[0].json().should.eql({ model: "cogview-4", prompt: "x" });
    });

    it("image-to-text: layout parsing, markdown as generated_text", async function () {
      world.mapModel("zai-org/GLM-OCR", "zai-org", "glm-ocr", "image-to-text");
      world.server.on("POST /api/paas/v4/layout_parsing", { json: { md_results: "# Title" } });
      const out = await world.client("zai-key").imageToText({ model: "zai-org/GLM-OCR", provider: "zai-org", inputs: PNG });
      out.generated_text.should.equal("# Title");
      world.posts()[0].json().file.should.startWith("data:image/png;base64,");
    });
  });
});
