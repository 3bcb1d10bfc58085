"use strict";
// Provider choice and model mapping as Hugging Face's clients do it: task mismatch, staging warning, "auto",
// providers unknown to us, providers not behind the router.
const should = require("should");
const { mappingAnswer } = require("../../support/fake-server");
const { startWorld, chatAnswer, lib } = require("./support");

const MODEL = "Qwen/Qwen3-32B";

describe("lib providers: Hub mapping and provider choice", function () {
  let world;
  let logs;
  const logger = { log: (m) => logs.push(["log", m]), warn: (m) => logs.push(["warn", m]) };
  before(async function () {
    world = await startWorld();
  });
  after(async function () {
    await world.stop();
  });
  beforeEach(function () {
    world.reset();
    logs = [];
  });

  function hubLists(entries) {
    world.server.on(`GET /api/models/${MODEL}`, mappingAnswer(MODEL, entries));
  }
  const entry = (provider, task, providerId = `${provider}-qwen`, status = "live") => ({ provider, providerId, hfModelId: MODEL, task, status });
  const fail = (p) => p.then(() => null, (e) => e);

  it("a task the mapping does not list for the provider fails naming the supported task", async function () {
    hubLists([entry("together", "conversational")]);
    const err = await fail(world.client("tg").textGeneration({ model: MODEL, provider: "together", inputs: "x" }));
    should(err).be.instanceOf(lib.InferenceClientInputError);
    err.message.should.equal(`Model ${MODEL} is not supported for task text-generation and provider together. Supported task: conversational.`);
    world.posts().should.have.length(0);
  });

  it("a task the provider does not serve at all fails listing what it serves", async function () {
    hubLists([entry("groq", "conversational")]);
    const err = await fail(world.client("gsk").featureExtraction({ model: MODEL, provider: "groq", inputs: "x" }));
    should(err).be.instanceOf(lib.InferenceClientRoutingError);
    err.message.should.equal("Provider groq does not serve task feature-extraction. It serves: conversational, text-generation.");
  });

  it("a model the provider does not serve fails naming the providers that do", async function () {
    hubLists([entry("together", "conversational"), entry("groq", "conversational")]);
    const err = await fail(world.client("hf_t").chatCompletion({ model: MODEL, provider: "cerebras", messages: [{ role: "user", content: "x" }] }));
    err.message.should.equal(`Model ${MODEL} is not served by provider cerebras (served by: together, groq).`);
  });

  it("an unknown provider is a routing error listing the known ones", async function () {
    const err = await fail(world.client("hf_t").textGeneration({ model: MODEL, provider: "nope-ai", inputs: "x" }));
    should(err).be.instanceOf(lib.InferenceClientRoutingError);
    err.message.should.startWith('Unknown provider "nope-ai". Known providers: baseten, black-forest-labs,');
  });

  it("warns when the mapping is in staging, and still calls", async function () {
    hubLists([entry("groq", "conversational", "qwen/qwen3-32b", "staging")]);
    world.server.on("POST /groq/openai/v1/chat/completions", { json: chatAnswer() });
    await world.client("hf_t", { logger }).chatCompletion({ model: MODEL, provider: "groq", messages: [{ role: "user", content: "x" }] });
    logs.should.containEql(["warn", `Model ${MODEL} is in staging mode for provider groq. Meant for test purposes only.`]);
    world.posts()[0].json().model.should.equal("qwen/qwen3-32b");
  });

  it('"auto" picks the first listed provider that serves the task, skipping unknown ones and, with an hf_ token, unrouted ones', async function () {
    hubLists([
      entry("some-new-provider", "text-generation"),
      entry("cerebras", "conversational"),
      entry("nebius", "text-generation"),
      entry("together", "text-generation", "Qwen/Qwen3-32B-tg"),
      entry("featherless-ai", "text-generation"),
    ]);
    world.server.on("POST /together/v1/completions", { json: { choices: [{ text: " ok" }], model: "m" } });
    const out = await world.client("hf_t", { logger }).textGeneration({ model: MODEL, inputs: "x" });
    out.generated_text.should.equal(" ok");
    logs.should.containEql(["log", "Auto selected provider: together"]);
    world.posts()[0].json().model.should.equal("Qwen/Qwen3-32B-tg");
    // One Hub look-up serves both the choice and the model id.
    world.server.requests.filter((r) => r.method === "GET").should.have.length(1);
  });

  it('"auto" with a provider key may pick a provider the router does not serve', async function () {
    hubLists([entry("nebius", "text-generation", "Qwen/Qwen3-32B-fast"), entry("together", "text-generation")]);
    world.server.on("POST /v1/completions", { json: { choices: [{ text: " ok" }], model: "m" } });
    await world.client("neb-key", { logger }).textGeneration({ model: MODEL, inputs: "x" });
    world.intended[1].url.should.equal("https://api.studio.nebius.ai/v1/completions");
  });

  it('"auto" with nothing usable names what the Hub lists', async function () {
    hubLists([entry("some-new-provider", "text-generation"), entry("groq", "conversational")]);
    const err = await fail(world.client("hf_t").featureExtraction({ model: MODEL, inputs: "x" }));
    should(err).be.instanceOf(lib.InferenceClientInputError);
    err.message.should.equal(
      `No Inference Provider available for model ${MODEL} and task feature-extraction (the Hub lists: some-new-provider for text-generation, groq for conversational).`,
    );
  });

  it("the mapping is cached: a second call does not ask the Hub again", async function () {
    hubLists([entry("groq", "conversational")]);
    world.server.on("POST /groq/openai/v1/chat/completions", { json: chatAnswer() });
    const client = world.client("hf_t");
    for (let i = 0; i < 2; i++) await client.chatCompletion({ model: MODEL, provider: "groq", messages: [{ role: "user", content: "x" }] });
    world.server.requests.filter((r) => r.method === "GET").should.have.length(1);
    world.posts().should.have.length(2);
  });

  it("a provider the router does not serve is called directly even without a token", async function () {
    hubLists([entry("sambanova", "conversational", "Qwen3-32B")]);
    world.server.on("POST /v1/chat/completions", { json: chatAnswer() });
    await world.client(undefined).chatCompletion({ model: MODEL, provider: "sambanova", messages: [{ role: "user", content: "x" }] });
    world.intended[1].url.should.equal("https://api.sambanova.ai/v1/chat/completions");
    should(world.posts()[0].headers.authorization).be.undefined();
  });

  it("hf-inference serves feature-extraction for a model the Hub lists as sentence-similarity", async function () {
    const st = "sentence-transformers/all-MiniLM-L6-v2";
    world.mapModel(st, "hf-inference", st, "sentence-similarity");
    world.server.on(`POST /hf-inference/models/${st}/pipeline/feature-extraction`, { json: [[0.1, 0.2]] });
    const out = await world.client("hf_t").featureExtraction({ model: st, provider: "hf-inference", inputs: "x" });
    out.should.eql([[0.1, 0.2]]);
  });
});
