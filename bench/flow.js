"use strict";
// Node-RED measurements, run in a fresh process each: `node bench/flow.js '<json spec>'` prints one JSON line.
//   classify: N msgs at once through hf-text-classification (config concurrency C), or through a function node
//             making the same call with raw undici, limited to C requests at a time (the hand-written baseline)
//   chat-stream: one long streamed answer through hf-chat, deltas counted on its first output
//   chat-memory: chat turns through hf-chat with an hf-memory (backend context or redis), S sessions at once,
//             each sending its turns one after the other; also times the bare Redis round trips of a turn
const path = require("node:path");
const { performance } = require("node:perf_hooks");
const helper = require("node-red-node-test-helper");

const ROOT = path.resolve(__dirname, "..");
const spec = JSON.parse(process.argv[2]);
const at = { z: "tab", x: 100, y: 100 };
const TOKEN = "hf_benchToken0000000000000000000";

/** The function node's code: the same request as the library makes, at most `limit` at a time. */
function functionNodeCode(url, limit) {
  return `
const undici = global.get("undici");
let state = context.get("limiter");
if (!state) { state = { active: 0, queue: [] }; context.set("limiter", state); }
const run = (m) => {
  state.active++;
  undici.request(${JSON.stringify(url)}, {
    method: "POST",
    headers: { authorization: "Bearer ${TOKEN}", "content-type": "application/json" },
    body: JSON.stringify({ inputs: m.payload }),
  })
    .then((res) => res.body.json())
    .then((json) => { m.payload = json[0]; node.send(m); })
    .catch((err) => node.error(err, m))
    .finally(() => { state.active--; const next = state.queue.shift(); if (next) run(next); });
};
if (state.active < ${limit}) run(msg); else state.queue.push(msg);
return null;`;
}

async function classify({ variant, url, msgs, concurrency }) {
  const nodes = [require(path.join(ROOT, "dist/nodes/hf-config.js")), require(path.join(ROOT, "dist/nodes/hf-tasks.js"))];
  const endpoint = `${url}/classify`;
  const flow = [
    { id: "tab", type: "tab" },
    { id: "cfg", z: "tab", type: "hf-config", endpointUrl: endpoint, maxRetries: 0, concurrency, queueLimit: msgs },
    variant === "node"
      ? { id: "work", type: "hf-text-classification", ...at, config: "cfg", wires: [["out"]] }
      : { id: "work", type: "function", ...at, func: functionNodeCode(endpoint, concurrency), outputs: 1, wires: [["out"]] },
    { id: "out", type: "helper", ...at },
  ];
  if (variant !== "node") nodes.push(require("@node-red/nodes/core/function/10-function.js"));
  await helper.load(nodes, flow, { cfg: { token: TOKEN } });
  withoutSpies(["work"]);
  const work = helper.getNode("work");
  const out = helper.getNode("out");
  const runBatch = (count) =>
    new Promise((resolve, reject) => {
      let seen = 0;
      const onMsg = (msg) => {
        if (!Array.isArray(msg.payload) && typeof msg.payload?.label !== "string") return reject(new Error(`bad result ${JSON.stringify(msg.payload)}`));
        if (++seen === count) {
          out.off("input", onMsg);
          resolve();
        }
      };
      out.on("input", onMsg);
      for (let i = 0; i < count; i++) work.receive({ payload: `text number ${i}` });
    });
  await runBatch(Math.min(1000, msgs)); // warm-up
  const start = performance.now();
  await runBatch(msgs);
  const seconds = (performance.now() - start) / 1000;
  return { msgsPerSecond: msgs / seconds };
}

/** N msgs at once through a batchable task node against the 20 ms-per-request server, batched or not. */
async function batching({ url, task, msgs, concurrency, batchSize }) {
  const nodes = [require(path.join(ROOT, "dist/nodes/hf-config.js")), require(path.join(ROOT, "dist/nodes/hf-tasks.js"))];
  const endpoint = `${url}/slow/${task === "feature-extraction" ? "features" : "classify"}`;
  await helper.load(nodes, [
    { id: "tab", type: "tab" },
    { id: "cfg", z: "tab", type: "hf-config", endpointUrl: endpoint, maxRetries: 0, concurrency, queueLimit: msgs },
    { id: "work", type: `hf-${task}`, ...at, config: "cfg", batchSize, batchWindow: 20, wires: [["out"]] },
    { id: "out", type: "helper", ...at },
  ], { cfg: { token: TOKEN } });
  withoutSpies(["work"]);
  const count = async () => (await (await fetch(`${url}/slow/count`, { method: "POST", body: "{}" })).json()).requests;
  const before = await count();
  const start = performance.now();
  await new Promise((resolve, reject) => {
    let seen = 0;
    helper.getNode("out").on("input", (msg) => {
      if (!Array.isArray(msg.payload)) return reject(new Error(`bad result ${JSON.stringify(msg.payload)}`));
      if (++seen === msgs) resolve();
    });
    for (let i = 0; i < msgs; i++) helper.getNode("work").receive({ payload: `text number ${i}` });
  });
  const seconds = (performance.now() - start) / 1000;
  return { msgsPerSecond: msgs / seconds, requests: (await count()) - before };
}

