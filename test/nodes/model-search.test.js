"use strict";
// The model picker's admin route, GET /hf-inference/models, in a real Node-RED runtime against a fake Hub on
// 127.0.0.1 (reached through HF_ENDPOINT, as a private hub or mirror would be).
require("should");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { helper } = require("../support/red");
const hfConfig = require("../../dist/nodes/hf-config.js");
const { FakeServer } = require("../support/fake-server");


const TOKEN = "hf_model_search_secret_123";
const MODELS = [
  {
    _id: "1",
    id: "acme/flux-mini",
    downloads: 4321,
    likes: 12,
    inferenceProviderMapping: [
      { provider: "fal-ai", providerId: "fal-ai/flux-mini", status: "live", task: "text-to-image" },
      { provider: "replicate", providerId: "acme/flux-mini:1", status: "staging", task: "text-to-image" },
    ],
  },
];

describe("model search admin route", function () {
  let hub;
  const saved = {};
  before(async function () {
    hub = await new FakeServer().start();
    for (const k of ["HF_ENDPOINT", "HF_TOKEN", "HF_HOME", "HF_TOKEN_PATH"]) saved[k] = process.env[k];
    process.env.HF_ENDPOINT = hub.url;
    delete process.env.HF_TOKEN;
    delete process.env.HF_TOKEN_PATH;
    process.env.HF_HOME = fs.mkdtempSync(path.join(os.tmpdir(), "hf-home-")); // no token file
  });
  after(async function () {
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
    await hub.stop();
  });
  beforeEach(function (done) {
    hub.reset();
    helper.startServer(done);
  });
  afterEach(function (done) {
    helper.unload().then(() => helper.stopServer(done));
  });

  const flow = [{ id: "cfg", type: "hf-config", provider: "auto" }];

  it("asks the Hub with the config's token and answers with models, downloads, likes and providers", async function () {
    hub.on("GET /api/models", { json: MODELS });
    await helper.load(hfConfig, flow, { cfg: { token: TOKEN } });
    const res = await helper.request().get("/hf-inference/models").query({ task: "text-to-image", search: "flux", provider: "fal-ai", config: "cfg" }).expect(200);
    res.body.hubUrl.should.equal(hub.url);
    res.body.models.should.eql([
      {
        id: "acme/flux-mini",
        downloads: 4321,
        likes: 12,
        providers: [
          { provider: "fal-ai", status: "live", providerId: "fal-ai/flux-mini", task: "text-to-image" },
          { provider: "replicate", status: "staging", providerId: "acme/flux-mini:1", task: "text-to-image" },
        ],
      },
    ]);
    res.text.should.not.containEql(TOKEN);
    hub.requests.should.have.length(1);
    hub.requests[0].headers.authorization.should.equal(`Bearer ${TOKEN}`);
    const url = new URL(hub.requests[0].url, hub.url);
    url.searchParams.get("pipeline_tag").should.equal("text-to-image");
    url.searchParams.get("search").should.equal("flux");
    url.searchParams.get("inference_provider").should.equal("fal-ai");
  });

  it("filters on any provider for a blank or auto provider, and on none for 'none'", async function () {
    hub.on("GET /api/models", { json: [] });
    await helper.load(hfConfig, flow, { cfg: { token: TOKEN } });
    await helper.request().get("/hf-inference/models").query({ task: "summarization", config: "cfg" }).expect(200);
    await helper.request().get("/hf-inference/models").query({ task: "summarization", provider: "auto", config: "cfg" }).expect(200);
    await helper.request().get("/hf-inference/models").query({ task: "summarization", provider: "none", config: "cfg" }).expect(200);
    const filters = hub.requests.map((r) => new URL(r.url, hub.url).searchParams.get("inference_provider"));
    filters.should.eql(["all", "all", null]);
  });

  it("works for a config not deployed yet, without a token", async function () {
    hub.on("GET /api/models", { json: MODELS });
    await helper.load(hfConfig, flow, { cfg: { token: TOKEN } });
    const res = await helper.request().get("/hf-inference/models").query({ task: "text-to-image", config: "not-deployed" }).expect(200);
    res.body.models.map((m) => m.id).should.eql(["acme/flux-mini"]);
    (hub.requests[0].headers.authorization === undefined).should.be.true();
  });

  it("answers 200 with status unavailable and the Hub's message, never the token, when the Hub fails", async function () {
    hub.on("GET /api/models", (req, res) => {
      res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: `internal error for ${req.headers.authorization}` }));
    });
    await helper.load(hfConfig, flow, { cfg: { token: TOKEN } });
    const res = await helper.request().get("/hf-inference/models").query({ task: "text-to-image", config: "cfg" }).expect(200);
    res.body.status.should.equal("unavailable");
    res.body.models.should.eql([]);
    res.body.error.should.match(/internal error/);
    res.text.should.not.containEql(TOKEN);
  });

  it("answers 200 with status unavailable when the Hub cannot be reached (offline): no HTTP error for the console", async function () {
    const gone = await new FakeServer().start();
    const url = gone.url;
    await gone.stop();
    process.env.HF_ENDPOINT = url;
    try {
      await helper.load(hfConfig, flow, { cfg: { token: TOKEN } });
      const res = await helper.request().get("/hf-inference/models").query({ task: "text-to-image", config: "cfg" }).expect(200);
      res.body.status.should.equal("unavailable");
      res.body.error.should.match(/Could not reach/);
    } finally {
      process.env.HF_ENDPOINT = hub.url;
    }
  });
});
