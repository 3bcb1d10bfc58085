"use strict";
// Two real Node-RED processes with the same flow share conversations through one real redis-server: a session
// alternating between them, 50 concurrent sessions, a restart mid-conversation, Redis stopped and started.
// The model is a local fake that answers "re: <last user message>" and records what it was sent.
const should = require("should");
const { startNodeRed } = require("./runtime");
const { OpenAiServer } = require("../support/openai-server");
const { RedisServer, requireRedis, redisClient } = require("../support/redis");

function chatFlow(modelUrl, redisUrl) {
  return [
    { id: "tab", type: "tab", label: "chat" },
    { id: "cfg", type: "hf-config", endpointUrl: modelUrl, maxRetries: 0, timeout: 10, credentials: { token: "hf_e2eMemoryToken" } },
    { id: "mem", type: "hf-memory", backend: "redis", url: redisUrl, keyPrefix: "e2e:", ttl: 3600, maxTurns: 50 },
    // GET /chat-ready answers once the flow's routes are up (a deploy can report "Started flows" a moment early).
    { id: "n-ready", z: "tab", type: "http in", url: "/chat-ready", method: "get", wires: [["n-reply"]] },
    { id: "n-in", z: "tab", type: "http in", url: "/chat", method: "post", wires: [["n-session"]] },
    {
      id: "n-session",
      z: "tab",
      type: "change",
      rules: [
        { t: "set", p: "topic", pt: "msg", to: "payload.session", tot: "msg" },
        { t: "set", p: "payload", pt: "msg", to: "payload.text", tot: "msg" },
      ],
      wires: [["n-chat"]],
    },
    { id: "n-chat", z: "tab", type: "hf-chat", config: "cfg", model: "m", stream: false, memoryStore: "mem", sessionKey: "topic", wires: [[], ["n-reply"]] },
    { id: "n-reply", z: "tab", type: "http response", statusCode: "", wires: [] },
    { id: "n-catch", z: "tab", type: "catch", scope: ["n-chat"], uncaught: false, wires: [["n-failed"]] },
    {
      id: "n-failed",
      z: "tab",
      type: "change",
      rules: [
        { t: "set", p: "payload", pt: "msg", to: "error.message", tot: "msg" },
        { t: "set", p: "statusCode", pt: "msg", to: "500", tot: "num" },
      ],
      wires: [["n-reply"]],
    },
  ];
}

describe("e2e: conversation memory shared by two Node-RED instances through Redis", function () {
  this.timeout(180000);
  let model;
  let redis;
  let client;
  let a;
  let b;
  let flow;

  async function startInstance() {
    const red = await startNodeRed();
    await red.deploy(flow);
    for (let i = 0; i < 100 && (await fetch(`${red.url}/chat-ready`)).status !== 200; i++) await new Promise((r) => setTimeout(r, 100));
    return red;
  }
  before(async function () {
    requireRedis(this);
    model = await new OpenAiServer().start();
    model.defaultScript = { echo: true };
    redis = await new RedisServer().start();
    client = await redisClient(redis.url);
    flow = chatFlow(model.url, redis.url);
    [a, b] = await Promise.all([startInstance(), startInstance()]);
  });
  after(async function () {
    await Promise.all([a?.stop(), b?.stop()]);
    await client?.destroy();
    await redis?.destroy();
    await model?.stop();
  });

  async function say(red, session, text) {
    const res = await fetch(`${red.url}/chat`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ session, text }), signal: AbortSignal.timeout(30000) });
    return { status: res.status, text: await res.text() };
  }
  /** What the model was sent for the request whose last user message is `text` (non-system messages' contents). */
  function sentFor(text) {
    const req = model.requests.filter((r) => r.json && r.json.messages.at(-1).content === text);
    req.length.should.equal(1, `one request for "${text}"`);
    return req[0].json.messages.filter((m) => m.role !== "system").map((m) => m.content);
  }
  const history = (session, n) => Array.from({ length: n }, (_, i) => [`${session} t${i}`, `re: ${session} t${i}`]).flat();

  it("20 turns of one session alternating between the instances: the model gets the full history every turn", async function () {
    for (let i = 0; i < 20; i++) {
      const red = i % 2 ? b : a;
      const res = await say(red, "alt", `alt t${i}`);
      res.should.eql({ status: 200, text: `re: alt t${i}` });
      sentFor(`alt t${i}`).should.eql([...history("alt", i), `alt t${i}`]);
    }
    (await client.lLen("e2e:alt")).should.equal(20);
  });

  it("50 sessions x 4 turns sent concurrently across both: each conversation holds its 8 messages in order", async function () {
    const sessions = Array.from({ length: 50 }, (_, k) => `s${k}`);
    await Promise.all(
      sessions.map(async (s, k) => {
        for (let j = 0; j < 4; j++) {
          const res = await say((k + j) % 2 ? b : a, s, `${s} t${j}`);
          res.should.eql({ status: 200, text: `re: ${s} t${j}` });
        }
      }),
    );
    for (const s of sessions) {
      const stored = (await client.lRange(`e2e:${s}`, 0, -1)).flatMap((t) => JSON.parse(t)).map((m) => m.content);
      stored.should.eql(history(s, 4));
      for (let j = 0; j < 4; j++) sentFor(`${s} t${j}`).should.eql([...history(s, j), `${s} t${j}`]);
    }
  });

  it("an instance restarted mid-conversation: the conversation continues where it was", async function () {
    (await say(a, "restart", "restart t0")).status.should.equal(200);
    (await say(b, "restart", "restart t1")).status.should.equal(200);
    await a.stop();
    a = await startInstance();
    (await say(a, "restart", "restart t2")).status.should.equal(200);
    sentFor("restart t2").should.eql([...history("restart", 2), "restart t2"]);
  });

  it("Redis stopped: clear errors, no hang; started again: both instances carry on, Node-RED never crashed", async function () {
    (await say(a, "down", "down t0")).status.should.equal(200);
    await redis.stop();
    for (const red of [a, b]) {
      const res = await say(red, "down", "while down");
      res.status.should.equal(500);
      res.text.should.match(/Redis 127\.0\.0\.1:\d+\/0|Conversation memory/);
    }
    await redis.start();
    for (const [i, red] of [b, a].entries()) {
      let res;
      for (let tries = 0; tries < 50; tries++) {
        res = await say(red, "down", `down t${i + 1}`);
        if (res.status === 200) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      res.status.should.equal(200, res.text);
    }
    // The restarted Redis kept nothing (no persistence): the conversation starts again from the next turn.
    sentFor("down t2").should.eql(["down t1", "re: down t1", "down t2"]);
    should(a.child.exitCode).be.null();
    should(b.child.exitCode).be.null();
  });
});
