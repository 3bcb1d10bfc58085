"use strict";
// Memory limits. Issue 12, item 8: a context store that never answers must not stall the account. Memory I/O runs outside the
// account's concurrency slots and is bounded: the chat msgs fail with a clear error, a task node on the same
// account still gets its result.
const http = require("node:http");
const should = require("should");
const { helper, coreNode, ourNode, nextMessages } = require("../../support/red");

const configNode = ourNode("hf-config");
const chatNode = ourNode("hf-chat");
const taskNodes = ourNode("hf-tasks");
const catchNode = coreNode("common/25-catch.js");

/** A context store module whose every read and write stays pending forever. */
function neverAnswers() {
  return {
    open: () => Promise.resolve(),
    close: () => Promise.resolve(),
    get: () => undefined,
    set: () => undefined,
    keys: () => undefined,
    delete: () => Promise.resolve(),
    clean: () => Promise.resolve(),
  };
}

describe("nodes: conversation memory never holds the account's slots", function () {
  let server;
  before(async function () {
    // Answers any POST as a text-classification endpoint would.
    server = http.createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify([[{ label: "POS", score: 0.9 }]]));
      });
    });
    await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  });
  after(function (done) {
    server.close(done);
  });
  beforeEach(function (done) {
    helper.settings({ contextStorage: { default: { module: "memory" }, hang: { module: neverAnswers } } });
    helper.startServer(done);
  });
  afterEach(function (done) {
    helper.settings({});
    helper.unload().then(() => helper.stopServer(done));
  });

  it("4 chat msgs on a stalled context store, then a task node on the same account gets its result", async function () {
    this.timeout(20000);
    const url = `http://127.0.0.1:${server.address().port}`;
    const flow = [
      { id: "cfg", type: "hf-config", endpointUrl: url, concurrency: 2, timeout: 1, maxRetries: 0 },
      { id: "chat", type: "hf-chat", config: "cfg", model: "m", memory: true, contextStore: "hang", wires: [[], ["chatOut"]] },
      { id: "task", type: "hf-text-classification", config: "cfg", model: "m", wires: [["taskOut"]] },
      { id: "chatOut", type: "helper" },
      { id: "taskOut", type: "helper" },
      { id: "catcher", type: "catch", scope: ["chat"], uncaught: false, wires: [["caught"]] },
      { id: "caught", type: "helper" },
    ];
    await new Promise((resolve) => helper.load([configNode, chatNode, taskNodes, catchNode], flow, { cfg: { token: "hf_x" } }, resolve));
    // The test helper does not start context stores as the runtime does; start the configured ones.
    await helper._context.load();
    const errors = nextMessages(helper.getNode("caught"), 4);
    for (let i = 0; i < 4; i++) helper.getNode("chat").receive({ payload: `hello ${i}`, topic: `t${i}` });
    const result = nextMessages(helper.getNode("taskOut"));
    helper.getNode("task").receive({ payload: "fine" });
    (await result).payload.should.eql([{ label: "POS", score: 0.9 }]);
    const caught = await errors;
    for (const msg of caught) {
      msg.error.message.should.match(/Conversation memory did not answer within 1000 ms/);
      should(msg.payload).match(/^hello/);
    }
  });

  for (const memoryTurns of [0, 1000000, 2.5]) {
    it(`memoryTurns ${memoryTurns}: every msg fails with the allowed range, nothing is sent to the model`, async function () {
      const url = `http://127.0.0.1:${server.address().port}`;
      const flow = [
        { id: "cfg", type: "hf-config", endpointUrl: url, maxRetries: 0 },
        { id: "chat", type: "hf-chat", config: "cfg", model: "m", memory: true, memoryTurns, wires: [[], ["chatOut"]] },
        { id: "chatOut", type: "helper" },
        { id: "catcher", type: "catch", scope: ["chat"], uncaught: false, wires: [["caught"]] },
        { id: "caught", type: "helper" },
      ];
      await new Promise((resolve) => helper.load([configNode, chatNode, catchNode], flow, { cfg: { token: "hf_x" } }, resolve));
      let requests = 0;
      server.on("request", () => requests++);
      const caught = nextMessages(helper.getNode("caught"));
      helper.getNode("chat").receive({ payload: "hi" });
      (await caught).error.message.should.match(/Turns kept must be a whole number from 1 to 200/);
      requests.should.equal(0);
    });
  }
});

describe("nodes: hf-memory with the context backend", function () {
  const { OpenAiServer } = require("../../support/openai-server");
  const memoryNode = ourNode("hf-memory");
  let model;
  before(async function () {
    model = await new OpenAiServer().start();
    model.defaultScript = { echo: true };
  });
  after(async function () {
    await model.stop();
  });
  beforeEach(function (done) {
    helper.startServer(done);
  });
  afterEach(function (done) {
    helper.unload().then(() => helper.stopServer(done));
  });

  it("two chat nodes share one conversation kept in the hf-memory node's context; msg.reset clears it", async function () {
    const flow = [
      { id: "cfg", type: "hf-config", endpointUrl: model.url, maxRetries: 0 },
      { id: "mem", type: "hf-memory", backend: "context", keyPrefix: "conv:", maxTurns: 5 },
      { id: "chat1", type: "hf-chat", config: "cfg", model: "m", stream: false, memoryStore: "mem", wires: [[], ["out"]] },
      { id: "chat2", type: "hf-chat", config: "cfg", model: "m", stream: false, memoryStore: "mem", sessionKey: "payloadOwner", wires: [[], ["out"]] },
      { id: "out", type: "helper" },
    ];
    await new Promise((resolve) => helper.load([configNode, chatNode, memoryNode], flow, { cfg: { token: "hf_x" } }, resolve));
    let answer = nextMessages(helper.getNode("out"));
    helper.getNode("chat1").receive({ payload: "hello", topic: "room" });
    await answer;
    answer = nextMessages(helper.getNode("out"));
    helper.getNode("chat2").receive({ payload: "again", payloadOwner: "room" });
    (await answer).payload.should.equal("re: again");
    model.lastBody.messages.map((m) => m.content).should.eql(["hello", "re: hello", "again"]);
    helper.getNode("mem").context().get("conv:room").length.should.equal(4);
    helper.getNode("chat2").receive({ reset: true, payloadOwner: "room" });
    for (let i = 0; i < 50 && helper.getNode("mem").context().get("conv:room"); i++) await new Promise((r) => setTimeout(r, 10));
    should(helper.getNode("mem").context().get("conv:room")).be.undefined();
  });
});
