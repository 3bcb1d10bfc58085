"use strict";
// Micro-batching, the status / msg.hf timing fix and provider failover in a real Node-RED runtime, against a local
// server standing in for the Hub and the router. No assertion on wall time: batches are closed by size, by a key
// change or by a window far shorter than the test's own timeout.
const should = require("should");
const { helper, coreNode, ourNode, recordStatus, nextMessages, useLocalHub } = require("../support/red");
const { mappingAnswer } = require("../support/fake-server");

const configNode = ourNode("hf-config");
const taskNodes = ourNode("hf-tasks");
const catchNode = coreNode("common/25-catch.js");
const TOKEN = "hf_pipelineTest_0123456789";
const MODEL = "distilbert/distilbert-base-uncased-finetuned-sst-2-english";
const OTHER = "cardiffnlp/twitter-roberta-base-sentiment";

/** Labels naming the input text, so a result can be matched to its msg. */
const labelsFor = (text) => [{ label: `L:${text}`, score: 0.9 }, { label: "other", score: 0.1 }];

describe("nodes: micro-batching, status and failover", function () {
  const local = useLocalHub();
  let server;
  before(function () {
    server = local.server;
  });
  beforeEach(function () {
    for (const m of [MODEL, OTHER]) {
      server.on(`GET /api/models/${m}`, mappingAnswer(m, { "hf-inference": { providerId: m, status: "live", task: "text-classification" } }));
      server.on(`POST /hf-inference/models/${m}`, echoLabels);
    }
  });
  function echoLabels(req, res, body) {
    const { inputs } = JSON.parse(body.toString());
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(Array.isArray(inputs) ? inputs.map(labelsFor) : [labelsFor(inputs)]));
  }
  const posts = () => server.requests.filter((r) => r.method === "POST");

  function flow(nodeProps = {}, configProps = {}) {
    return [
      { id: "f1", type: "tab" },
      { id: "cfg", type: "hf-config", provider: "hf-inference", maxRetries: 0, ...configProps },
      { id: "n1", z: "f1", type: "hf-text-classification", config: "cfg", wires: [["out"]], ...nodeProps },
      { id: "out", z: "f1", type: "helper" },
      { id: "catcher", z: "f1", type: "catch", scope: null, uncaught: false, wires: [["caught"]] },
      { id: "caught", z: "f1", type: "helper" },
    ];
  }
  const load = (f) => new Promise((resolve) => helper.load([configNode, taskNodes, catchNode], f, { cfg: { token: TOKEN } }, resolve));

  describe("batching", function () {
    it("batch size 1 (the default) sends a request per msg", async function () {
      await load(flow({ model: MODEL }));
      const got = nextMessages(helper.getNode("out"), 3);
      for (const t of ["a", "b", "c"]) helper.getNode("n1").receive({ payload: t });
      const msgs = await got;
      posts().map((p) => p.json().inputs).should.eql(["a", "b", "c"]);
      msgs.forEach((m) => should(m.hf.batch).be.undefined());
    });

    it("a full batch goes as one request; each msg gets its own result, in order, with msg.hf.batch", async function () {
      await load(flow({ model: MODEL, batchSize: 4, batchWindow: 60000 }));
      const statuses = recordStatus(helper.getNode("n1"));
      const got = nextMessages(helper.getNode("out"), 4);
      for (const t of ["a", "b", "c", "d"]) helper.getNode("n1").receive({ payload: t, topic: t });
      const msgs = await got;
      posts().map((p) => p.json().inputs).should.eql([["a", "b", "c", "d"]]);
      msgs.map((m) => m.topic).should.eql(["a", "b", "c", "d"]);
      msgs.forEach((m, i) => {
        m.payload[0].label.should.equal(`L:${m.topic}`);
        m.hf.batch.should.eql({ size: 4, index: i });
        m.hf.should.containEql({ task: "text-classification", model: MODEL, provider: "hf-inference" });
      });
      statuses.map((s) => s.text).should.containEql("batch 3/4");
    });

    it("a batch that is not full goes when its window expires", async function () {
      await load(flow({ model: MODEL, batchSize: 32, batchWindow: 30 }));
      const got = nextMessages(helper.getNode("out"), 3);
      for (const t of ["a", "b", "c"]) helper.getNode("n1").receive({ payload: t });
      const msgs = await got;
      posts().map((p) => p.json().inputs).should.eql([["a", "b", "c"]]);
      msgs.map((m) => m.hf.batch.size).should.eql([3, 3, 3]);
    });

    it("a msg with other parameters or another model starts its own batch (never mixed)", async function () {
      await load(flow({ batchSize: 8, batchWindow: 30 }));
      const got = nextMessages(helper.getNode("out"), 5);
      const n1 = helper.getNode("n1");
      n1.receive({ payload: "a", model: MODEL });
      n1.receive({ payload: "b", model: MODEL });
      n1.receive({ payload: "c", model: MODEL, parameters: { top_k: 1 } });
      n1.receive({ payload: "d", model: OTHER, parameters: { top_k: 1 } });
      n1.receive({ payload: "e", model: OTHER, parameters: { top_k: 1 } });
      const msgs = await got;
      const sent = posts().map((p) => `${p.path} ${JSON.stringify(p.json())}`);
      sent.should.eql([
        `/hf-inference/models/${MODEL} {"inputs":["a","b"]}`,
        `/hf-inference/models/${MODEL} {"inputs":"c","parameters":{"top_k":1}}`,
        `/hf-inference/models/${OTHER} {"inputs":["d","e"],"parameters":{"top_k":1}}`,
      ]);
      msgs.map((m) => [m.payload[0].label, m.hf.batch.size, m.hf.batch.index]).should.eql([
        ["L:a", 2, 0],
        ["L:b", 2, 1],
        ["L:c", 1, 0],
        ["L:d", 2, 0],
        ["L:e", 2, 1],
      ]);
    });

    it("a failing batch gives each msg its own catchable error", async function () {
      server.on(`POST /hf-inference/models/${MODEL}`, { status: 400, json: { error: "bad batch" } });
      await load(flow({ model: MODEL, batchSize: 3, batchWindow: 60000 }));
      const caught = nextMessages(helper.getNode("caught"), 3);
      for (const t of ["a", "b", "c"]) helper.getNode("n1").receive({ payload: t, topic: t });
      const msgs = await caught;
      posts().should.have.length(1);
      msgs.map((m) => m.topic).should.eql(["a", "b", "c"]);
      msgs.forEach((m, i) => {
        m.error.message.should.match(/bad batch/);
        m.hf.batch.should.eql({ size: 3, index: i });
        m.hf.status.should.equal(400);
      });
    });

    it("a provider answering a batch with the wrong number of results fails each msg", async function () {
      server.on(`POST /hf-inference/models/${MODEL}`, { json: [labelsFor("only one"), labelsFor("two")] });
      await load(flow({ model: MODEL, batchSize: 3, batchWindow: 60000 }));
      const caught = nextMessages(helper.getNode("caught"), 3);
      for (const t of ["a", "b", "c"]) helper.getNode("n1").receive({ payload: t });
      (await caught).forEach((m) => m.error.message.should.match(/2 results for a batch of 3/));
    });

    it("a bad msg fails alone and does not join the batch", async function () {
      await load(flow({ model: MODEL, batchSize: 2, batchWindow: 60000 }));
      const caught = nextMessages(helper.getNode("caught"));
      const got = nextMessages(helper.getNode("out"), 2);
      const n1 = helper.getNode("n1");
      n1.receive({ payload: "a" });
      n1.receive({ payload: { not: "text" } });
      n1.receive({ payload: "b" });
      (await caught).payload.should.eql({ not: "text" });
      (await got).map((m) => m.payload[0].label).should.eql(["L:a", "L:b"]);
    });

    it("a msg holding a list is its own request, as without batching", async function () {
      await load(flow({ model: MODEL, batchSize: 4, batchWindow: 60000 }));
      const got = nextMessages(helper.getNode("out"));
      helper.getNode("n1").receive({ payload: ["x", "y"] });
      (await got).payload.map((l) => l[0].label).should.eql(["L:x", "L:y"]);
      posts().map((p) => p.json().inputs).should.eql([["x", "y"]]);
    });

    it("a redeploy fails the open batch cleanly, without sending it", async function () {
      await load(flow({ model: MODEL, batchSize: 10, batchWindow: 60000 }));
      const n1 = helper.getNode("n1");
      const errors = [];
      n1.error = (err, msg) => errors.push({ err, msg });
      n1.receive({ payload: "a", topic: "a" });
      n1.receive({ payload: "b", topic: "b" });
      await new Promise((r) => setImmediate(r));
      await helper._RED.nodes.stopFlows();
      errors.map((e) => e.msg.topic).should.eql(["a", "b"]);
      errors.forEach((e) => String(e.err.message ?? e.err).should.match(/redeployed/));
      posts().should.have.length(0);
    });

    it("the concurrency limit counts requests, not msgs", async function () {
      await load(flow({ model: MODEL, batchSize: 4, batchWindow: 60000 }, { concurrency: 1, queueLimit: 2 }));
      // 12 msgs as 12 requests would overflow a queue of 2 behind one running request; 3 batches fit.
      const got = nextMessages(helper.getNode("out"), 12);
      for (let i = 0; i < 12; i++) helper.getNode("n1").receive({ payload: `t${i}` });
      const msgs = await got;
      msgs.should.have.length(12);
      posts().should.have.length(3);
    });
  });

  describe("status and msg.hf timing", function () {
    it("counts running requests as active and waiting msgs as queued; msg.hf has durationMs and queuedMs", async function () {
      const held = [];
      server.on(`POST /hf-inference/models/${MODEL}`, (req, res, body) => {
        held.push(() => echoLabels(req, res, body));
        if (held.length === 4) held.splice(0).forEach((release) => release());
        else if (held.length === 1 && posts().length === 5) held.splice(0).forEach((release) => release());
      });
      await load(flow({ model: MODEL }, { concurrency: 4 }));
      const statuses = recordStatus(helper.getNode("n1"));
      const got = nextMessages(helper.getNode("out"), 5);
      for (const t of ["a", "b", "c", "d", "e"]) helper.getNode("n1").receive({ payload: t });
      const msgs = await got;
      const texts = statuses.map((s) => s.text);
      texts.should.containEql("requesting (4, 1 queued)");
      texts.filter((t) => /requesting \((\d+)/.test(t) && Number(/requesting \((\d+)/.exec(t)[1]) > 4).should.eql([]);
      msgs.forEach((m) => {
        m.hf.durationMs.should.be.a.Number().and.not.below(0);
        m.hf.queuedMs.should.be.a.Number().and.not.below(0);
      });
    });
  });

  describe("failover", function () {
    const CHAT = "meta-llama/Llama-3.1-8B-Instruct";
    const completion = { id: "c", object: "chat.completion", created: 1, model: CHAT, choices: [{ index: 0, message: { role: "assistant", content: "from groq" }, finish_reason: "stop" }] };
    beforeEach(function () {
      server.on(
        `GET /api/models/${CHAT}`,
        mappingAnswer(CHAT, {
          together: { providerId: "t/llama", status: "live", task: "conversational" },
          groq: { providerId: "g/llama", status: "live", task: "conversational" },
        }),
      );
      server.on("POST /groq/openai/v1/chat/completions", { json: completion });
    });
    const chatFlow = (configProps = {}) => [
      { id: "f1", type: "tab" },
      { id: "cfg", type: "hf-config", provider: "together", fallbackProviders: "groq", maxRetries: 0, ...configProps },
      { id: "n1", z: "f1", type: "hf-chat", config: "cfg", model: CHAT, wires: [[], ["out"]] },
      { id: "out", z: "f1", type: "helper" },
      { id: "catcher", z: "f1", type: "catch", scope: null, uncaught: false, wires: [["caught"]] },
      { id: "caught", z: "f1", type: "helper" },
    ];
    const loadChat = (f) => new Promise((resolve) => helper.load([configNode, ourNode("hf-chat"), catchNode], f, { cfg: { token: TOKEN } }, resolve));

    it("hf-chat: a 503 moves to the fallback; msg.hf.provider and msg.hf.attempts say what happened", async function () {
      server.on("POST /together/v1/chat/completions", { status: 503, json: { error: "overloaded" } });
      await loadChat(chatFlow());
      const got = nextMessages(helper.getNode("out"));
      helper.getNode("n1").receive({ payload: "hi" });
      const msg = await got;
      msg.payload.should.equal("from groq");
      msg.hf.provider.should.equal("groq");
      msg.hf.attempts.should.have.length(1);
      msg.hf.attempts[0].should.containEql({ provider: "together", status: 503 });
    });

    it("hf-chat: a 401 does not fail over, and the error msg lists no attempts", async function () {
      server.on("POST /together/v1/chat/completions", { status: 401, json: { error: "bad token" } });
      await loadChat(chatFlow());
      const caught = nextMessages(helper.getNode("caught"));
      helper.getNode("n1").receive({ payload: "hi" });
      const msg = await caught;
      msg.hf.status.should.equal(401);
      should(msg.hf.attempts).be.undefined();
      posts().map((p) => p.path).should.eql(["/together/v1/chat/completions"]);
    });

    it("hf-chat streaming: fails over before the first byte", async function () {
      server.on("POST /together/v1/chat/completions", { status: 500, json: { error: "boom" } });
      server.on("POST /groq/openai/v1/chat/completions", (req, res) => {
        res.writeHead(200, { "content-type": "text/event-stream" });
        const c = (content, finish = null) => `data: ${JSON.stringify({ id: "c", object: "chat.completion.chunk", created: 1, model: CHAT, choices: [{ index: 0, delta: { content }, finish_reason: finish }] })}\n\n`;
        res.end(c("from ") + c("groq", "stop") + "data: [DONE]\n\n");
      });
      const f = chatFlow();
      f[2].stream = true;
      await loadChat(f);
      const got = nextMessages(helper.getNode("out"));
      helper.getNode("n1").receive({ payload: "hi" });
      const msg = await got;
      msg.payload.should.equal("from groq");
      msg.hf.provider.should.equal("groq");
      msg.hf.attempts.map((a) => a.provider).should.eql(["together"]);
    });

    it("no failover with an Endpoint URL", async function () {
      server.on("POST /ep/v1/chat/completions", { status: 503, json: { error: "down" } });
      await loadChat(chatFlow({ endpointUrl: `${server.url}/ep` }));
      const caught = nextMessages(helper.getNode("caught"));
      helper.getNode("n1").receive({ payload: "hi" });
      (await caught).hf.status.should.equal(503);
      posts().map((p) => p.path).should.eql(["/ep/v1/chat/completions"]);
    });
  });
});
