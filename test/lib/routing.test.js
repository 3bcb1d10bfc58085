"use strict";
// Routing and auth as Hugging Face does it, and the Hub mapping cache, against a local server standing in for
// both the Hub and the router.
const should = require("should");
const { FakeServer, mappingAnswer } = require("../support/fake-server");
const lib = require("../../dist/lib");

const MODEL = "distilbert/distilbert-base-uncased-finetuned-sst-2-english";
const labels = [[{ label: "POSITIVE", score: 0.99 }, { label: "NEGATIVE", score: 0.01 }]];
const hfInferenceEntry = { "hf-inference": { providerId: MODEL, status: "live", task: "text-classification" } };

describe("lib routing, auth and the Hub mapping", function () {
  let server;
  before(async function () {
    server = await new FakeServer().start();
  });
  after(async function () {
    await server.stop();
  });
  beforeEach(function () {
    server.reset();
    lib.clearMappingCache();
    lib.setMappingCacheTtl(5 * 60_000);
    server.on(`GET /api/models/${MODEL}`, mappingAnswer(MODEL, hfInferenceEntry));
    server.on(`POST /hf-inference/models/${MODEL}`, { json: labels });
  });
  const client = (token, opts = {}) => new lib.InferenceClient(token, { hubUrl: server.url, routerUrl: server.url, ...opts });
  const posts = () => server.requests.filter((r) => r.method === "POST");
  const gets = () => server.requests.filter((r) => r.method === "GET");

  it("sends an hf_ token through the router with Bearer auth, after a Hub look-up", async function () {
    const out = await client("hf_abc").textClassification({ model: MODEL, inputs: "I like you", provider: "hf-inference" });
    out.should.eql(labels[0]);
    server.requests.map((r) => `${r.method} ${r.url}`).should.eql([
      `GET /api/models/${MODEL}?expand[]=inferenceProviderMapping`,
      `POST /hf-inference/models/${MODEL}`,
    ]);
    const post = posts()[0];
    post.headers.authorization.should.equal("Bearer hf_abc");
    post.headers["content-type"].should.equal("application/json");
    post.json().should.eql({ inputs: "I like you" });
    gets()[0].headers.authorization.should.equal("Bearer hf_abc");
  });

  it("calls without a token unauthenticated through the router", async function () {
    await client(undefined).textClassification({ model: MODEL, inputs: "x", provider: "hf-inference" });
    should(posts()[0].headers.authorization).be.undefined();
    should(gets()[0].headers.authorization).be.undefined();
  });

  it("sends X-HF-Bill-To from billTo", async function () {
    await client("hf_abc", { billTo: "my-org" }).textClassification({ model: MODEL, inputs: "x" });
    posts()[0].headers["x-hf-bill-to"].should.equal("my-org");
  });

  it("with a provider's own key, calls the provider's base URL directly", async function () {
    // hf-inference's direct base is the router too; other providers' rows are tested in test/lib/providers.
    await client("sk-provider-key").textClassification({ model: MODEL, inputs: "x", provider: "hf-inference" });
    posts()[0].headers.authorization.should.equal("Bearer sk-provider-key");
    posts()[0].path.should.equal(`/hf-inference/models/${MODEL}`);
    should(gets()[0].headers.authorization).be.undefined(); // a provider key is never sent to the Hub
  });

  it("posts to endpointUrl with no Hub look-up", async function () {
    server.on("POST /my-endpoint", { json: labels });
    await client("hf_abc", { endpointUrl: `${server.url}/my-endpoint` }).textClassification({ inputs: "x" });
    server.requests.map((r) => `${r.method} ${r.path}`).should.eql(["POST /my-endpoint"]);
  });

  it("reads both forms of inferenceProviderMapping", async function () {
    server.on(`GET /api/models/${MODEL}`, {
      json: { inferenceProviderMapping: [{ provider: "hf-inference", providerId: "mapped/id", status: "live", task: "text-classification" }] },
    });
    server.on("POST /hf-inference/models/mapped/id", { json: labels });
    await client("hf_abc").textClassification({ model: MODEL, inputs: "x", provider: "hf-inference" });
    posts()[0].path.should.equal("/hf-inference/models/mapped/id");
  });

  it("caches the mapping and shares one look-up between concurrent calls", async function () {
    const c = client("hf_abc");
    await Promise.all(Array.from({ length: 10 }, () => c.textClassification({ model: MODEL, inputs: "x" })));
    await c.textClassification({ model: MODEL, inputs: "y" });
    gets().length.should.equal(1);
    posts().length.should.equal(11);
  });

  it("looks up again once the cache entry expires", async function () {
    lib.setMappingCacheTtl(0);
    const c = client("hf_abc");
    await c.textClassification({ model: MODEL, inputs: "x" });
    await c.textClassification({ model: MODEL, inputs: "x" });
    gets().length.should.equal(2);
  });

  it("does not cache a failed look-up", async function () {
    let calls = 0;
    server.on(`GET /api/models/${MODEL}`, (req, res) => {
      calls++;
      if (calls === 1) {
        res.writeHead(500, { "content-type": "application/json" });
        return res.end(JSON.stringify({ error: "hub hiccup" }));
      }
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ inferenceProviderMapping: hfInferenceEntry }));
    });
    const c = client("hf_abc");
    const err = await c.textClassification({ model: MODEL, inputs: "x" }).should.be.rejectedWith(lib.InferenceClientHubApiError);
    err.message.should.match(/Failed to fetch inference provider mapping for model .*hub hiccup/);
    await c.textClassification({ model: MODEL, inputs: "x" });
    calls.should.equal(2);
  });

  it("auto picks the first provider we know that serves the task", async function () {
    server.on(`GET /api/models/${MODEL}`, {
      json: {
        inferenceProviderMapping: [
          { provider: "some-new-provider", providerId: "x", status: "live", task: "text-classification" },
          { provider: "hf-inference", providerId: MODEL, status: "live", task: "text-classification" },
        ],
      },
    });
    await client("hf_abc").textClassification({ model: MODEL, inputs: "x" });
    posts()[0].path.should.equal(`/hf-inference/models/${MODEL}`);
  });

  it("names the supported task when the model serves another one", async function () {
    server.on(`GET /api/models/${MODEL}`, mappingAnswer(MODEL, { "hf-inference": { providerId: MODEL, status: "live", task: "fill-mask" } }));
    const err = await client("hf_abc")
      .textClassification({ model: MODEL, inputs: "x", provider: "hf-inference" })
      .should.be.rejectedWith(lib.InferenceClientInputError);
    err.message.should.equal(`Model ${MODEL} is not supported for task text-classification and provider hf-inference. Supported task: fill-mask.`);
    posts().length.should.equal(0);
  });

  it("warns when the mapping is in staging", async function () {
    server.on(`GET /api/models/${MODEL}`, mappingAnswer(MODEL, { "hf-inference": { providerId: MODEL, status: "staging", task: "text-classification" } }));
    const warnings = [];
    await client("hf_abc", { logger: { log() {}, warn: (m) => warnings.push(m) } }).textClassification({ model: MODEL, inputs: "x" });
    warnings.should.eql([`Model ${MODEL} is in staging mode for provider hf-inference. Meant for test purposes only.`]);
  });

  it("fails clearly for a model no provider serves, an unknown provider, or a missing model", async function () {
    server.on(`GET /api/models/${MODEL}`, { json: { inferenceProviderMapping: {} } });
    await client("hf_abc").textClassification({ model: MODEL, inputs: "x" }).should.be.rejectedWith(/No Inference Provider available/);
    await client("hf_abc")
      .textClassification({ model: MODEL, inputs: "x", provider: "not-a-provider" })
      .should.be.rejectedWith(lib.InferenceClientRoutingError, { message: /Unknown provider "not-a-provider"/ });
    await client("hf_abc").textClassification({ inputs: "x" }).should.be.rejectedWith(/No model provided/);
    posts().length.should.equal(0);
  });

  it("rejects model URLs as the reference does", async function () {
    await client("hf_abc")
      .textClassification({ model: "https://example.test/model", inputs: "x" })
      .should.be.rejectedWith(lib.InferenceClientInputError, { message: /Use endpointUrl instead/ });
  });

  it("honours HF_ENDPOINT for the Hub URL", async function () {
    const previous = process.env.HF_ENDPOINT;
    process.env.HF_ENDPOINT = server.url;
    try {
      await new lib.InferenceClient("hf_abc", { routerUrl: server.url }).textClassification({ model: MODEL, inputs: "x" });
      gets().length.should.equal(1);
    } finally {
      if (previous === undefined) delete process.env.HF_ENDPOINT;
      else process.env.HF_ENDPOINT = previous;
    }
  });

  it("reports where each call went through onCallInfo", async function () {
    server.on(`POST /hf-inference/models/${MODEL}`, { json: labels, headers: { "x-request-id": "rid-1" } });
    const seen = [];
    await client("hf_abc").textClassification({ model: MODEL, inputs: "x" }, { onCallInfo: (i) => seen.push(i) });
    seen.should.eql([{ provider: "hf-inference", providerModel: MODEL }, { requestId: "rid-1", status: 200 }]);
  });
});
