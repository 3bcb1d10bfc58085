"use strict";
// A msg is untrusted: whatever routing or credential key it carries (in msg.parameters, in a payload object, at
// its top level), requests go only where the hf-config node says, with its token. Every node type runs in a real
// Node-RED runtime against a local server standing in for the Hub, the router and an endpoint; a second local
// server (the trap) stands for an attacker's host and must never see a request.
const should = require("should");
const { helper, coreNode, ourNode, useLocalHub } = require("../support/red");
const { FakeServer, mappingAnswer } = require("../support/fake-server");
const { startMcpHttpServer } = require("../support/mcp-http-server");
const lib = require("../../dist/lib");
const { TASK_NODES, nodeType } = require("../../dist/nodes/task-table");
const { ROW_CASES } = require("../nodes/tasks/row-cases");

const configNode = ourNode("hf-config");
const NODES = [configNode, ourNode("hf-tasks"), ourNode("hf-chat"), ourNode("hf-mcp-server"), ourNode("hf-agent"), coreNode("common/25-catch.js")];

const TOKEN = "hf_accountToken_0123456789";
const ATTACKER_TOKEN = "hf_attackerToken_9876543210";
const CHAT_MODEL = "org/chat-model";

/** The keys an attacker would try, with the value that would send a request elsewhere or swap the credential. */
const attacks = (trapUrl) => ({
  endpointUrl: `${trapUrl}/x`,
  baseURL: `${trapUrl}/v1`,
  accessToken: ATTACKER_TOKEN,
  apiKey: ATTACKER_TOKEN,
  hubUrl: trapUrl,
  routerUrl: trapUrl,
  billTo: "attacker-org",
  provider: "together",
});

/** Every way a msg may carry one key: in msg.parameters, at its top level, inside an object payload. */
function attackMsgs(base, trapUrl) {
  const msgs = [];
  for (const [key, value] of Object.entries(attacks(trapUrl))) {
    msgs.push({ where: `msg.parameters.${key}`, msg: { ...base, parameters: { [key]: value } } });
    msgs.push({ where: `msg.${key}`, msg: { ...base, [key]: value } });
    const payload = base.payload;
    if (payload && typeof payload === "object" && !Array.isArray(payload) && !Buffer.isBuffer(payload)) {
      msgs.push({ where: `msg.payload.${key}`, msg: { ...base, payload: { ...payload, [key]: value } } });
    }
  }
  return msgs;
}

/** An OpenAI-style chat answer, streamed when the request asks for it. */
function chatAnswer(req, res, body) {
  const stream = JSON.parse(body.toString("utf8")).stream === true;
  if (stream) {
    res.writeHead(200, { "content-type": "text/event-stream" });
    const chunk = { id: "c", object: "chat.completion.chunk", created: 1, model: "m", choices: [{ index: 0, delta: { role: "assistant", content: "fine" }, finish_reason: "stop" }] };
    return res.end(`data: ${JSON.stringify(chunk)}\n\ndata: [DONE]\n\n`);
  }
  res.writeHead(200, { "content-type": "application/json" });
  res.end(JSON.stringify({ id: "c", object: "chat.completion", created: 1, model: "m", choices: [{ index: 0, message: { role: "assistant", content: "fine" }, finish_reason: "stop" }] }));
}

