"use strict";
// Every chat provider, routed (hf_ token through the router) and direct (the provider's key to its own host):
// URL, auth style, bill-to, and the body the provider receives.
const should = require("should");
const { startWorld, chatAnswer, lib } = require("./support");

const MODEL = "meta-llama/Llama-3.3-70B-Instruct";
const PROVIDER_MODEL = "llama-3.3-70b";

// provider -> [direct URL of its chat API, how a direct key is sent, whether the router serves it]
const CHAT = {
  baseten: ["https://inference.baseten.co/v1/chat/completions", "bearer", true],
  cerebras: ["https://api.cerebras.ai/v1/chat/completions", "bearer", true],
  clarifai: ["https://api.clarifai.com/v2/ext/openai/v1/chat/completions", "bearer", false],
  cohere: ["https://api.cohere.com/compatibility/v1/chat/completions", "bearer", true],
  deepinfra: ["https://api.deepinfra.com/v1/openai/chat/completions", "bearer", true],
  "featherless-ai": ["https://api.featherless.ai/v1/chat/completions", "bearer", true],
  "fireworks-ai": ["https://api.fireworks.ai/inference/v1/chat/completions", "bearer", true],
  groq: ["https://api.groq.com/openai/v1/chat/completions", "bearer", true],
  hyperbolic: ["https://api.hyperbolic.xyz/v1/chat/completions", "bearer", false],
  nebius: ["https://api.studio.nebius.ai/v1/chat/completions", "bearer", false],
  novita: ["https://api.novita.ai/v3/openai/chat/completions", "bearer", true],
  nscale: ["https://inference.api.nscale.com/v1/chat/completions", "bearer", true],
  nvidia: ["https://integrate.api.nvidia.com/v1/chat/completions", "bearer", false],
  ovhcloud: ["https://oai.endpoints.kepler.ai.cloud.ovh.net/v1/chat/completions", "bearer", true],
  publicai: ["https://api.publicai.co/v1/chat/completions", "bearer", true],
  sambanova: ["https://api.sambanova.ai/v1/chat/completions", "bearer", false],
  scaleway: ["https://api.scaleway.ai/v1/chat/completions", "bearer", true],
  together: ["https://api.together.xyz/v1/chat/completions", "bearer", true],
  "zai-org": ["https://api.z.ai/api/paas/v4/chat/completions", "bearer", true],
};

