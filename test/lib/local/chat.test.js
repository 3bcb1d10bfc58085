"use strict";
// provider "local" chat with the tiny random GGUF (test/fixtures/make-gguf.js): garbage text, so the checks are on
// structure, and on equality with node-llama-cpp's own API run here on the same model with greedy sampling.
const path = require("node:path");
const should = require("should");
const { InferenceClient, InferenceTimeoutError, InferenceClientInputError } = require("../../../dist/lib");

const MODELS = path.resolve(__dirname, "../../fixtures/models");
const FILE = path.join(MODELS, "tiny/chat/tiny-chat.gguf");
const messages = [{ role: "system", content: "Be brief." }, { role: "user", content: "Hello there" }];

describe("local chat (node-llama-cpp, GGUF)", function () {
  this.timeout(120_000);
  // No token: provider local never asks for one, nor for a Hub look-up.
  const client = new InferenceClient({ provider: "local", localModelsDir: MODELS, localThreads: 1 });

  async function collect(iterable) {
    const chunks = [];
    for await (const c of iterable) chunks.push(c);
    return chunks;
  }

  it("streams OpenAI chunks whose deltas join to the non-streamed answer, bounded by max_tokens", async function () {
    const args = { model: "tiny/chat", messages, max_tokens: 12, temperature: 0 };
    const chunks = await collect(client.chatCompletionStream(args));
    chunks[0].choices[0].delta.should.eql({ role: "assistant", content: "" });
    chunks.forEach((c) => c.object.should.equal("chat.completion.chunk"));
    const last = chunks[chunks.length - 1];
    last.choices[0].finish_reason.should.be.oneOf("length", "stop");
    last.usage.completion_tokens.should.be.belowOrEqual(12);
    last.usage.prompt_tokens.should.be.above(0);
    const text = chunks.map((c) => c.choices[0].delta.content ?? "").join("");
    const full = await client.chatCompletion(args);
    full.choices[0].message.content.should.equal(text);
    full.choices[0].finish_reason.should.equal(last.choices[0].finish_reason);
    full.usage.completion_tokens.should.equal(last.usage.completion_tokens);
  });

  it("answers as node-llama-cpp itself does on the same model (greedy), the model's chat template applied", async function () {
    const { getLlama, LlamaChatSession } = await import("node-llama-cpp");
    const llama = await getLlama({ gpu: false, build: "never", logLevel: "error" });
    const model = await llama.loadModel({ modelPath: FILE });
    const context = await model.createContext({ contextSize: 1024, threads: 1 });
    try {
      const session = new LlamaChatSession({ contextSequence: context.getSequence(), systemPrompt: "Be brief." });
      session.chatWrapper.constructor.name.should.equal("JinjaTemplateChatWrapper");
      const expected = await session.prompt("Hello there", { maxTokens: 16, temperature: 0 });
      const ours = await client.chatCompletion({ model: "tiny/chat/tiny-chat.gguf", messages, max_tokens: 16, temperature: 0 });
      ours.choices[0].message.content.should.equal(expected);
      expected.length.should.be.above(0);
    } finally {
      await context.dispose();
      await model.dispose();
    }
  });

  it("cuts the answer at a stop string", async function () {
    const free = await client.chatCompletion({ model: "tiny/chat", messages, max_tokens: 16, temperature: 0 });
    const text = free.choices[0].message.content;
    const stop = [...text].find((ch, i) => i > 1 && ch.trim() && ch !== "\uFFFD");
    should.exist(stop, `no usable stop character in ${JSON.stringify(text)}`);
    const cut = await client.chatCompletion({ model: "tiny/chat", messages, max_tokens: 16, temperature: 0, stop: [stop] });
    cut.choices[0].message.content.should.equal(text.slice(0, text.indexOf(stop)));
    cut.choices[0].finish_reason.should.equal("stop");
  });

  it("forces JSON-schema output with the grammar (response_format json_schema and json_object)", async function () {
    const schema = { type: "object", properties: { ok: { type: "boolean" }, level: { enum: ["low", "high"] } }, required: ["ok", "level"] };
    const out = await client.chat.completions.create({
      model: "tiny/chat",
      messages,
      temperature: 0,
      response_format: { type: "json_schema", json_schema: { name: "status", schema } },
    });
    const value = JSON.parse(out.choices[0].message.content);
    value.ok.should.be.a.Boolean();
    value.level.should.be.oneOf("low", "high");
    // Free-form JSON from random weights may not end within max_tokens; what there is must be JSON's beginning.
    const any = await client.chat.completions.create({ model: "tiny/chat", messages, max_tokens: 20, temperature: 0, response_format: { type: "json_object" } });
    any.choices[0].message.content.should.match(/^\s*[[{]/);
  });

  it("streams through chat.completions.create({stream: true}) and stops when the consumer breaks", async function () {
    const stream = await client.chat.completions.create({ model: "tiny/chat", messages, max_tokens: 500, stream: true });
    let seen = 0;
    for await (const chunk of stream) {
      if (chunk.choices[0].delta.content) seen++;
      if (seen === 2) break;
    }
    seen.should.equal(2);
    // The model is free again at once: the next call is not stuck behind 500 tokens.
    const next = await client.chatCompletion({ model: "tiny/chat", messages, max_tokens: 3 });
    next.usage.completion_tokens.should.be.belowOrEqual(3);
  });

  it("stops on abort (AbortError) and on the timeout (InferenceTimeoutError)", async function () {
    await client.chatCompletion({ model: "tiny/chat", messages, max_tokens: 1 }); // loaded, so the timeout hits generation
    const controller = new AbortController();
    const chunks = [];
    const aborted = await (async () => {
      try {
        for await (const c of client.chatCompletionStream({ model: "tiny/chat", messages, max_tokens: 100_000, temperature: 0 }, { signal: controller.signal })) {
          chunks.push(c);
          if (chunks.length === 3) controller.abort();
        }
      } catch (err) {
        return err;
      }
    })();
    should.exist(aborted);
    aborted.name.should.equal("AbortError");
    chunks.length.should.be.belowOrEqual(5);

    const timedOut = await client.chatCompletion({ model: "tiny/chat", messages, max_tokens: 100_000, temperature: 0 }, { timeout: 300 }).catch((e) => e);
    timedOut.should.be.instanceOf(InferenceTimeoutError);
  });

  it("names the folder it looked in when the model is missing, and refuses ids leaving the models folder", async function () {
    const missing = await client.chatCompletion({ model: "nobody/none", messages }).catch((e) => e);
    missing.should.be.instanceOf(InferenceClientInputError);
    missing.message.should.containEql(path.join(MODELS, "nobody/none"));
    for (const model of ["../fixtures/models/tiny/chat", "/etc/passwd", "tiny/../../x.gguf"]) {
      const err = await client.chatCompletion({ model, messages }).catch((e) => e);
      err.should.be.instanceOf(InferenceClientInputError);
    }
    const tools = await client
      .chatCompletion({ model: "tiny/chat", messages, tools: [{ type: "function", function: { name: "f" } }] })
      .catch((e) => e);
    tools.message.should.match(/does not run tools/);
  });
});
