"use strict";
// A successful answer that quotes the account's token (a model repeating a prompt, a server echoing headers) has it
// scrubbed in everything the nodes send: msg.payload, msg.messages, msg.hf.output, and hf-chat's streamed deltas,
// including a token split across two deltas; and in what hf-chat's memory keeps.
const should = require("should");
const { helper, coreNode, ourNode, nextMessages } = require("../support/red");
const { startFaultServer, chunk, chatAnswer } = require("../faults/fault-server");

const configNode = ourNode("hf-config");
const taskNodes = ourNode("hf-tasks");
const chatNode = ourNode("hf-chat");
const joinNode = coreNode("sequence/17-split.js");
const catchNode = coreNode("common/25-catch.js");

const TOKEN = "hf_ResultCanary_Kp3Wq8Zx5Lm2Nv7B";
const LEAK = /ResultCanary|Kp3Wq8Zx5Lm2/;

/** Echoes the token it was sent (from the Authorization header) in successful answers. */
function echoing(req, res, body) {
  const token = (req.headers.authorization ?? "").replace(/^Bearer /, "");
  const text = body.toString("utf8");
  if (/chat\/completions/.test(req.url)) {
    if (/"stream":\s*true/.test(text)) {
      res.writeHead(200, { "content-type": "text/event-stream" });
      // The token split across two deltas, then a delta that is only its tail.
      res.write(chunk(`key: ${token.slice(0, 12)}`));
      res.write(chunk(`${token.slice(12, 20)}`));
      res.write(chunk(`${token.slice(20)} end`));
      res.write(chunk("", "stop"));
      return res.end("data: [DONE]\n\n");
    }
    res.writeHead(200, { "content-type": "application/json" });
    return res.end(JSON.stringify(chatAnswer(`Your header was Bearer ${token}.`)));
  }
  res.writeHead(200, { "content-type": "application/json" });
  res.end(JSON.stringify([{ label: `echo ${token}`, score: 0.9 }, { label: "other", score: 0.1 }]));
}

describe("security: the token is scrubbed from results too", function () {
  this.timeout(20_000);
  let server;
  before(async function () {
    server = await startFaultServer(echoing);
  });
  after(async function () {
    await server.stop();
  });
  beforeEach(function (done) {
    helper.startServer(done);
  });
  afterEach(function (done) {
    helper.unload().then(() => helper.stopServer(done));
  });

  async function load() {
    const flow = [
      { id: "f1", type: "tab" },
      { id: "cfg", type: "hf-config", endpointUrl: `${server.url}/ep`, maxRetries: 0, timeout: 10 },
      { id: "chat", z: "f1", type: "hf-chat", config: "cfg", model: "m", wires: [["deltas", "joiner"], ["out"]] },
      { id: "stream", z: "f1", type: "hf-chat", config: "cfg", model: "m", stream: true, wires: [["deltas", "joiner"], ["out"]] },
      { id: "classify", z: "f1", type: "hf-text-classification", config: "cfg", wires: [["out"]] },
      { id: "remember", z: "f1", type: "hf-chat", config: "cfg", model: "m", memory: true, wires: [[], ["out"]] },
      { id: "joiner", z: "f1", type: "join", mode: "auto", wires: [["joined"]] },
      { id: "deltas", z: "f1", type: "helper" },
      { id: "joined", z: "f1", type: "helper" },
      { id: "out", z: "f1", type: "helper" },
      { id: "catcher", z: "f1", type: "catch", scope: null, uncaught: false, wires: [["caught"]] },
      { id: "caught", z: "f1", type: "helper" },
    ];
    await helper.load([configNode, taskNodes, chatNode, joinNode, catchNode], flow, { cfg: { token: TOKEN } });
    helper.getNode("caught").on("input", (m) => {
      throw new Error(`unexpected error: ${m.error.message}`);
    });
  }

  function clean(msg) {
    for (const key of ["payload", "messages", "hf"]) {
      if (msg[key] !== undefined) JSON.stringify(msg[key]).should.not.match(LEAK, `msg.${key}`);
    }
  }

  it("hf-chat: msg.payload, msg.messages and msg.hf.output", async function () {
    await load();
    const out = nextMessages(helper.getNode("out"));
    helper.getNode("chat").receive({ payload: "what was my header?" });
    const msg = await out;
    server.requests[0].headers.authorization.should.equal(`Bearer ${TOKEN}`);
    msg.payload.should.equal("Your header was Bearer [redacted].");
    msg.messages[msg.messages.length - 1].content.should.equal("Your header was Bearer [redacted].");
    msg.hf.output.choices[0].message.content.should.equal("Your header was Bearer [redacted].");
    clean(msg);
  });

  it("hf-chat streaming: every delta on output 1 (a token split across deltas too), the joined text, and output 2", async function () {
    await load();
    const deltas = [];
    helper.getNode("deltas").on("input", (m) => deltas.push(m));
    const joined = nextMessages(helper.getNode("joined"));
    const out = nextMessages(helper.getNode("out"));
    helper.getNode("stream").receive({ payload: "stream it" });
    const [final, whole] = await Promise.all([out, joined]);
    deltas.length.should.be.above(1);
    for (const d of deltas) d.payload.should.not.match(LEAK);
    deltas.map((d) => d.payload).join("").should.equal("key: [redacted] end");
    whole.payload.should.equal("key: [redacted] end");
    final.payload.should.equal("key: [redacted] end");
    clean(final);
  });

  it("hf-chat memory keeps the answer scrubbed (it shows in the Context sidebar)", async function () {
    await load();
    const out = nextMessages(helper.getNode("out"));
    helper.getNode("remember").receive({ payload: "what was my header?", topic: "t1" });
    await out;
    const stored = helper.getNode("remember").context().get("chat:t1");
    stored.should.be.an.Array();
    stored[stored.length - 1].content.should.equal("Your header was Bearer [redacted].");
    JSON.stringify(stored).should.not.match(LEAK);
  });

  it("a task node: the labels in msg.payload and msg.hf.output", async function () {
    await load();
    const out = nextMessages(helper.getNode("out"));
    helper.getNode("classify").receive({ payload: "echo" });
    const msg = await out;
    msg.payload[0].label.should.equal("echo [redacted]");
    msg.hf.output[0].label.should.equal("echo [redacted]");
    clean(msg);
  });

  it("text that merely looks like a token, and the input msg's own properties, are left alone", async function () {
    await load();
    const out = nextMessages(helper.getNode("out"));
    helper.getNode("classify").receive({ payload: "echo", note: "hf_SomeOtherTokenOfTheFlow_123" });
    const msg = await out;
    msg.note.should.equal("hf_SomeOtherTokenOfTheFlow_123");
    should(msg.payload[1]).eql({ label: "other", score: 0.1 });
  });
});
