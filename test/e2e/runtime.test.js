"use strict";
// End to end: the pack as a user gets it (npm pack -> npm install into a fresh user dir) inside a real Node-RED
// process, driven only through the admin API (GET /nodes, POST /flows, POST /inject/:id), talking to a fake
// provider on 127.0.0.1. Node types and examples are discovered, not listed here.
require("should");
const { startNodeRed, nodeRedVersion, nodeBin, exampleFlows, PKG } = require("./runtime");
const { ALL_TYPES, CONFIG_TYPES } = require("./contract-types");
const { FakeProvider, PNG } = require("./provider");
const { collector, errorCollector, doneCollector, tab, inject, uid } = require("./flows");
const { execFileSync } = require("node:child_process");

const TOKEN = "hf_e2eSecretToken0123456789abcdef";
const runtimeLabel = `Node-RED ${nodeRedVersion()} on Node ${execFileSync(nodeBin(), ["--version"], { encoding: "utf8" }).trim()}`;

/** The Hugging Face task a node type reports in msg.hf.task. */
function taskOf(type) {
  return type === "hf-chat" || type === "hf-agent" ? "conversational" : type.replace(/^hf-/, "");
}

describe(`e2e: the packed pack in ${runtimeLabel}`, function () {
  this.timeout(120000);
  let red;
  let fake;
  let nodeSets;
  let registered;

  before(async function () {
    fake = await new FakeProvider().start();
    red = await startNodeRed({ HF_ENDPOINT: fake.url });
    const res = await red.api("GET", "/nodes");
    res.status.should.equal(200);
    nodeSets = res.json.filter((set) => set.module === PKG.name);
    registered = new Set(nodeSets.flatMap((set) => set.types));
  });

  after(async function () {
    if (red) {
      await red.stop();
      red.killGroup();
    }
    if (fake) await fake.stop();
  });

  describe("installation", function () {
    it("loads every node file package.json declares, without load errors", function () {
      const declared = Object.keys(PKG["node-red"].nodes).sort();
      nodeSets.map((set) => set.name).sort().should.eql(declared);
      for (const set of nodeSets) {
        should(set.err === undefined).be.true(`node set ${set.name}: ${set.err}`);
        set.enabled.should.be.true();
        set.version.should.equal(PKG.version);
      }
    });

    for (const type of ALL_TYPES) {
      it(`registers the contract's ${type}`, function () {
        registered.has(type).should.be.true(`${type} is not registered; the pack registers: ${[...registered].join(", ")}`);
      });
    }

    it("registers only hf- types, and serves an editor and help for each", async function () {
      const types = [...registered];
      types.length.should.be.above(0);
      for (const t of types) t.should.startWith("hf-");
      const res = await fetch(`${red.url}/nodes`, { headers: { accept: "text/html" } });
      const html = await res.text();
      for (const t of types) {
        html.should.containEql(`data-template-name="${t}"`);
        html.should.containEql(`data-help-name="${t}"`);
      }
    });

    it("logged no error or warning while loading the pack", function () {
      const problems = red.problems().filter((l) => /hf-|huggingface|node-red-inference/i.test(l));
      problems.should.eql([]);
    });
  });

  describe("examples", function () {
    const examples = exampleFlows();

    it("ship with the package (examples/ in package.json files)", function () {
      examples.length.should.be.above(0, "no examples/**/*.json");
      PKG.files.should.containEql("examples");
    });

    it("cover every flow node type of the pack (node-red-dev N02)", function () {
      const used = new Set(examples.flatMap(([, flow]) => flow.map((n) => n.type)));
      const missing = [...registered].filter((t) => !CONFIG_TYPES.includes(t) && !used.has(t));
      missing.should.eql([], `no example uses ${missing.join(", ")}`);
    });

    it("hold no token or credentials", function () {
      for (const [file, flow] of examples) {
        const text = JSON.stringify(flow);
        text.should.not.match(/hf_[A-Za-z0-9]{20,}/, file);
        for (const n of flow) should(n.credentials === undefined).be.true(`${file}: ${n.id} has credentials`);
      }
    });

    for (const [file, flow] of examples) {
      it(`${file} deploys with no unknown type and no error`, async function () {
        const from = await red.deploy(onTab(flow));
        const missing = red.lines.slice(from).filter((l) => /missing types|Unknown type|unknown/i.test(l));
        missing.should.eql([]);
        const deployed = await red.api("GET", "/flows");
        const ids = new Set((Array.isArray(deployed.json) ? deployed.json : deployed.json.flows).map((n) => n.id));
        for (const n of flow) ids.has(n.id).should.be.true(`${file}: node ${n.id} (${n.type}) not in the running flows`);
        red.problems(from).should.eql([]);
      });
    }

    for (const [file, flow] of examples) {
      it(`${file} runs: each inject ends in done() or a caught error, recorded answers give results`, async function () {
        fake.reset();
        const { nodes, hfNodes, injects } = rewireExample(flow, fake);
        if (!injects.length) this.skip();
        const from = await red.deploy(nodes);
        for (const id of injects) {
          const before = fake.collected.length;
          (await red.api("POST", `/inject/${id}`)).status.should.equal(200);
          // The end of a msg: a Complete node saw done() on an hf node, or a Catch node saw an error.
          await fake.next((e) => fake.collected.indexOf(e) >= before && (e.tag === "error" || e.tag.startsWith("done-")), 30000);
          await settle(fake);
        }
        const text = JSON.stringify(fake.collected) + red.lines.slice(from).join("\n");
        text.should.not.containEql(TOKEN);
        for (const e of fake.collected.filter((c) => c.tag === "error")) {
          e.msg.error.message.should.be.a.String().and.not.be.empty();
          if (e.msg.error.source && hfNodes.has(e.msg.error.source.id)) e.msg.hf.task.should.equal(taskOf(e.msg.error.source.type));
        }
        // Where the fake endpoint replayed a recorded 200 answer, the node must have turned it into a result.
        for (const [id, type] of hfNodes) {
          if (fake.answeredWith.get(id) !== "tape") continue;
          const results = fake.collected.filter((c) => c.tag.startsWith(`${id}-`));
          results.length.should.be.above(0, `${type} ${id} got a recorded answer but sent no result`);
          const last = results[results.length - 1].msg;
          last.hf.task.should.equal(taskOf(type));
          should.exist(last.payload);
        }
        if (process.env.E2E_VERBOSE) console.log(JSON.stringify({ answered: [...fake.answeredWith], tags: fake.collected.map((c) => c.tag + (c.msg.error ? ":" + c.msg.error.message : "")) }).slice(0, 600));
        (await red.api("GET", "/settings")).status.should.equal(200);
      });
    }
  });

  describe("running flows against a fake provider", function () {
    /** Deploys inject -> node -> collectors (one per output) plus a catch; returns ids and tags. */
    async function deployOne(type, props, { payload = "", payloadType = "str", outputs = 1 } = {}) {
      registered.has(type).should.be.true(`${type} is not registered`);
      const t = tab(`e2e ${type}`);
      const config = { id: uid("cfg"), type: "hf-config", name: "e2e", provider: "auto", endpointUrl: fake.endpoint("node"), timeout: 30, maxRetries: 0, concurrency: 2, credentials: { token: TOKEN } };
      const nodeId = uid("node");
      const collectors = [...Array(outputs).keys()].map((i) => collector(t.id, fake.url, `out${i}`));
      const node = { id: nodeId, type, z: t.id, name: "", config: config.id, model: "", provider: "", parameters: "", allowUrlInputs: false, ...props, x: 300, y: 100, wires: collectors.map((c) => [c.entry]) };
      const inj = inject(t.id, payload, payloadType, [nodeId]);
      const from = await red.deploy([t, config, inj, node, ...collectors.flatMap((c) => c.nodes), ...errorCollector(t.id, fake.url)]);
      return { inject: inj.id, nodeId, from };
    }

    beforeEach(function () {
      fake.reset();
    });

    it("hf-text-classification: a text in, the sorted label list out, the token only in the Authorization header", async function () {
      fake.answer("node", (req, res) => {
        res.writeHead(200, { "content-type": "application/json", "x-request-id": "req-e2e-1" });
        res.end(JSON.stringify([[{ label: "NEGATIVE", score: 0.1 }, { label: "POSITIVE", score: 0.9 }]]));
      });
      const { inject: id, from } = await deployOne("hf-text-classification", { model: "distilbert/distilbert-base-uncased-finetuned-sst-2-english" }, { payload: "I love it" });
      (await red.api("POST", `/inject/${id}`)).status.should.equal(200);
      const { msg } = await fake.next("out0");
      msg.payload.should.eql([{ label: "POSITIVE", score: 0.9 }, { label: "NEGATIVE", score: 0.1 }]);
      msg.hf.task.should.equal("text-classification");
      msg.hf.model.should.equal("distilbert/distilbert-base-uncased-finetuned-sst-2-english");
      msg.hf.requestId.should.equal("req-e2e-1");
      const calls = fake.requests.filter((r) => r.key === "node");
      calls.should.have.length(1);
      calls[0].json().inputs.should.equal("I love it");
      calls[0].headers.authorization.should.equal(`Bearer ${TOKEN}`);
      red.lines.slice(from).join("\n").should.not.containEql(TOKEN);
      JSON.stringify(fake.collected).should.not.containEql(TOKEN);
    });

    it("hf-text-to-image: the image comes out as a Buffer with its content type", async function () {
      fake.answer("node", (req, res) => {
        res.writeHead(200, { "content-type": "image/png" });
        res.end(PNG);
      });
      const { inject: id } = await deployOne("hf-text-to-image", { model: "black-forest-labs/FLUX.1-schnell" }, { payload: "a red square" });
      (await red.api("POST", `/inject/${id}`)).status.should.equal(200);
      const { msg } = await fake.next("out0");
      Buffer.from(msg.payload.buffer, "base64").equals(PNG).should.be.true();
      msg.contentType.should.equal("image/png");
      msg.hf.task.should.equal("text-to-image");
      msg.hf.output.should.eql({ contentType: "image/png", bytes: PNG.length });
      fake.requests.filter((r) => r.key === "node")[0].json().inputs.should.equal("a red square");
    });

    it("a provider error reaches a Catch node with msg.hf, and the runtime keeps running", async function () {
      fake.answer("node", (req, res) => {
        res.writeHead(500, { "content-type": "application/json", "x-request-id": "req-e2e-err" });
        res.end(JSON.stringify({ error: "the GPU caught fire" }));
      });
      const { inject: id, nodeId, from } = await deployOne("hf-text-classification", { model: "some/model" }, { payload: "hello" });
      (await red.api("POST", `/inject/${id}`)).status.should.equal(200);
      const { msg } = await fake.next("error");
      msg.error.message.should.containEql("the GPU caught fire");
      msg.error.source.id.should.equal(nodeId);
      msg.hf.should.containEql({ task: "text-classification", model: "some/model", status: 500 });
      msg.payload.should.equal("hello");
      fake.collected.filter((c) => c.tag === "out0").should.have.length(0);
      (await red.api("GET", "/settings")).status.should.equal(200);
      red.lines.slice(from).join("\n").should.not.containEql(TOKEN);
    });

    it("hf-chat streams deltas on output 1 (join-compatible) and the full text on output 2", async function () {
      const deltas = ["Hel", "lo", " from", " the", " fake"];
      fake.answer("node", (req, res) => {
        res.writeHead(200, { "content-type": "text/event-stream" });
        for (const [i, d] of deltas.entries()) {
          res.write(`data: ${JSON.stringify({ id: "c1", object: "chat.completion.chunk", created: 1, model: "m", choices: [{ index: 0, delta: i === 0 ? { role: "assistant", content: d } : { content: d }, finish_reason: null }] })}\n\n`);
        }
        res.write(`data: ${JSON.stringify({ id: "c1", object: "chat.completion.chunk", created: 1, model: "m", choices: [{ index: 0, delta: {}, finish_reason: "stop" }], usage: { prompt_tokens: 3, completion_tokens: 5, total_tokens: 8 } })}\n\n`);
        res.end("data: [DONE]\n\n");
      });
      const { inject: id } = await deployOne("hf-chat", { model: "meta-llama/Llama-3.1-8B-Instruct", stream: true, systemPrompt: "Be brief.", responseFormat: "text", memory: false }, { payload: "Say hello", outputs: 2 });
      (await red.api("POST", `/inject/${id}`)).status.should.equal(200);
      const final = await fake.next("out1");
      await settle(fake);
      final.msg.payload.should.equal(deltas.join(""));
      final.msg.hf.task.should.equal("conversational");
      const streamed = fake.collected.filter((c) => c.tag === "out0").map((c) => c.msg);
      streamed.map((m) => m.payload).join("").should.equal(deltas.join(""));
      streamed.forEach((m, i) => m.parts.should.containEql({ index: i, type: "string", ch: "" }));
      streamed[streamed.length - 1].complete.should.be.true();
      streamed[streamed.length - 1].parts.count.should.equal(streamed.length);
      const body = fake.requests.find((r) => r.key === "node").json();
      body.stream.should.be.true();
      body.messages.should.eql([{ role: "system", content: "Be brief." }, { role: "user", content: "Say hello" }]);
    });
  });

  describe("shutdown", function () {
    it("stops cleanly on SIGINT and leaves no process behind", async function () {
      const exit = await red.stop();
      exit.should.eql({ code: 0, signal: null });
      red.groupAlive().should.be.false();
    });
  });
});

