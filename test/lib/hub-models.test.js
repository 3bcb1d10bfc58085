"use strict";
// searchModels: the Hub's model search over local HTTP (a fake Hub on 127.0.0.1).
require("should");
const { FakeServer } = require("../support/fake-server");
const { searchModels, InferenceClientHubApiError } = require("../../dist/lib");
const { modelSearchUrl } = require("../../dist/lib/hub/models");

const transport = { maxRetries: 0, maxResponseBytes: 1024 * 1024 };

describe("lib/hub/models searchModels", function () {
  let hub;
  before(async function () {
    hub = await new FakeServer().start();
  });
  after(async function () {
    await hub.stop();
  });
  beforeEach(function () {
    hub.reset();
  });

  it("asks /api/models with the task, search, provider filter and expansions, and shapes the answer", async function () {
    hub.on("GET /api/models", {
      json: [
        {
          _id: "1",
          id: "acme/sentiment",
          downloads: 1200,
          likes: 7,
          pipeline_tag: "text-classification",
          inferenceProviderMapping: [{ provider: "hf-inference", providerId: "acme/sentiment", status: "live", task: "text-classification" }],
        },
        // The older object form of the mapping, keyed by provider.
        { _id: "2", id: "acme/other", downloads: 3, likes: 0, inferenceProviderMapping: { together: { providerId: "x/y", status: "staging", task: "text-classification" } } },
        { _id: "3", id: "acme/bare" },
      ],
    });
    const models = await searchModels(
      { task: "text-classification", search: " senti ", provider: "all" },
      { hubUrl: hub.url + "/", accessToken: "hf_secret_token_1234", transport },
    );
    models.should.eql([
      {
        id: "acme/sentiment",
        downloads: 1200,
        likes: 7,
        pipelineTag: "text-classification",
        providers: [{ provider: "hf-inference", status: "live", providerId: "acme/sentiment", task: "text-classification" }],
      },
      { id: "acme/other", downloads: 3, likes: 0, providers: [{ provider: "together", status: "staging", providerId: "x/y", task: "text-classification" }] },
      { id: "acme/bare", downloads: 0, likes: 0, providers: [] },
    ]);
    hub.requests.should.have.length(1);
    const url = new URL(hub.requests[0].url, hub.url);
    url.pathname.should.equal("/api/models");
    url.searchParams.get("pipeline_tag").should.equal("text-classification");
    url.searchParams.get("search").should.equal("senti");
    url.searchParams.get("inference_provider").should.equal("all");
    url.searchParams.get("limit").should.equal("20");
    url.searchParams.getAll("expand[]").should.containDeep(["inferenceProviderMapping", "downloads", "likes"]);
    hub.requests[0].headers.authorization.should.equal("Bearer hf_secret_token_1234");
  });

  it("sends no Authorization for a provider key, and no filter for a blank provider", async function () {
    hub.on("GET /api/models", { json: [] });
    (await searchModels({ task: "text-to-image", limit: 500 }, { hubUrl: hub.url, accessToken: "sk-provider-key", transport })).should.eql([]);
    const req = hub.requests[0];
    (req.headers.authorization === undefined).should.be.true();
    const url = new URL(req.url, hub.url);
    url.searchParams.has("inference_provider").should.be.false();
    url.searchParams.has("search").should.be.false();
    url.searchParams.get("limit").should.equal("100");
  });

  it("raises InferenceClientHubApiError with the Hub's message on an HTTP error, without the token", async function () {
    hub.on("GET /api/models", { status: 400, json: { error: "Invalid pipeline_tag" }, headers: { "x-request-id": "req-42" } });
    const err = await searchModels({ task: "nope" }, { hubUrl: hub.url, accessToken: "hf_secret_token_1234", transport }).then(
      () => null,
      (e) => e,
    );
    err.should.be.instanceOf(InferenceClientHubApiError);
    err.message.should.match(/Invalid pipeline_tag/);
    err.httpResponse.status.should.equal(400);
    err.httpResponse.requestId.should.equal("req-42");
    JSON.stringify(err.httpRequest).should.not.match(/hf_secret_token_1234/);
  });

  it("refuses an answer that is not a list", async function () {
    hub.on("GET /api/models", { json: { error: "weird" } });
    await searchModels({}, { hubUrl: hub.url, transport }).should.be.rejectedWith(InferenceClientHubApiError, { message: /not an array/ });
  });

  it("builds the URL on the given Hub (HF_ENDPOINT, mirrors)", function () {
    modelSearchUrl("https://hub.example.org/", { task: "translation", provider: "nebius" }).should.startWith(
      "https://hub.example.org/api/models?pipeline_tag=translation&inference_provider=nebius&expand",
    );
  });
});
