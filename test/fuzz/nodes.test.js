"use strict";
// Fuzzes every node type the pack registers (discovered from package.json "node-red".nodes, so new nodes are
// fuzzed when they land) with seeded random msgs: hostile types, sizes, deep nesting, __proto__ keys, invalid UTF-8.
// Each msg must end in exactly one outcome (a sent result or one done(err) with a clear message), with no crash,
// no unhandled rejection and no prototype pollution.
const path = require("node:path");
const should = require("should");
const helper = require("node-red-node-test-helper");
const catchNode = require("@node-red/nodes/core/common/25-catch.js");
const { prng, makeValues, makeMsg, PNG_1PX } = require("./random");
const { startFaultServer, chatAnswer, sse, until } = require("../faults/fault-server");
const { keepTrafficLocal } = require("./local-only");

helper.init(require.resolve("node-red"));

const ROOT = path.resolve(__dirname, "../..");
const SEED = Number(process.env.FUZZ_SEED ?? 0x5eed);
const MSGS_PER_TYPE = Number(process.env.FUZZ_MSGS ?? 60);

/** The pack's node modules, and the types each registers (recorded by a stand-in RED that accepts anything). */
function discoverTypes() {
  const pkg = require(path.join(ROOT, "package.json"));
  const modules = Object.entries(pkg["node-red"].nodes).map(([name, file]) => ({ name, fn: require(path.join(ROOT, file)) }));
  const types = [];
  const anything = () =>
    new Proxy(function () {}, { get: (t, key) => (key === "then" ? undefined : anything()), apply: () => anything() });
  for (const mod of modules) {
    const red = new Proxy(
      { nodes: new Proxy({}, { get: (t, key) => (key === "registerType" ? (type) => types.push({ type, module: mod.name }) : anything()) }) },
      { get: (t, key) => (key in t ? t[key] : key === "then" ? undefined : anything()) },
    );
    try {
      mod.fn(red);
    } catch {
      /* registration reached for something the stand-in cannot give; the types recorded so far still count */
    }
  }
  return { modules: modules.map((m) => m.fn), types };
}

/** What the fake provider answers, by what the request asks for: enough for most nodes to also succeed. */
function answer(req, res, body) {
  const url = req.url;
  // The Hub's mapping for a routed node's model `fuzz/<task>`: served by hf-inference for that task.
  const hub = /^\/__remote\/huggingface\.co\/api\/models\/fuzz\/([^?]+)/.exec(url);
  if (hub) {
    res.writeHead(200, { "content-type": "application/json" });
    const mapping = { "hf-inference": { providerId: `fuzz/${hub[1]}`, status: "live", task: hub[1] } };
    return res.end(JSON.stringify({ id: `fuzz/${hub[1]}`, inferenceProviderMapping: mapping }));
  }
  let parsed;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch {
    parsed = undefined;
  }
  if (/chat\/completions/.test(url)) {
    if (parsed?.stream) return sse(["fuzz", "ed"])(req, res);
    res.writeHead(200, { "content-type": "application/json" });
    return res.end(JSON.stringify(chatAnswer("fuzzed")));
  }
  if (/text-to-image|image-to-image|text-to-speech|audio-to-audio|text-to-video|image-to-video/.test(url)) {
    res.writeHead(200, { "content-type": "image/png" });
    return res.end(PNG_1PX);
  }
  res.writeHead(200, { "content-type": "application/json" });
  if (/speech-recognition|image-to-text/.test(url)) return res.end(JSON.stringify({ text: "fuzzed", generated_text: "fuzzed" }));
  if (/summarization|translation|text-generation/.test(url)) {
    return res.end(JSON.stringify([{ summary_text: "s", translation_text: "t", generated_text: "g" }]));
  }
  return res.end(JSON.stringify([[{ label: "POSITIVE", score: 0.9 }, { label: "NEGATIVE", score: 0.1 }]]));
}

