"use strict";
// hf-chat in a real Node-RED runtime (test helper), with a real core join node on its delta output, against a
// local OpenAI-compatible server (the config node's endpoint URL).
const should = require("should");
const { once } = require("node:events");
const { helper, coreNode, ourNode, nextMessages, recordStatus } = require("../../support/red");
const { OpenAiServer } = require("../../support/openai-server");

const configNode = ourNode("hf-config");
const chatNode = ourNode("hf-chat");
const catchNode = coreNode("common/25-catch.js");
const joinNode = coreNode("sequence/17-split.js");
const completeNode = coreNode("common/24-complete.js");

const TOKEN = "hf_chatNodeTestToken_0123456789";
const PNG = Buffer.from("89504e470d0a1a0a0000000d494844520000000100000001", "hex");

describe("nodes: hf-chat", function () {
  let server;
  before(async function () {
    server = await new OpenAiServer().start();
  });
  after(async function () {
    await server.stop();
  });
  beforeEach(function (done) {
    server.reset();
    helper.startServer(done);
  });
  afterEach(function (done) {
    helper.unload().then(() => helper.stopServer(done));
  });

  function flow(chatProps = {}, configProps = {}) {
    return [
      { id: "f1", type: "tab" },
      { id: "cfg", type: "hf-config", name: "local", endpointUrl: server.url, maxRetries: 0, ...configProps },
      { id: "chat", z: "f1", type: "hf-chat", config: "cfg", model: "test-model", stream: true, wires: [["deltas", "joiner"], ["out"]], ...chatProps },
      { id: "joiner", z: "f1", type: "join", mode: "auto", wires: [["joined"]] },
      { id: "deltas", z: "f1", type: "helper" },
      { id: "joined", z: "f1", type: "helper" },
      { id: "out", z: "f1", type: "helper" },
      { id: "catcher", z: "f1", type: "catch", scope: null, uncaught: false, wires: [["caught"]] },
      { id: "caught", z: "f1", type: "helper" },
      { id: "completer", z: "f1", type: "complete", scope: ["chat"], uncaught: false, wires: [["completed"]] },
      { id: "completed", z: "f1", type: "helper" },
    ];
  }
  const load = (chatProps, configProps) =>
    new Promise((resolve, reject) =>
      helper.load([configNode, chatNode, catchNode, joinNode, completeNode], flow(chatProps, configProps), { cfg: { token: TOKEN } }, (err) =>
        err ? reject(err) : resolve(),
      ),
    );
  const node = (id) => helper.getNode(id);
  /** Fails the test if a msg reaches `id`. */
  const forbid = (id) => node(id).on("input", (msg) => should.fail(msg, undefined, `unexpected msg on ${id}`));

  /** Sends one msg and waits for the final answer on output 2. */
  async function ask(msg) {
    const answer = nextMessages(node("out"));
    node("chat").receive(msg);
    return answer;
  }

  describe("streaming into a join node", function () {
    it("sends one msg per delta with join parts, the joined text equals output 2's payload", async function () {
      server.script({ deltas: ["The", " sky", " is", " blue."], usage: { prompt_tokens: 9, completion_tokens: 4, total_tokens: 13 } });
      await load();
      const statuses = recordStatus(node("chat"));
      const deltas = nextMessages(node("deltas"), 4);
      const joined = nextMessages(node("joined"));
      const final = await ask({ payload: "What colour is the sky?", topic: "t", keep: "me", complete: true, hf: { task: "previous" } });
      const parts = await deltas;
      const text = await joined;

      parts.map((m) => m.payload).should.eql(["The", " sky", " is", " blue."]);
      parts.forEach((m, i) => {
        m.parts.should.containDeep({ index: i, type: "string", ch: "" });
        m.parts.id.should.equal(parts[0].parts.id);
        m.keep.should.equal("me");
      });
      parts[3].parts.count.should.equal(4);
      parts[3].complete.should.be.true();
      parts.slice(0, 3).forEach((m) => should(m.complete).be.undefined());
      parts.forEach((m) => should(m.hf).be.undefined());

      text.payload.should.equal("The sky is blue.");
      final.payload.should.equal(text.payload);
      final.keep.should.equal("me");
      final.finish_reason.should.equal("stop");
      final.hf.task.should.equal("conversational");
      final.hf.model.should.equal("test-model");
      final.hf.usage.should.eql({ prompt_tokens: 9, completion_tokens: 4, total_tokens: 13 });
      final.hf.output.choices[0].message.content.should.equal("The sky is blue.");
      should(final.parts).be.undefined();

      const body = server.lastBody;
      body.stream.should.be.true();
      body.stream_options.should.eql({ include_usage: true });
      body.messages.should.eql([{ role: "user", content: "What colour is the sky?" }]);
      server.requests[0].path.should.equal("/v1/chat/completions");
      statuses.map((x) => x.text).should.containDeep(["requesting", "streaming (1)"]);
      statuses[statuses.length - 1].should.containDeep({ fill: "green", shape: "dot" });
    });

    it("with streaming off sends only the final msg on output 2", async function () {
      server.script({ deltas: ["Just", " this"] });
      await load({ stream: false });
      forbid("deltas");
      const final = await ask({ payload: "hi" });
      final.payload.should.equal("Just this");
      final.hf.usage.total_tokens.should.be.a.Number();
      should(server.lastBody.stream).be.undefined();
      should(server.lastBody.stream_options).be.undefined();
    });
  });

  describe("request", function () {
    it("sends the system prompt and the sampling fields; msg.system and msg.parameters override", async function () {
      await load({ systemPrompt: "Be brief.", temperature: "0.3", maxTokens: "64", topP: "0.9", seed: "7", stop: '["\\n\\n"]', parameters: '{"temperature": 1, "presence_penalty": 0.5}' });
      await ask({ payload: "one" });
      server.lastBody.should.containDeep({ temperature: 0.3, max_tokens: 64, top_p: 0.9, seed: 7, stop: ["\n\n"], presence_penalty: 0.5 });
      server.lastBody.messages[0].should.eql({ role: "system", content: "Be brief." });

      await ask({ payload: "two", system: "Be verbose.", parameters: { temperature: 0.9 } });
      server.lastBody.messages[0].should.eql({ role: "system", content: "Be verbose." });
      server.lastBody.temperature.should.equal(0.9);
    });

    it("takes an array of messages, or {messages, ...params}", async function () {
      await load({ systemPrompt: "unused when the messages have one" });
      const conversation = [
        { role: "system", content: "You are a pirate." },
        { role: "user", content: "Hello" },
      ];
      await ask({ payload: conversation });
      server.lastBody.messages.should.eql(conversation);

      await ask({ payload: { messages: [{ role: "user", content: "x" }], max_tokens: 3, model: "other/model" } });
      server.lastBody.max_tokens.should.equal(3);
      server.lastBody.model.should.equal("test-model");
    });

    it("adds msg.images to the user message as data URLs for vision models", async function () {
      await load();
      await ask({ payload: "What is this?", images: [PNG, `data:image/png;base64,${PNG.toString("base64")}`] });
      const content = server.lastBody.messages[0].content;
      content[0].should.eql({ type: "text", text: "What is this?" });
      content.slice(1).map((p) => p.image_url.url).should.eql([`data:image/png;base64,${PNG.toString("base64")}`, `data:image/png;base64,${PNG.toString("base64")}`]);
    });

    it("turns Buffers in OpenAI content parts into data URLs, and object tool arguments into JSON text", async function () {
      await load();
      await ask({
        payload: [
          { role: "user", content: [{ type: "text", text: "Same picture?" }, { type: "image_url", image_url: { url: PNG, detail: "low" } }] },
          { role: "assistant", content: "", tool_calls: [{ id: "c1", type: "function", function: { name: "f", arguments: { x: 1 } } }] },
          { role: "tool", tool_call_id: "c1", content: "ok" },
        ],
      });
      const [user, assistant] = server.lastBody.messages;
      user.content[1].should.eql({ type: "image_url", image_url: { url: `data:image/png;base64,${PNG.toString("base64")}`, detail: "low" } });
      assistant.tool_calls[0].function.arguments.should.equal('{"x":1}');
    });

    it("refuses image URLs unless URL inputs are allowed, without sending anything", async function () {
      await load();
      forbid("out");
      const caught = nextMessages(node("caught"));
      node("chat").receive({ payload: "What is this?", images: ["https://example.com/cat.png"] });
      const err = await caught;
      err.error.message.should.match(/Allow URL/);
      server.requests.should.have.length(0);
    });

    it("passes image URLs through when URL inputs are allowed", async function () {
      await load({ allowUrlInputs: true });
      await ask({ payload: "What is this?", images: "https://example.com/cat.png" });
      server.lastBody.messages[0].content[1].image_url.url.should.equal("https://example.com/cat.png");
    });

    it("a wrong payload is an error for a catch node, with msg.hf", async function () {
      await load();
      const caught = nextMessages(node("caught"));
      node("chat").receive({ payload: 42 });
      const msg = await caught;
      msg.error.message.should.match(/Expected msg.payload/);
      msg.hf.task.should.equal("conversational");
      msg.hf.model.should.equal("test-model");
    });
  });

  describe("JSON output", function () {
    const schema = {
      type: "object",
      properties: { name: { type: "string" }, age: { type: "integer" } },
      required: ["name", "age"],
      additionalProperties: false,
    };

    it("with a JSON schema sends it as response_format and outputs the parsed, checked object", async function () {
      server.script({ deltas: ['{"name": "Ada",', ' "age": 36}'] });
      await load({ responseFormat: "json_schema", jsonSchema: JSON.stringify(schema) });
      const joined = nextMessages(node("joined"));
      const final = await ask({ payload: "Ada Lovelace, 36, mathematician" });
      final.payload.should.eql({ name: "Ada", age: 36 });
      (await joined).payload.should.equal('{"name": "Ada", "age": 36}');
      server.lastBody.response_format.should.eql({ type: "json_schema", json_schema: { name: "response", schema } });
    });

    it("with json_object outputs the parsed object (a code fence around it is tolerated)", async function () {
      server.script({ deltas: ["```json\n", '{"ok": true}', "\n```"] });
      await load({ responseFormat: "json_object", stream: false });
      const final = await ask({ payload: "json please" });
      final.payload.should.eql({ ok: true });
      server.lastBody.response_format.should.eql({ type: "json_object" });
    });

    it("an answer that is not JSON is an error carrying the raw text in msg.hf.raw", async function () {
      server.script({ deltas: ["Sorry, I cannot", " do that."] });
      await load({ responseFormat: "json_object" });
      forbid("out");
      const caught = nextMessages(node("caught"));
      node("chat").receive({ payload: "json please" });
      const msg = await caught;
      msg.error.message.should.match(/not valid JSON/);
      msg.hf.raw.should.equal("Sorry, I cannot do that.");
    });

    it("an answer that does not fit the schema is an error naming the problem", async function () {
      server.script({ deltas: ['{"name": "Ada", "age": "thirty-six"}'] });
      await load({ responseFormat: "json_schema", jsonSchema: JSON.stringify(schema), stream: false });
      const caught = nextMessages(node("caught"));
      node("chat").receive({ payload: "x" });
      const msg = await caught;
      msg.error.message.should.match(/\$\.age: expected integer, got string/);
      msg.hf.raw.should.equal('{"name": "Ada", "age": "thirty-six"}');
    });
  });

  describe("tools", function () {
    const tools = [{ name: "get_weather", description: "Weather for a city", parameters: { type: "object", properties: { city: { type: "string" } } } }];

    it("streams tool calls into msg.tool_calls with parsed arguments, and takes the results back", async function () {
      server.script(
        { deltas: [], toolCalls: [{ id: "call_1", name: "get_weather", arguments: '{"city": "Paris"}', pieces: 3 }] },
        { deltas: ["It is sunny in Paris."] },
      );
      await load({ tools: JSON.stringify(tools), toolChoice: "auto" });
      const first = await ask({ payload: "Weather in Paris?" });
      server.requests[0].json.tools.should.eql([{ type: "function", function: tools[0] }]);
      server.requests[0].json.tool_choice.should.equal("auto");
      first.finish_reason.should.equal("tool_calls");
      first.tool_calls.should.eql([{ id: "call_1", type: "function", function: { name: "get_weather", arguments: { city: "Paris" } } }]);

      // What a function node does: run the tool and send the conversation back with the result.
      const results = first.tool_calls.map((c) => ({ role: "tool", tool_call_id: c.id, content: JSON.stringify({ sky: "sunny" }) }));
      const second = await ask({ payload: first.messages.concat(results) });
      second.payload.should.equal("It is sunny in Paris.");
      should(second.tool_calls).be.undefined();
      const sent = server.requests[1].json.messages;
      sent[1].should.eql({ role: "assistant", content: "", tool_calls: [{ id: "call_1", type: "function", function: { name: "get_weather", arguments: '{"city": "Paris"}' } }] });
      sent[2].should.eql({ role: "tool", tool_call_id: "call_1", content: '{"sky":"sunny"}' });
    });
  });

  describe("memory", function () {
    it("keeps the conversation per msg.topic, bounded by turns; msg.reset clears it and sends nothing", async function () {
      server.defaultScript = { deltas: ["ok"] };
      await load({ memory: true, memoryTurns: 2, systemPrompt: "Sys" });
      await ask({ payload: "a1", topic: "alice" });
      await ask({ payload: "b1", topic: "bob" });
      await ask({ payload: "a2", topic: "alice" });
      server.lastBody.messages.should.eql([
        { role: "system", content: "Sys" },
        { role: "user", content: "a1" },
        { role: "assistant", content: "ok" },
        { role: "user", content: "a2" },
      ]);
      await ask({ payload: "a3", topic: "alice" });
      server.lastBody.messages.map((m) => m.content).should.eql(["Sys", "a1", "ok", "a2", "ok", "a3"]);
      // Two turns kept: a1 is gone; the system prompt is not stored.
      node("chat").context().get("chat:alice").map((m) => m.content).should.eql(["a2", "ok", "a3", "ok"]);
      await ask({ payload: "a4", topic: "alice" });
      server.lastBody.messages.map((m) => m.content).should.eql(["Sys", "a2", "ok", "a3", "ok", "a4"]);

      forbid("out");
      forbid("deltas");
      const before = server.requests.length;
      // done() of the reset reaches a complete node.
      // (Earlier msgs' completions may still be on their way: wait for the reset's own.)
      const completed = new Promise((resolve) => node("completed").on("input", (m) => m.reset && resolve(m)));
      node("chat").receive({ reset: true, topic: "alice" });
      (await completed).topic.should.equal("alice");
      should(node("chat").context().get("chat:alice")).be.undefined();
      server.requests.length.should.equal(before);
      node("chat").context().get("chat:bob").map((m) => m.content).should.eql(["b1", "ok"]);
    });

    it("stores the history in the named context store", async function () {
      helper.settings({ contextStorage: { default: { module: "memory" }, other: { module: "memory" } } });
      try {
        server.defaultScript = { deltas: ["ok"] };
        await load({ memory: true, contextStore: "other", stream: false });
        // The test helper does not start context stores as the runtime does; start the configured ones.
        await helper._context.load();
        await ask({ payload: "hello", topic: "room.1/a b" });
        const ctx = node("chat").context();
        const key = "chat:room%2E1%2Fa%20b";
        ctx.get(key, "other").should.eql([
          { role: "user", content: "hello" },
          { role: "assistant", content: "ok" },
        ]);
        should(ctx.get(key)).be.undefined();
      } finally {
        helper.settings({});
      }
    });

    it("stores images as [image], not their bytes", async function () {
      server.defaultScript = { deltas: ["a cat"] };
      await load({ memory: true, stream: false });
      await ask({ payload: "What is this?", images: PNG, topic: "v" });
      node("chat").context().get("chat:v")[0].should.eql({ role: "user", content: "What is this?\n[image]" });
    });
  });

  describe("errors", function () {
    it("an error event mid-stream: the deltas already sent stay sent, then one error, no final msg", async function () {
      server.script({ deltas: ["a", "b", "c"], errorAt: 2, errorEvent: { error: { message: "model overloaded" } } });
      await load();
      forbid("out");
      const seen = [];
      node("deltas").on("input", (m) => seen.push(m.payload));
      const caught = nextMessages(node("caught"));
      node("chat").receive({ payload: "x" });
      const msg = await caught;
      msg.error.message.should.match(/model overloaded/);
      seen.should.eql(["a", "b"]);
      msg.hf.task.should.equal("conversational");
    });

    it("a cut-off stream (no [DONE], no finish_reason) is one clear error", async function () {
      server.script({ deltas: ["a", "b"], finishReason: null, done: false });
      await load();
      forbid("out");
      const msg = await new Promise((resolve) => {
        node("caught").on("input", resolve);
        node("chat").receive({ payload: "x" });
      });
      msg.error.message.should.match(/cut off/);
    });

    it("a dropped connection is one error", async function () {
      server.script({ deltas: ["a", "b"], dropAt: 1 });
      await load();
      forbid("out");
      const msg = await new Promise((resolve) => {
        node("caught").on("input", resolve);
        node("chat").receive({ payload: "x" });
      });
      msg.error.message.should.match(/127\.0\.0\.1/);
    });

    it("a stalled stream ends in an error at the account's timeout, never a hung node", async function () {
      server.script({ deltas: ["a", "b"], stallAt: 1 });
      await load({}, { timeout: 1 });
      forbid("out");
      const msg = await new Promise((resolve) => {
        node("caught").on("input", resolve);
        node("chat").receive({ payload: "x" });
      });
      msg.error.message.should.match(/timed out/);
    });

    it("redeploy aborts a stream in flight", async function () {
      // The node holds one delta back (to mark the last one complete), so "a" leaves once "b" has arrived.
      server.script({ deltas: ["a", "b", "c"], stallAt: 2 });
      await load();
      forbid("out");
      const firstDelta = nextMessages(node("deltas"));
      node("chat").receive({ payload: "x" });
      (await firstDelta).payload.should.equal("a");
      const aborted = once(server, "aborted");
      await helper.clearFlows();
      await aborted;
      server.aborted.should.equal(1);
    });

    it("an HTTP error from the server reaches the catch node with its status", async function () {
      server.script({ status: 422, error: { error: "Template error: no user message" } });
      await load();
      const msg = await new Promise((resolve) => {
        node("caught").on("input", resolve);
        node("chat").receive({ payload: "x" });
      });
      msg.error.message.should.match(/Template error/);
      msg.hf.status.should.equal(422);
      JSON.stringify(msg).should.not.containEql(TOKEN);
    });
  });
});
