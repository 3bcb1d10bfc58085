"use strict";
// hf-chat with an hf-memory on a real redis-server (started by the test): what is stored and how, sessions,
// reset, trimming, expiry, passwords, TLS, and Redis going away and coming back.
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { execFileSync } = require("node:child_process");
const should = require("should");
const { helper, coreNode, ourNode, nextMessages, recordStatus } = require("../../support/red");
const { OpenAiServer } = require("../../support/openai-server");
const { RedisServer, requireRedis, redisClient } = require("../../support/redis");

const configNode = ourNode("hf-config");
const chatNode = ourNode("hf-chat");
const agentNode = ourNode("hf-agent");
const memoryNode = ourNode("hf-memory");
const catchNode = coreNode("common/25-catch.js");

describe("nodes: hf-memory on Redis", function () {
  this.timeout(20000);
  let model;
  let redis;
  let client;
  before(async function () {
    requireRedis(this);
    model = await new OpenAiServer().start();
    redis = await new RedisServer().start();
    client = await redisClient(redis.url);
  });
  after(async function () {
    await client?.destroy();
    await redis?.destroy();
    await model?.stop();
  });
  beforeEach(function (done) {
    model.reset();
    model.defaultScript = { echo: true };
    helper.startServer(done);
  });
  afterEach(function (done) {
    helper.unload().then(() => helper.stopServer(done));
  });

  function flow(memoryProps = {}, chatProps = {}) {
    return [
      { id: "cfg", type: "hf-config", endpointUrl: model.url, maxRetries: 0, timeout: 5 },
      { id: "mem", type: "hf-memory", backend: "redis", url: redis.url, keyPrefix: "t:", ttl: 0, maxTurns: 10, ...memoryProps },
      { id: "chat", type: "hf-chat", config: "cfg", model: "m", memoryStore: "mem", sessionKey: "topic", wires: [[], ["out"]], ...chatProps },
      { id: "out", type: "helper" },
      { id: "catcher", type: "catch", scope: ["chat"], uncaught: false, wires: [["caught"]] },
      { id: "caught", type: "helper" },
    ];
  }
  const load = (f, credentials = {}) => new Promise((resolve) => helper.load([configNode, chatNode, agentNode, memoryNode, catchNode], f, { cfg: { token: "hf_x" }, ...credentials }, resolve));
  /** Sends one msg; resolves with {msg} or {error} (what the Catch node got). */
  function ask(msg) {
    const result = Promise.race([nextMessages(helper.getNode("out")).then((m) => ({ msg: m })), nextMessages(helper.getNode("caught")).then((m) => ({ error: m.error }))]);
    helper.getNode("chat").receive(msg);
    return result;
  }
  const stored = async (key) => (await client.lRange(key, 0, -1)).map((t) => JSON.parse(t));

  it("keeps one list element per turn under keyPrefix + session; the model gets the whole history", async function () {
    await client.del("t:alice");
    await load(flow());
    for (const text of ["one", "two", "three"]) {
      const { msg, error } = await ask({ payload: text, topic: "alice" });
      should(error).be.undefined();
      msg.payload.should.equal(`re: ${text}`);
    }
    model.lastBody.messages.map((m) => m.content).should.eql(["one", "re: one", "two", "re: two", "three"]);
    (await stored("t:alice")).should.eql([
      [{ role: "user", content: "one" }, { role: "assistant", content: "re: one" }],
      [{ role: "user", content: "two" }, { role: "assistant", content: "re: two" }],
      [{ role: "user", content: "three" }, { role: "assistant", content: "re: three" }],
    ]);
    (await client.ttl("t:alice")).should.equal(-1);
  });

  it("trims to maxTurns whole turns, expires after ttl, and msg.reset clears the session", async function () {
    await client.del("t:bob");
    await load(flow({ maxTurns: 2, ttl: 600 }));
    for (const text of ["a", "b", "c"]) await ask({ payload: text, topic: "bob" });
    (await stored("t:bob")).map((turn) => turn[0].content).should.eql(["b", "c"]);
    (await client.ttl("t:bob")).should.be.within(590, 600);
    helper.getNode("chat").receive({ reset: true, topic: "bob" });
    for (let i = 0; i < 50 && (await client.exists("t:bob")); i++) await new Promise((r) => setTimeout(r, 20));
    (await client.exists("t:bob")).should.equal(0);
  });

  it("sessionKey _client.socketId: one conversation per Dashboard client", async function () {
    await load(flow({}, { sessionKey: "_client.socketId" }));
    await ask({ payload: "I am A", _client: { socketId: "sockA" } });
    await ask({ payload: "I am B", _client: { socketId: "sockB" } });
    await ask({ payload: "again A", _client: { socketId: "sockA" } });
    model.lastBody.messages.map((m) => m.content).should.eql(["I am A", "re: I am A", "again A"]);
    (await stored("t:sockB")).flat().map((m) => m.content).should.eql(["I am B", "re: I am B"]);
  });

  it("hf-agent keeps its conversation in the same store", async function () {
    await client.del("t:agent1");
    const f = flow();
    f.push({ id: "agent", type: "hf-agent", config: "cfg", model: "m", memory: true, memoryStore: "mem", servers: [], wires: [["out"], []] });
    await load(f);
    model.defaultScript = { deltas: ["agent says hi"] };
    for (const text of ["first", "second"]) {
      const out = nextMessages(helper.getNode("out"));
      helper.getNode("agent").receive({ payload: text, topic: "agent1" });
      (await out).payload.should.equal("agent says hi");
    }
    model.lastBody.messages.filter((m) => m.role !== "system").map((m) => m.content).should.eql(["first", "agent says hi", "second"]);
    (await stored("t:agent1")).length.should.equal(2);
  });

  it("memoryTurns and maxTurns outside 1..200 are refused with a clear error, not silently changed", async function () {
    await load(flow({ maxTurns: 1000000 }));
    const { error } = await ask({ payload: "x", topic: "t" });
    error.message.should.match(/Turns kept must be a whole number from 1 to 200/);
  });

  it("a password comes from the credentials; a URL holding one is refused", async function () {
    const locked = await new RedisServer({ args: ["--requirepass", "s3cret-pass"] }).start();
    try {
      await load(flow({ url: locked.url }), { mem: { password: "s3cret-pass" } });
      const ok = await ask({ payload: "hi", topic: "p" });
      should(ok.error).be.undefined();
      await helper.unload();
      await load(flow({ url: `redis://:s3cret-pass@127.0.0.1:${locked.port}/0` }));
      const { error } = await ask({ payload: "hi", topic: "p" });
      error.message.should.match(/must not hold a password/);
      error.message.should.not.containEql("s3cret-pass");
    } finally {
      await locked.destroy();
    }
  });

  it("Redis stopped: msgs fail fast with a clear error and a red status; started again: memory works again", async function () {
    const own = await new RedisServer().start();
    try {
      await load(flow({ url: own.url }));
      const statuses = recordStatus(helper.getNode("chat"));
      should((await ask({ payload: "before", topic: "r" })).error).be.undefined();
      await own.stop();
      // Give the client a moment to notice the closed socket (it would anyway within the memory timeout).
      await new Promise((r) => setTimeout(r, 200));
      const started = Date.now();
      const down = await ask({ payload: "while down", topic: "r" });
      down.error.message.should.match(/Redis 127\.0\.0\.1:\d+\/0 is not reachable|Conversation memory/);
      (Date.now() - started).should.be.below(6000); // never longer than the memory timeout: nothing hangs
      statuses.some((s) => s.fill === "red").should.be.true();
      await own.start();
      let back;
      for (let i = 0; i < 50; i++) {
        back = await ask({ payload: "after", topic: "r" });
        if (!back.error) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      should(back.error).be.undefined();
      back.msg.payload.should.equal("re: after");
    } finally {
      await own.destroy();
    }
  });

  it("rediss:// (TLS, self-signed CA) stores and reads a conversation", async function () {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hf-redis-tls-"));
    const file = (n) => path.join(dir, n);
    try {
      execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", file("key.pem"), "-out", file("cert.pem")], { stdio: "ignore" });
    } catch {
      this.skip();
    }
    const tlsRedis = await new RedisServer({ tls: { cert: file("cert.pem"), key: file("key.pem"), ca: file("cert.pem") } }).start();
    try {
      // The CA is trusted the way a user would: NODE_EXTRA_CA_CERTS, read by Node.js at start, hence a child process.
      const script = `
        const { RedisConversationStore } = require(${JSON.stringify(path.resolve(__dirname, "../../../dist/nodes/memory/redis-store.js"))});
        const store = new RedisConversationStore({ url: ${JSON.stringify(tlsRedis.url)}, keyPrefix: "tls:", ttl: 0, maxTurns: 5, timeoutMs: 5000 });
        (async () => {
          await store.append("s", [{ role: "user", content: "over tls" }, { role: "assistant", content: "ok" }]);
          console.log(JSON.stringify(await store.load("s")));
          store.close();
        })().catch((e) => { console.log("ERR " + e.message); store.close(); });`;
      const out = execFileSync(process.execPath, ["-e", script], { encoding: "utf8", env: { ...process.env, NODE_EXTRA_CA_CERTS: file("cert.pem") }, timeout: 15000 });
      JSON.parse(out.trim()).map((m) => m.content).should.eql(["over tls", "ok"]);
    } finally {
      await tlsRedis.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