describe("security: a msg never decides where a request goes or which credential it carries", function () {
  this.timeout(60000);
  const local = useLocalHub();
  let trap;
  let mcp;
  before(async function () {
    trap = await new FakeServer().start();
    mcp = await startMcpHttpServer();
  });
  after(async function () {
    await trap.stop();
    await mcp.stop();
  });
  beforeEach(function () {
    trap.reset();
  });

  const load = (flow) => new Promise((resolve, reject) => helper.load(NODES, flow, { cfg: { token: TOKEN } }, (err) => (err ? reject(err) : resolve())));
  const flow = (node, config = {}) => [
    { id: "f1", type: "tab" },
    { id: "cfg", type: "hf-config", name: "account", maxRetries: 0, ...config },
    { id: "srv", type: "hf-mcp-server", name: "tools", transport: "http", url: mcp.url },
    { id: "n1", z: "f1", config: "cfg", wires: [["out"], ["out"]], ...node },
    { id: "out", z: "f1", type: "helper" },
    { id: "catcher", z: "f1", type: "catch", scope: ["n1"], uncaught: false, wires: [["caught"]] },
    { id: "caught", z: "f1", type: "helper" },
  ];

  /** Sends one msg; resolves with the final result msg or the error, whichever comes first. */
  function send(msg, isFinal = () => true) {
    const out = helper.getNode("out");
    const caught = helper.getNode("caught");
    let onOut;
    let onCaught;
    const result = new Promise((resolve) => {
      onOut = (m) => isFinal(m) && resolve({ msg: m });
      onCaught = (m) => resolve({ error: m.error });
      out.on("input", onOut);
      caught.on("input", onCaught);
    }).finally(() => {
      out.off("input", onOut);
      caught.off("input", onCaught);
    });
    helper.getNode("n1").receive(msg);
    return result;
  }

  /** Sends every attack msg; after each, the trap saw nothing and the account's server saw only the account's token. */
  async function expectContained(base, label, isFinal) {
    for (const { where, msg } of attackMsgs(base, trap.url)) {
      local.server.requests = [];
      const { error } = await send(structuredClone(msg), isFinal);
      trap.requests.map((r) => `${r.method} ${r.url}`).should.eql([], `${label}: ${where} reached the trap`);
      for (const r of local.server.requests) {
        should(r.headers.authorization).equal(`Bearer ${TOKEN}`, `${label}: ${where} changed the credential (${r.url})`);
        should(r.headers["x-hf-bill-to"], `${label}: ${where} set who is billed`).be.undefined();
        if (r.method === "POST") r.url.should.not.match(/together/, `${label}: ${where} changed the fixed provider`);
      }
      // A routing key in msg.parameters or in a payload's parameters is refused with a clear error.
      if (/^msg\.parameters\./.test(where) || (/^msg\.payload\./.test(where) && where !== "msg.payload.provider" && label.startsWith("hf-chat"))) {
        should.exist(error, `${label}: ${where} was accepted`);
        error.message.should.match(/is not allowed from a msg/);
      }
    }
  }

  it("every task node of the task table", async function () {
    for (const row of TASK_NODES) {
      const c = ROW_CASES[row.task];
      const model = `org/${row.task}-model`;
      local.server.reset();
      lib.clearMappingCache();
      local.server.on(`GET /api/models/${model}`, mappingAnswer(model, { "hf-inference": { providerId: model, status: "live", task: row.task } }));
      local.server.on(`POST /hf-inference/models/${model}${c.path ?? ""}`, c.answer);
      await load(flow({ type: nodeType(row), model, provider: "hf-inference" }));
      await expectContained(c.msg, row.task);
      local.server.requests.length.should.be.above(0, `${row.task}: the account's server saw no request`);
      await helper.unload();
    }
  });

  for (const [label, config] of [
    ["routed account", {}],
    ["endpoint account", { endpointUrl: "ENDPOINT" }],
  ]) {
    const configFor = () => (config.endpointUrl ? { endpointUrl: `${local.server.url}/ep` } : config);
    const routeChat = () => {
      local.server.on(`GET /api/models/${CHAT_MODEL}`, mappingAnswer(CHAT_MODEL, { "hf-inference": { providerId: CHAT_MODEL, status: "live", task: "conversational" } }));
      local.server.on(`POST /hf-inference/models/${CHAT_MODEL}/v1/chat/completions`, chatAnswer);
      local.server.on("POST /ep/v1/chat/completions", chatAnswer);
    };

    it(`hf-chat, ${label}, streaming or not`, async function () {
      for (const stream of [false, true]) {
        routeChat();
        await load(flow({ type: "hf-chat", model: CHAT_MODEL, provider: config.endpointUrl ? "" : "hf-inference", stream }, configFor()));
        await expectContained({ payload: "hi" }, `hf-chat (${label})`, (m) => !m.parts);
        await expectContained({ payload: { messages: [{ role: "user", content: "hi" }] } }, `hf-chat (${label})`, (m) => !m.parts);
        local.server.requests.length.should.be.above(0);
        await helper.unload();
      }
    });

    it(`hf-agent, ${label}`, async function () {
      routeChat();
      await load(flow({ type: "hf-agent", model: CHAT_MODEL, provider: config.endpointUrl ? "" : "hf-inference", servers: ["srv"], maxTurns: 2 }, configFor()));
      await expectContained({ payload: "hi" }, `hf-agent (${label})`, (m) => m.hf !== undefined);
      await expectContained({ payload: { messages: [{ role: "user", content: "hi" }] } }, `hf-agent (${label})`, (m) => m.hf !== undefined);
      local.server.requests.length.should.be.above(0);
    });
  }

  it("msg.model and msg.provider still apply when the node's fields are blank", async function () {
    local.server.on(`GET /api/models/${CHAT_MODEL}`, mappingAnswer(CHAT_MODEL, { "hf-inference": { providerId: CHAT_MODEL, status: "live", task: "conversational" } }));
    local.server.on(`POST /hf-inference/models/${CHAT_MODEL}/v1/chat/completions`, chatAnswer);
    await load(flow({ type: "hf-chat", model: "", provider: "" }));
    const { msg, error } = await send({ payload: "hi", model: CHAT_MODEL, provider: "hf-inference" });
    should(error).be.undefined();
    msg.payload.should.equal("fine");
    msg.hf.should.match({ model: CHAT_MODEL, provider: "hf-inference" });
  });
});