async function chatStream({ url, runs }) {
  const nodes = [require(path.join(ROOT, "dist/nodes/hf-config.js")), require(path.join(ROOT, "dist/nodes/hf-chat.js"))];
  await helper.load(nodes, [
    { id: "tab", type: "tab" },
    { id: "cfg", z: "tab", type: "hf-config", endpointUrl: url, maxRetries: 0 },
    { id: "chat", type: "hf-chat", ...at, config: "cfg", model: "bench-model", stream: true, wires: [["deltas"], ["final"]] },
    { id: "deltas", type: "helper", ...at },
    { id: "final", type: "helper", ...at },
  ], { cfg: { token: TOKEN } });
  withoutSpies(["chat"]);
  const once = () =>
    new Promise((resolve, reject) => {
      let deltas = 0;
      const onDelta = () => deltas++;
      helper.getNode("deltas").on("input", onDelta);
      helper.getNode("final").once("input", (msg) => {
        helper.getNode("deltas").off("input", onDelta);
        if (typeof msg.payload !== "string") return reject(new Error("no final text"));
        resolve(deltas);
      });
      helper.getNode("chat").receive({ payload: "Tell me a long story" });
    });
  await once(); // warm-up
  const rates = [];
  let tokens = 0;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    tokens = await once();
    rates.push(tokens / ((performance.now() - start) / 1000));
  }
  rates.sort((a, b) => a - b);
  return { tokensPerSecond: rates[Math.floor(rates.length / 2)], tokens };
}

async function chatMemory({ url, backend, redisUrl, sessions, turns }) {
  const nodes = ["hf-config", "hf-chat", "hf-memory"].map((n) => require(path.join(ROOT, `dist/nodes/${n}.js`)));
  const prefix = `bench:${process.pid}:`;
  await helper.load(nodes, [
    { id: "tab", type: "tab" },
    { id: "cfg", z: "tab", type: "hf-config", endpointUrl: url, maxRetries: 0, concurrency: sessions },
    { id: "mem", type: "hf-memory", backend, url: redisUrl, keyPrefix: prefix, maxTurns: 10, ttl: 600 },
    { id: "chat", type: "hf-chat", ...at, config: "cfg", model: "bench-model", stream: false, memoryStore: "mem", wires: [[], ["final"]] },
    { id: "final", type: "helper", ...at },
  ], { cfg: { token: TOKEN } });
  withoutSpies(["chat"]);
  const waiting = new Map();
  helper.getNode("final").on("input", (msg) => waiting.get(msg.topic)?.(msg));
  const turn = (topic, i) =>
    new Promise((resolve) => {
      waiting.set(topic, resolve);
      helper.getNode("chat").receive({ topic, payload: `turn ${i}` });
    });
  const converse = (n) => Promise.all(Array.from({ length: sessions }, async (_, s) => {
    for (let i = 0; i < n; i++) await turn(`s${s}`, i);
  }));
  await converse(5); // warm-up (and the Redis connection)
  const start = performance.now();
  await converse(turns);
  const seconds = (performance.now() - start) / 1000;
  const result = { turnsPerSecond: (sessions * turns) / seconds };
  if (backend === "redis") {
    // A turn's own Redis work, alone: one LRANGE (load) and one MULTI (append, trim, expire), sequentially.
    const { createClient } = require("redis");
    const client = createClient({ url: redisUrl });
    await client.connect();
    const key = `${prefix}roundtrip`;
    const n = 2000;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) {
      await client.lRange(key, 0, -1);
      await client.multi().rPush(key, JSON.stringify([{ role: "user", content: "hi" }, { role: "assistant", content: "ok" }])).lTrim(key, -10, -1).expire(key, 600).exec();
    }
    result.redisTurnUs = ((performance.now() - t0) * 1000) / n;
    await client.del(key);
    await client.destroy();
  }
  return result;
}

/**
 * The test helper wraps Node.prototype.send, status, log... in sinon spies that record every call and its msg:
 * at tens of thousands of msgs that bookkeeping, not the nodes, is what gets measured. Put the originals back.
 */
const SPIED = ["log", "status", "warn", "error", "debug", "trace", "send"];
let originals;
function saveOriginals() {
  originals = { log: helper._log.log, node: Object.fromEntries(SPIED.map((m) => [m, helper._NodePrototype[m]])) };
}
function withoutSpies(nodeIds) {
  const spiedSend = helper._NodePrototype.send;
  for (const m of SPIED) helper._NodePrototype[m] = originals.node[m];
  helper._log.log = originals.log;
  // Wired nodes keep their own reference to send (Node#updateWires): swap that one too.
  for (const id of nodeIds) {
    const node = helper.getNode(id);
    if (node.send === spiedSend) node.send = originals.node.send;
  }
}

async function main() {
  helper.init(require.resolve("node-red"), { functionGlobalContext: { undici: require("undici") } });
  await helper.startServer();
  saveOriginals();
  try {
    if (spec.kind === "batching") return await batching(spec);
    if (spec.kind === "chat-memory") return await chatMemory(spec);
    return spec.kind === "classify" ? await classify(spec) : await chatStream(spec);
  } finally {
    await helper.unload();
    await helper.stopServer();
  }
}

main().then(
  (result) => {
    process.stdout.write(JSON.stringify(result) + "\n");
    process.exit(0);
  },
  (err) => {
    process.stderr.write(`flow ${spec.kind}: ${err.stack}\n`);
    process.exit(1);
  },
);
