"use strict";
// Provider failover in the library: the call's providers are tried in order against a local server standing in for
// the Hub and the router; what fails over (429, 5xx, timeouts, connection errors) and what does not (input errors,
// 401/403, an abort, an endpoint URL).
const should = require("should");
const { FakeServer, mappingAnswer } = require("../support/fake-server");
const lib = require("../../dist/lib");

const MODEL = "meta-llama/Llama-3.1-8B-Instruct";
const TOKEN = "hf_failoverTest_0123456789";
const messages = [{ role: "user", content: "hi" }];
const completion = (who) => ({
  id: "c1",
  object: "chat.completion",
  created: 1,
  model: MODEL,
  choices: [{ index: 0, message: { role: "assistant", content: `from ${who}` }, finish_reason: "stop" }],
  usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 },
});
const chunk = (text, finish = null) =>
  `data: ${JSON.stringify({ id: "c1", object: "chat.completion.chunk", created: 1, model: MODEL, choices: [{ index: 0, delta: { content: text }, finish_reason: finish }] })}\n\n`;

describe("lib: provider failover (fallbackProviders)", function () {
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
    server.on(
      `GET /api/models/${MODEL}`,
      mappingAnswer(MODEL, {
        together: { providerId: "together/llama", status: "live", task: "conversational" },
        groq: { providerId: "groq/llama", status: "live", task: "conversational" },
        "hf-inference": { providerId: MODEL, status: "live", task: "conversational" },
      }),
    );
    server.on("POST /groq/openai/v1/chat/completions", { json: completion("groq") });
  });
  const client = (opts = {}) =>
    new lib.InferenceClient(TOKEN, { hubUrl: server.url, routerUrl: server.url, provider: "together", maxRetries: 0, fallbackProviders: ["groq"], ...opts });
  const posts = () => server.requests.filter((r) => r.method === "POST").map((r) => r.path);

  function recorder() {
    const info = {};
    return { info, onCallInfo: (i) => Object.assign(info, i) };
  }

  for (const status of [429, 500, 502, 503]) {
    it(`a ${status} moves to the next provider, and the attempts say so`, async function () {
      server.on("POST /together/v1/chat/completions", { status, json: { error: `down ${status}` } });
      const rec = recorder();
      const out = await client().chatCompletion({ model: MODEL, messages }, { onCallInfo: rec.onCallInfo });
      out.choices[0].message.content.should.equal("from groq");
      posts().should.eql(["/together/v1/chat/completions", "/groq/openai/v1/chat/completions"]);
      rec.info.provider.should.equal("groq");
      rec.info.attempts.should.have.length(1);
      rec.info.attempts[0].should.containEql({ provider: "together", status });
      rec.info.attempts[0].error.should.match(new RegExp(`down ${status}`));
    });
  }

  it("retries are spent on a provider before moving on", async function () {
    server.on("POST /together/v1/chat/completions", { status: 429, json: { error: "slow down" }, headers: { "retry-after": "0" } });
    const out = await client({ maxRetries: 2 }).chatCompletion({ model: MODEL, messages });
    out.choices[0].message.content.should.equal("from groq");
    posts().filter((p) => p.startsWith("/together")).should.have.length(3);
  });

  it("tries the fallbacks in order and skips one that does not serve the model", async function () {
    server.on("POST /together/v1/chat/completions", { status: 503, json: { error: "a" } });
    server.on("POST /hf-inference/models/" + MODEL + "/v1/chat/completions", { status: 500, json: { error: "b" } });
    const rec = recorder();
    const out = await client({ fallbackProviders: ["cerebras", "hf-inference", "groq"] }).chatCompletion({ model: MODEL, messages }, { onCallInfo: rec.onCallInfo });
    out.choices[0].message.content.should.equal("from groq");
    // cerebras is not in the model's mapping: never called, not an attempt.
    posts().should.eql(["/together/v1/chat/completions", `/hf-inference/models/${MODEL}/v1/chat/completions`, "/groq/openai/v1/chat/completions"]);
    rec.info.attempts.map((a) => a.provider).should.eql(["together", "hf-inference"]);
  });

  it("a connection error moves on", async function () {
    server.on("POST /together/v1/chat/completions", (req) => req.socket.destroy());
    const out = await client().chatCompletion({ model: MODEL, messages });
    out.choices[0].message.content.should.equal("from groq");
  });

  for (const status of [400, 401, 403, 422]) {
    it(`a ${status} does not fail over`, async function () {
      server.on("POST /together/v1/chat/completions", { status, json: { error: `refused ${status}` } });
      const err = await client().chatCompletion({ model: MODEL, messages }).then(() => null, (e) => e);
      should(err).be.instanceOf(lib.InferenceClientProviderApiError);
      err.status.should.equal(status);
      posts().should.eql(["/together/v1/chat/completions"]);
    });
  }

  it("an abort does not fail over", async function () {
    const controller = new AbortController();
    server.on("POST /together/v1/chat/completions", () => controller.abort());
    const err = await client().chatCompletion({ model: MODEL, messages }, { signal: controller.signal }).then(() => null, (e) => e);
    should(err).be.ok();
    err.name.should.equal("AbortError");
    posts().should.eql(["/together/v1/chat/completions"]);
  });

  it("the whole call stays within its one timeout: the fallback gets only what is left", async function () {
    server.on("POST /together/v1/chat/completions", { status: 503, json: { error: "down" } });
    server.on("POST /groq/openai/v1/chat/completions", () => undefined); // never answers
    const rec = recorder();
    const err = await client({ timeout: 300 }).chatCompletion({ model: MODEL, messages }, { onCallInfo: rec.onCallInfo }).then(() => null, (e) => e);
    should(err).be.instanceOf(lib.InferenceTimeoutError);
    err.timeoutMs.should.equal(300);
    rec.info.attempts.map((a) => a.provider).should.eql(["together"]);
  });

  it("the last provider's error is the call's error when every provider fails", async function () {
    server.on("POST /together/v1/chat/completions", { status: 503, json: { error: "first" } });
    server.on("POST /groq/openai/v1/chat/completions", { status: 502, json: { error: "second" } });
    const err = await client().chatCompletion({ model: MODEL, messages }).then(() => null, (e) => e);
    err.status.should.equal(502);
    err.message.should.match(/second/);
  });

  it("with an endpoint URL there is no failover", async function () {
    server.on("POST /my-endpoint/v1/chat/completions", { status: 503, json: { error: "down" } });
    const err = await client({ endpointUrl: `${server.url}/my-endpoint` }).chatCompletion({ model: MODEL, messages }).then(() => null, (e) => e);
    err.status.should.equal(503);
    posts().should.eql(["/my-endpoint/v1/chat/completions"]);
  });

  it("per-call fallbackProviders work on a client without them, with auto naming the provider the Hub picked", async function () {
    server.on("POST /together/v1/chat/completions", { status: 503, json: { error: "down" } });
    const rec = recorder();
    const c = new lib.InferenceClient(TOKEN, { hubUrl: server.url, routerUrl: server.url, maxRetries: 0 });
    const out = await c.chatCompletion({ model: MODEL, messages, provider: "together" }, { fallbackProviders: ["groq"], onCallInfo: rec.onCallInfo });
    out.choices[0].message.content.should.equal("from groq");
    rec.info.attempts[0].provider.should.equal("together");
  });

  describe("streaming chat", function () {
    it("fails over before the first byte", async function () {
      server.on("POST /together/v1/chat/completions", { status: 503, json: { error: "down" } });
      server.on("POST /groq/openai/v1/chat/completions", (req, res) => {
        res.writeHead(200, { "content-type": "text/event-stream" });
        res.end(chunk("from ") + chunk("groq", "stop") + "data: [DONE]\n\n");
      });
      const rec = recorder();
      let text = "";
      for await (const c of client().chatCompletionStream({ model: MODEL, messages }, { onCallInfo: rec.onCallInfo })) text += c.choices[0]?.delta?.content ?? "";
      text.should.equal("from groq");
      rec.info.provider.should.equal("groq");
      rec.info.attempts.map((a) => a.provider).should.eql(["together"]);
    });

    it("does not fail over once the stream has started", async function () {
      server.on("POST /together/v1/chat/completions", (req, res) => {
        res.writeHead(200, { "content-type": "text/event-stream" });
        res.write(chunk("partial "));
        setTimeout(() => res.socket.destroy(), 20);
      });
      let text = "";
      const err = await (async () => {
        for await (const c of client().chatCompletionStream({ model: MODEL, messages })) text += c.choices[0]?.delta?.content ?? "";
      })().then(() => null, (e) => e);
      should(err).be.ok();
      text.should.equal("partial ");
      posts().should.eql(["/together/v1/chat/completions"]);
    });
  });
});
