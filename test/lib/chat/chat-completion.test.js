"use strict";
const should = require("should");
const {
  InferenceClient,
  ChatStreamAccumulator,
  InferenceClientInputError,
  InferenceClientProviderApiError,
  InferenceClientProviderOutputError,
  InferenceClientRoutingError,
  clearMappingCache,
} = require("../../../dist/lib");
const { OpenAiServer } = require("../../support/openai-server");
const { findTapes } = require("../../support/tapes");

const messages = [{ role: "user", content: "Say hello" }];

async function collect(iterable) {
  const chunks = [];
  for await (const c of iterable) chunks.push(c);
  return chunks;
}

/** Collects chunks until the stream throws; returns both. */
async function collectUntilError(iterable) {
  const chunks = [];
  try {
    for await (const c of iterable) chunks.push(c);
  } catch (err) {
    return { chunks, err };
  }
  return { chunks, err: undefined };
}

describe("chat completion (library)", function () {
  let server;
  before(async function () {
    server = await new OpenAiServer().start();
  });
  after(async function () {
    await server.stop();
  });
  beforeEach(function () {
    server.reset();
    clearMappingCache();
  });

  describe("endpointUrl and baseURL", function () {
    it("posts to {endpointUrl}/v1/chat/completions with the model and messages, and returns the completion", async function () {
      const client = new InferenceClient("hf_test_token", { endpointUrl: server.url });
      const out = await client.chatCompletion({ model: "my-model", messages, temperature: 0.2 });
      out.choices[0].message.content.should.equal("Hello world!");
      out.usage.total_tokens.should.equal(8);
      server.requests.should.have.length(1);
      server.requests[0].path.should.equal("/v1/chat/completions");
      server.lastBody.should.eql({ model: "my-model", messages, temperature: 0.2 });
      server.requests[0].headers.authorization.should.equal("Bearer hf_test_token");
    });

    it("follows the reference's endpoint rule: /v1 gets /chat/completions, a full chat URL is kept", async function () {
      const client = new InferenceClient("hf_x");
      await client.chatCompletion({ model: "m", messages, endpointUrl: `${server.url}/serve/v1/` });
      await client.chatCompletion({ model: "m", messages, endpointUrl: `${server.url}/other/chat/completions` });
      server.requests.map((r) => r.path).should.eql(["/serve/v1/chat/completions", "/other/chat/completions"]);
    });

    it("sends the endpoint URL as the model when none is given, as the reference", async function () {
      const client = new InferenceClient(undefined, { endpointUrl: server.url });
      await client.chatCompletion({ messages });
      server.lastBody.model.should.equal(server.url);
      should(server.requests[0].headers.authorization).be.undefined();
    });

    it("with OpenAI's option names posts to ${baseURL}/chat/completions exactly, with no Hub look-up", async function () {
      const client = new InferenceClient({ baseURL: `${server.url}/v3/openai/`, apiKey: "sk-local", hubUrl: server.url });
      const out = await client.chat.completions.create({ model: "llama", messages, max_tokens: 5 });
      out.choices[0].message.content.should.equal("Hello world!");
      server.requests.map((r) => `${r.method} ${r.path}`).should.eql(["POST /v3/openai/chat/completions"]);
      server.requests[0].headers.authorization.should.equal("Bearer sk-local");
      server.lastBody.should.eql({ model: "llama", messages, max_tokens: 5 });
    });

    it("chat.completions.create({stream: true}) gives an async iterable of chunks", async function () {
      const client = new InferenceClient({ baseURL: `${server.url}/v1`, apiKey: "sk-local" });
      const stream = await client.chat.completions.create({ model: "llama", messages, stream: true });
      stream.controller.should.be.instanceOf(AbortController);
      const chunks = await collect(stream);
      chunks.map((c) => c.choices[0]?.delta?.content ?? "").join("").should.equal("Hello world!");
      server.requests[0].path.should.equal("/v1/chat/completions");
      server.lastBody.stream.should.be.true();
    });

    it("the stream's controller aborts it mid-way", async function () {
      server.script({ deltas: ["a", "b", "c"], stallAt: 1 });
      const client = new InferenceClient({ baseURL: `${server.url}/v1`, apiKey: "sk-local" });
      const stream = await client.chat.completions.create({ model: "llama", messages, stream: true });
      const seen = [];
      const err = await (async () => {
        try {
          for await (const chunk of stream) {
            seen.push(chunk.choices[0].delta.content);
            if (chunk.choices[0].delta.content === "a") stream.controller.abort();
          }
        } catch (e) {
          return e;
        }
      })();
      should.exist(err);
      err.name.should.equal("AbortError");
      seen.should.eql(["", "a"]);
    });

    it("chat.completions.create({stream: true}) rejects on an HTTP error before any chunk, as the openai client", async function () {
      server.script({ status: 400, error: { error: { message: "bad temperature", type: "invalid_request_error" } } });
      const client = new InferenceClient({ baseURL: `${server.url}/v1`, apiKey: "sk-local" });
      const err = await client.chat.completions.create({ model: "llama", messages, stream: true }).then(
        () => null,
        (e) => e,
      );
      err.should.be.instanceOf(InferenceClientProviderApiError);
      err.status.should.equal(400);
      err.message.should.match(/bad temperature/);
      err.httpRequest.headers.Authorization.should.equal("Bearer [redacted]");
    });
  });

  describe("routing", function () {
    it("provider auto: the router's /v1/chat/completions with the Hub model id and no Hub look-up", async function () {
      const client = new InferenceClient("hf_router_token", { routerUrl: server.url, hubUrl: server.url });
      const calls = [];
      await client.chatCompletion({ model: "meta-llama/Llama-3.1-8B-Instruct", messages }, { onCallInfo: (i) => calls.push(i) });
      server.requests.map((r) => `${r.method} ${r.path}`).should.eql(["POST /v1/chat/completions"]);
      server.lastBody.model.should.equal("meta-llama/Llama-3.1-8B-Instruct");
      calls[0].provider.should.equal("auto");
    });

    it("provider auto with a provider key is refused, as the reference", async function () {
      const client = new InferenceClient("sk-provider", { routerUrl: server.url });
      const err = await client.chatCompletion({ model: "x/y", messages }).catch((e) => e);
      err.should.be.instanceOf(InferenceClientRoutingError);
      err.message.should.match(/auto-router/);
      server.requests.should.have.length(0);
    });

    it("hf-inference: models/{model}/v1/chat/completions on the router, model id from the Hub mapping", async function () {
      server.mapping = { "hf-inference": { providerId: "org/chat-model", status: "live", task: "conversational" } };
      try {
        const client = new InferenceClient("hf_t", { routerUrl: server.url, hubUrl: server.url, provider: "hf-inference" });
        const out = await client.chatCompletion({ model: "org/chat-model", messages });
        out.choices[0].message.content.should.equal("Hello world!");
        const chat = server.requests.find((r) => r.method === "POST");
        chat.path.should.equal("/hf-inference/models/org/chat-model/v1/chat/completions");
        chat.json.model.should.equal("org/chat-model");
      } finally {
        server.mapping = undefined;
      }
    });
  });

  describe("checks", function () {
    it("refuses missing or malformed messages before sending anything", async function () {
      const client = new InferenceClient("hf_x", { endpointUrl: server.url });
      (await client.chatCompletion({ model: "m" }).catch((e) => e)).should.be.instanceOf(InferenceClientInputError);
      const err = await client.chatCompletion({ model: "m", messages: [{ content: "no role" }] }).catch((e) => e);
      err.should.be.instanceOf(InferenceClientInputError);
      err.message.should.match(/messages\[0\] has no "role"/);
      server.requests.should.have.length(0);
    });

    it("refuses an answer without choices", async function () {
      server.script({ json: { id: "x", object: "chat.completion", result: "nope" } });
      const client = new InferenceClient("hf_x", { endpointUrl: server.url });
      const err = await client.chatCompletion({ model: "m", messages }).catch((e) => e);
      err.should.be.instanceOf(InferenceClientProviderOutputError);
    });
  });

  describe("streaming", function () {
    const client = () => new InferenceClient("hf_x", { endpointUrl: server.url });

    it("yields chunks whose deltas rebuild the text, with usage in the last chunk", async function () {
      server.script({ deltas: ["One", " two", " three"], usage: { prompt_tokens: 3, completion_tokens: 3, total_tokens: 6 } });
      const chunks = await collect(client().chatCompletionStream({ model: "m", messages }));
      const acc = new ChatStreamAccumulator();
      const text = chunks.map((c) => acc.add(c)).join("");
      text.should.equal("One two three");
      const out = acc.result();
      out.choices[0].message.content.should.equal("One two three");
      out.choices[0].finish_reason.should.equal("stop");
      out.usage.total_tokens.should.equal(6);
      server.lastBody.stream.should.be.true();
    });

    it("merges streamed tool-call deltas by index", async function () {
      server.script({
        deltas: [],
        toolCalls: [
          { id: "call_a", name: "get_weather", arguments: '{"city":"Paris","unit":"c"}', pieces: 4 },
          { id: "call_b", name: "get_time", arguments: '{"tz":"Europe/Paris"}', pieces: 3 },
        ],
      });
      const acc = new ChatStreamAccumulator();
      for await (const c of client().chatCompletionStream({ model: "m", messages })) acc.add(c);
      const out = acc.result();
      out.choices[0].finish_reason.should.equal("tool_calls");
      out.choices[0].message.tool_calls.should.eql([
        { id: "call_a", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris","unit":"c"}' } },
        { id: "call_b", type: "function", function: { name: "get_time", arguments: '{"tz":"Europe/Paris"}' } },
      ]);
    });

    it("an error event mid-stream throws after the chunks already received", async function () {
      server.script({ deltas: ["a", "b", "c"], errorAt: 2, errorEvent: { error: { message: "GPU fell over" } } });
      const { chunks, err } = await collectUntilError(client().chatCompletionStream({ model: "m", messages }));
      chunks.map((c) => c.choices[0].delta.content).join("").should.equal("ab");
      err.should.be.instanceOf(InferenceClientProviderApiError);
      err.message.should.match(/GPU fell over/);
    });

    it("an {error} payload mid-stream (TGI style) throws too", async function () {
      server.script({ deltas: ["a", "b"], errorAt: 1, errorData: { error: "Input validation error", error_type: "validation" } });
      const { chunks, err } = await collectUntilError(client().chatCompletionStream({ model: "m", messages }));
      chunks.map((c) => c.choices[0].delta.content).join("").should.equal("a");
      err.message.should.match(/Input validation error/);
    });

    it("a dropped connection throws a clear error", async function () {
      server.script({ deltas: ["a", "b", "c"], dropAt: 2 });
      const { chunks, err } = await collectUntilError(client().chatCompletionStream({ model: "m", messages }));
      chunks.map((c) => c.choices[0].delta.content).join("").should.equal("ab");
      should.exist(err);
      err.message.should.match(/127\.0\.0\.1|cut off/);
    });

    it("a stalled stream ends in an error after streamIdleTimeout", async function () {
      server.script({ deltas: ["a", "b"], stallAt: 1 });
      const c = new InferenceClient("hf_x", { endpointUrl: server.url, streamIdleTimeout: 300 });
      const { chunks, err } = await collectUntilError(c.chatCompletionStream({ model: "m", messages }));
      chunks.map((x) => x.choices[0].delta.content).join("").should.equal("a");
      should.exist(err);
      err.message.should.match(/stalled/);
    });

    it("a body that ends without [DONE] and without finish_reason is a truncation error", async function () {
      server.script({ deltas: ["a", "b"], finishReason: null, done: false });
      const { chunks, err } = await collectUntilError(client().chatCompletionStream({ model: "m", messages }));
      chunks.length.should.be.above(1);
      err.should.be.instanceOf(InferenceClientProviderOutputError);
      err.message.should.match(/cut off/);
    });

    it("a body with a finish_reason but no [DONE] (older TGI) ends cleanly", async function () {
      server.script({ deltas: ["a", "b"], done: false });
      const chunks = await collect(client().chatCompletionStream({ model: "m", messages }));
      chunks[chunks.length - 1].choices[0].finish_reason.should.equal("stop");
    });

    it("[DONE] without a finish_reason ends cleanly", async function () {
      server.script({ deltas: ["a"], finishReason: null });
      const chunks = await collect(client().chatCompletionStream({ model: "m", messages }));
      chunks.map((c) => c.choices[0].delta.content).join("").should.equal("a");
    });

    it("aborting through the signal stops the stream with an AbortError", async function () {
      server.script({ deltas: ["a", "b"], stallAt: 1 });
      const controller = new AbortController();
      const stream = client().chatCompletionStream({ model: "m", messages }, { signal: controller.signal });
      const seen = [];
      const err = await (async () => {
        try {
          for await (const c of stream) {
            seen.push(c);
            if (c.choices[0].delta.content === "a") controller.abort();
          }
        } catch (e) {
          return e;
        }
      })();
      err.name.should.equal("AbortError");
      seen.length.should.be.above(0);
    });

    it("breaking out of the loop early frees the connection", async function () {
      server.script({ deltas: ["a", "b"], stallAt: 1 });
      for await (const c of client().chatCompletionStream({ model: "m", messages })) {
        if (c.choices[0].delta.content === "a") break;
      }
      // The next call on the same client is answered normally.
      const out = await client().chatCompletion({ model: "m", messages });
      out.choices[0].message.content.should.equal("Hello world!");
    });
  });

  describe("recorded provider streams", function () {
    for (const [name, host, expected] of [
      ["OpenAI", "api.openai.com", "two"],
      ["TGI on hf-inference (no [DONE], ends on finish_reason)", "Mistral-7B-Instruct-v0.2", undefined],
      ["Cohere", "api.cohere.com", "This is a test."],
    ]) {
      it(`replays ${name}`, async function () {
        const tape = findTapes("/chat/completions", (b) => b.includes('"stream":true')).find(
          (t) => t.url.includes(host) && t.response.status === 200,
        );
        should.exist(tape);
        server.script({ sse: tape.response.body });
        const client = new InferenceClient("hf_x", { endpointUrl: server.url });
        const acc = new ChatStreamAccumulator();
        for await (const c of client.chatCompletionStream({ model: "m", messages })) acc.add(c);
        const out = acc.result();
        const expectedText = expected ?? tape.response.body.split("\n").filter((l) => l.startsWith("data:")).map((l) => JSON.parse(l.slice(5))).map((c) => c.choices[0].delta.content ?? "").join("");
        out.choices[0].message.content.should.equal(expectedText);
        should.exist(out.choices[0].finish_reason);
      });
    }
  });
});