describe("lib providers: chat (conversational) routes", function () {
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

  it("covers every provider with a conversational route except hf-inference and openai (tested on their own)", function () {
    const chatProviders = Object.keys(lib.PROVIDERS).filter((p) => lib.PROVIDERS[p].tasks.conversational);
    chatProviders.filter((p) => p !== "hf-inference" && p !== "openai").sort().should.eql(Object.keys(CHAT).sort());
  });

  for (const [provider, [directUrl, , routed]] of Object.entries(CHAT)) {
    const path = new URL(directUrl).pathname;

    it(`${provider}: direct, with the provider's key, to ${new URL(directUrl).host}`, async function () {
      world.mapModel(MODEL, provider, PROVIDER_MODEL, "conversational");
      world.server.on(`POST ${path}`, { json: chatAnswer(PROVIDER_MODEL) });
      const out = await world.client("sk-provider-key", { billTo: "my-org" }).chatCompletion({
        model: MODEL,
        provider,
        messages: [{ role: "user", content: "Hello" }],
        max_tokens: 20,
      });
      out.choices[0].message.content.should.equal("Hi there");
      const post = world.posts()[0];
      world.intended.filter((r) => r.method === "POST").map((r) => r.url).should.eql([directUrl]);
      post.headers.authorization.should.equal("Bearer sk-provider-key");
      post.headers["x-hf-bill-to"].should.equal("my-org");
      const body = post.json();
      body.model.should.equal(PROVIDER_MODEL);
      Object.keys(body)[0].should.equal("model");
      body.messages.should.eql([{ role: "user", content: "Hello" }]);
      body.max_tokens.should.equal(20);
      if (provider === "zai-org") post.headers["x-source-channel"].should.equal("hugging_face");
    });

    if (routed) {
      it(`${provider}: routed, with an hf_ token, through router/${provider}`, async function () {
        world.mapModel(MODEL, provider, PROVIDER_MODEL, "conversational");
        world.server.on(`POST /${provider}${path}`, { json: chatAnswer(PROVIDER_MODEL) });
        await world.client("hf_token").chatCompletion({ model: MODEL, provider, messages: [{ role: "user", content: "Hi" }] });
        const post = world.intended.filter((r) => r.method === "POST")[0];
        post.url.should.equal(`https://router.test/${provider}${path}`);
        world.posts()[0].headers.authorization.should.equal("Bearer hf_token");
        world.posts()[0].json().model.should.equal(PROVIDER_MODEL);
      });
    } else {
      it(`${provider}: not behind the router, so an hf_ token is refused with a clear message`, async function () {
        world.mapModel(MODEL, provider, PROVIDER_MODEL, "conversational");
        const err = await world
          .client("hf_token")
          .chatCompletion({ model: MODEL, provider, messages: [{ role: "user", content: "Hi" }] })
          .then(() => null, (e) => e);
        should(err).be.instanceOf(lib.InferenceClientInputError);
        err.message.should.containEql(`Provider ${provider} is not available through the Hugging Face router`);
        err.message.should.containEql(`use your ${provider} API key`);
        err.message.should.containEql(new URL(directUrl).host);
        err.message.should.not.containEql("hf_token");
        world.posts().should.have.length(0);
      });
    }
  }

  it("cerebras: OpenAI's `store` field is dropped", async function () {
    world.mapModel(MODEL, "cerebras", PROVIDER_MODEL, "conversational");
    world.server.on("POST /v1/chat/completions", { json: chatAnswer() });
    await world.client("csk-key").chatCompletion({ model: MODEL, provider: "cerebras", messages: [{ role: "user", content: "x" }], store: true });
    should(world.posts()[0].json().store).be.undefined();
  });

  it("together: an OpenAI json_schema response format becomes Together's {type, schema}", async function () {
    world.mapModel(MODEL, "together", PROVIDER_MODEL, "conversational");
    world.server.on("POST /v1/chat/completions", { json: chatAnswer() });
    const schema = { type: "object", properties: { a: { type: "string" } } };
    await world.client("tg-key").chatCompletion({
      model: MODEL,
      provider: "together",
      messages: [{ role: "user", content: "x" }],
      response_format: { type: "json_schema", json_schema: { name: "s", schema } },
    });
    world.posts()[0].json().response_format.should.eql({ type: "json_schema", schema });
  });

  it("openai: direct only, no Hub look-up, `openai/` prefix stripped", async function () {
    world.server.on("POST /v1/chat/completions", { json: chatAnswer("gpt-4o") });
    await world.client("sk-openai").chatCompletion({ model: "openai/gpt-4o", provider: "openai", messages: [{ role: "user", content: "x" }] });
    world.intended.map((r) => r.url).should.eql(["https://api.openai.com/v1/chat/completions"]);
    world.posts()[0].json().model.should.equal("gpt-4o");
  });

  it("openai: an hf_ token is refused", async function () {
    const err = await world
      .client("hf_x")
      .chatCompletion({ model: "gpt-4o", provider: "openai", messages: [{ role: "user", content: "x" }] })
      .then(() => null, (e) => e);
    err.message.should.containEql("openai is not available through the Hugging Face router");
    world.intended.should.have.length(0);
  });

  it("streams through a provider's chat route (server-sent events, stream: true in the body)", async function () {
    world.mapModel(MODEL, "groq", PROVIDER_MODEL, "conversational");
    world.server.on("POST /openai/v1/chat/completions", (req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      const chunk = (c) => `data: ${JSON.stringify({ id: "1", created: 1, model: "m", choices: [{ index: 0, delta: { content: c } }] })}\n\n`;
      res.end(chunk("Hel") + chunk("lo") + "data: [DONE]\n\n");
    });
    let text = "";
    for await (const c of world.client("gsk-key").chatCompletionStream({ model: MODEL, provider: "groq", messages: [{ role: "user", content: "x" }] })) {
      text += c.choices[0]?.delta?.content ?? "";
    }
    text.should.equal("Hello");
    world.posts()[0].json().stream.should.equal(true);
    world.intended[1].url.should.equal("https://api.groq.com/openai/v1/chat/completions");
  });
});
