"use strict";
// hf-chat with provider local in a real Node-RED runtime: the tiny GGUF (test/fixtures/make-gguf.js), no token.
const path = require("node:path");
const should = require("should");
const { helper, ourNode, nextMessages } = require("../../support/red");

const MODELS = path.resolve(__dirname, "../../fixtures/models");
const modules = [ourNode("hf-config"), ourNode("hf-chat")];

describe("hf-chat with provider local (GGUF)", function () {
  this.timeout(120_000);
  beforeEach(function (done) {
    helper.startServer(done);
  });
  afterEach(function (done) {
    helper.unload().then(() => helper.stopServer(done));
  });

  function load(chat) {
    const flow = [
      { id: "cfg", type: "hf-config", provider: "local", localModelsDir: MODELS, localThreads: "1" },
      { id: "chat", type: "hf-chat", config: "cfg", model: "tiny/chat", maxTokens: "8", temperature: "0", wires: [["deltas"], ["final"]], ...chat },
      { id: "deltas", type: "helper" },
      { id: "final", type: "helper" },
    ];
    return new Promise((resolve, reject) => helper.load(modules, flow, {}, (e) => (e ? reject(e) : resolve())));
  }

  it("streams deltas on output 1 that join to the final answer on output 2", async function () {
    await load({ stream: true });
    const deltas = [];
    helper.getNode("deltas").on("input", (msg) => deltas.push(msg));
    const final = nextMessages(helper.getNode("final"));
    helper.getNode("chat").receive({ payload: "Hello" });
    const msg = await final;
    msg.payload.should.be.a.String();
    msg.payload.length.should.be.above(0);
    deltas.map((d) => d.payload).join("").should.equal(msg.payload);
    msg.hf.provider.should.equal("local");
    msg.hf.usage.completion_tokens.should.be.belowOrEqual(8);
  });

  it("answers without streaming, and remembers the conversation (memory on)", async function () {
    await load({ stream: false, memory: true, memoryTurns: 10 });
    const probe = helper.getNode("final");
    let next = nextMessages(probe);
    helper.getNode("chat").receive({ payload: "Hello", topic: "s1" });
    const first = await next;
    next = nextMessages(probe);
    helper.getNode("chat").receive({ payload: "Again", topic: "s1" });
    const second = await next;
    // The second prompt carries the first turn: more prompt tokens than the first one had.
    second.hf.usage.prompt_tokens.should.be.above(first.hf.usage.prompt_tokens + first.hf.usage.completion_tokens);
    should(second.payload).be.a.String();
  });

  it("runs examples/local/chat.json once a .gguf is in the models folder (here the tiny one, as its model)", async function () {
    const nodes = JSON.parse(require("node:fs").readFileSync(path.resolve(__dirname, "../../../examples/local/chat.json"), "utf8"));
    const flow = [{ id: "tab", type: "tab" }];
    for (const n of nodes) {
      if (n.type === "hf-config") flow.push({ ...n, localModelsDir: MODELS, localThreads: "1" });
      else if (n.type === "hf-chat") flow.push({ ...n, z: "tab", model: "tiny/chat", maxTokens: "6" });
      else if (n.type === "debug") flow.push({ id: n.id, z: "tab", type: "helper", name: n.name });
      else if (n.type !== "comment" && n.type !== "inject") flow.push({ ...n, z: "tab" });
    }
    await new Promise((resolve, reject) => helper.load(modules, flow, {}, (e) => (e ? reject(e) : resolve())));
    const chat = nodes.find((n) => n.type === "hf-chat");
    const answer = nextMessages(helper.getNode(nodes.find((n) => n.name === "answer").id));
    const inject = nodes.find((n) => n.type === "inject");
    helper.getNode(chat.id).receive({ payload: inject.payload, topic: inject.topic });
    const msg = await answer;
    msg.hf.provider.should.equal("local");
    msg.hf.usage.completion_tokens.should.be.belowOrEqual(6);
  });
});