/**
 * Gives each hf node of an example its own hf-config pointed at the fake endpoint `/ep/<node id>/models/<model>`,
 * wires a collector to each of its outputs and adds a catch per tab. Returns the rewired flow, the hf nodes
 * (id -> type) and the inject node ids.
 */
function rewireExample(flow, fake) {
  const nodes = onTab(flow);
  const configs = new Map(nodes.filter((n) => n.type === "hf-config").map((n) => [n.id, n]));
  const hfNodes = new Map();
  const extra = [];
  const tabs = new Set();
  for (const n of nodes) {
    if (!n.z) continue;
    tabs.add(n.z);
    if (!n.type.startsWith("hf-") || !Array.isArray(n.wires)) continue;
    hfNodes.set(n.id, n.type);
    extra.push(...doneCollector(n.z, fake.url, n.id));
    if (n.config && configs.has(n.config)) {
      const own = { ...configs.get(n.config), id: `${n.id}cfg`, endpointUrl: `${fake.endpoint(n.id)}/models/${n.model || "none"}`, maxRetries: 0, timeout: 20, credentials: { token: TOKEN } };
      delete own.z;
      extra.push(own);
      n.config = own.id;
    }
    n.wires.forEach((wires, i) => {
      const c = collector(n.z, fake.url, `${n.id}-${i}`);
      wires.push(c.entry);
      extra.push(...c.nodes);
    });
  }
  for (const z of tabs) extra.push(...errorCollector(z, fake.url));
  const injects = nodes.filter((n) => n.type === "inject").map((n) => n.id);
  return { nodes: [...nodes, ...extra], hfNodes, injects };
}

/**
 * Example files (as Node-RED's own) may leave out the tab: the editor imports them into the current one. Deployed
 * through the admin API such nodes would not run, so they go on a new tab (config nodes, which have no position
 * or wires, stay global).
 */
function onTab(flow) {
  const nodes = JSON.parse(JSON.stringify(flow));
  const orphans = nodes.filter((n) => !n.z && n.type !== "tab" && n.type !== "subflow" && (Array.isArray(n.wires) || "x" in n));
  if (!orphans.length) return nodes;
  const t = tab("example");
  for (const n of orphans) n.z = t.id;
  return [t, ...nodes];
}

/** Waits until nothing new has been collected for a short while (streams and chained nodes finish). */
async function settle(fake, quietMs = 400) {
  let count = -1;
  while (count !== fake.collected.length) {
    count = fake.collected.length;
    await new Promise((r) => setTimeout(r, quietMs));
  }
}