/** Messages that mean our code broke rather than that the input was refused. */
const INTERNAL_ERROR = /Cannot read propert|Cannot set propert|is not a function|is not iterable|is not defined|Maximum call stack|Unexpected token|\[object Object\]|undefined \(reading/;

const { modules, types } = discoverTypes();

/** The Hugging Face task a node type runs (the Hub's name for chat is "conversational"). */
function taskOf(type) {
  return /^hf-(chat|agent)$/.test(type) ? "conversational" : type.replace(/^hf-/, "");
}

describe("fuzz: every node type survives hostile msgs", function () {
  this.timeout(120_000);
  let server;
  let restoreDispatcher;
  const crashes = [];
  const onCrash = (err) => crashes.push(err);

  before(async function () {
    server = await startFaultServer(answer);
    restoreDispatcher = keepTrafficLocal(server.url);
    process.on("uncaughtException", onCrash);
    process.on("unhandledRejection", onCrash);
  });
  after(async function () {
    process.off("uncaughtException", onCrash);
    process.off("unhandledRejection", onCrash);
    await restoreDispatcher();
    await server.stop();
  });
  beforeEach(function (done) {
    crashes.length = 0;
    helper.startServer(done);
  });
  afterEach(function (done) {
    helper.unload().then(() => helper.stopServer(done));
  });

  it("discovers the pack's node types from package.json", function () {
    types.map((t) => t.type).should.containEql("hf-config");
    types.map((t) => t.type).should.containEql("hf-text-classification");
    types.length.should.be.above(2);
  });

  for (const { type } of types) {
    // Each type's own seed: adding a node type does not change the msgs another type gets.
    const seed = (SEED ^ [...type].reduce((h, c) => Math.imul(h, 31) + c.charCodeAt(0), 7)) >>> 0;
    it(`${type}: ${MSGS_PER_TYPE} random msgs, one outcome each (seed ${seed})`, async function () {
      const at = { x: 100, y: 100, z: "tab" };
      const flow = [
        { id: "tab", type: "tab" },
        { id: "cfg", z: "tab", type: "hf-config", endpointUrl: `${server.url}/ep/${type}`, maxRetries: 0, timeout: 20, concurrency: 8 },
        ...(types.some((t) => t.type === "hf-mcp-server")
          ? [{ id: "mcp", z: "tab", type: "hf-mcp-server", transport: "http", url: `${server.url}/mcp` }]
          : []),
        { id: "node", type, ...at, config: "cfg", server: "mcp", servers: [], wires: [["r0"], ["r1"], ["r2"]] },
        // The same node type routed through the (local stand-ins of the) Hub and router, so msg.provider matters.
        { id: "routedCfg", z: "tab", type: "hf-config", provider: "auto", maxRetries: 0, timeout: 20, concurrency: 8 },
        { id: "routed", type, ...at, config: "routedCfg", model: `fuzz/${taskOf(type)}`, server: "mcp", servers: [], wires: [["r0"], ["r1"], ["r2"]] },
        { id: "catch", type: "catch", ...at, scope: null, uncaught: false, wires: [["caught"]] },
        ...["r0", "r1", "r2", "caught"].map((id) => ({ id, type: "helper", ...at })),
      ];
      await helper.load([...modules, catchNode], flow);
      const node = helper.getNode("node");
      const routed = helper.getNode("routed");
      if (!node) throw new Error(`${type} did not start: ${JSON.stringify(helper.log().args.map((a) => a[0].msg).filter((m) => /rror/.test(String(m))))}`);
      // Node-RED keeps input handlers apart from other listeners.
      if (!node._inputCallback && !node._inputCallbacks?.length) {
        // A config node: starting it with a hostile-free default config is all there is to check.
        crashes.should.eql([]);
        return;
      }

      const outcomes = new Map();
      const errors = [];
      const record = (id, what) => outcomes.set(id, (outcomes.get(id) ?? []).concat(what));
      for (const out of ["r0", "r1", "r2"]) {
        helper.getNode(out).on("input", (msg) => {
          const isDelta = msg.parts && msg.parts.ch === "" && !msg.complete;
          if (!isDelta) record(msg._msgid, `sent on ${out}`);
        });
      }
      helper.getNode("caught").on("input", (msg) => {
        record(msg._msgid, "error");
        errors.push({ id: msg._msgid, message: msg.error?.message });
      });
      const statuses = [];
      node.on("call:status", (call) => statuses.push(call.args[0]));
      routed.on("call:status", (call) => statuses.push(call.args[0]));

      const r = prng(seed);
      const values = makeValues(r);
      const ids = [];
      for (let i = 0; i < MSGS_PER_TYPE; i++) {
        const msg = makeMsg(r, values, `${type}-${i}`);
        const target = i % 2 ? routed : node;
        msg._msgid += target === routed ? "-routed" : "";
        ids.push(msg._msgid);
        try {
          target.receive(msg);
        } catch (err) {
          throw new Error(`${type} threw synchronously on msg ${i} (seed ${seed}): ${err.stack}`);
        }
      }
      await until(() => ids.every((id) => outcomes.has(id)), `an outcome for every msg (missing: ${ids.filter((id) => !outcomes.has(id)).slice(0, 5)})`, 60_000);
      await new Promise((resolve) => setTimeout(resolve, 200)); // room for a duplicate outcome to show up

      if (process.env.FUZZ_VERBOSE) {
        const sent = [...outcomes.values()].filter((o) => o[0] !== "error").length;
        console.log(`      ${type}: ${sent} sent, ${errors.length} errors, ${server.requests.length} requests so far`);
        for (const e of errors.slice(0, Number(process.env.FUZZ_VERBOSE))) console.log(`        ${e.id}: ${e.message.slice(0, 160)}`);
      }
      crashes.map(String).should.eql([]);
      for (const id of ids) outcomes.get(id).length.should.equal(1, `${id}: ${outcomes.get(id).join(", ")}`);
      for (const { id, message } of errors) {
        should(message).be.a.String();
        message.length.should.be.within(5, 2000, `${id}: error message of length ${message.length}`);
        message.should.not.match(INTERNAL_ERROR, `${id}: "${message}" looks like a bug, not a refusal`);
      }
      for (const status of statuses) {
        if (status.text !== undefined) status.text.should.be.a.String();
      }
      should(Object.prototype.polluted).be.undefined();
      should({}.polluted).be.undefined();
    });
  }
});
