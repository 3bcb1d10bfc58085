"use strict";
// Flow tools in a real Node-RED runtime (test helper): hf-tool-in / hf-tool-out, the MCP endpoint served by the
// runtime's own httpNode app (bound here to 127.0.0.1) and called by real MCP clients, and hf-agent running flow
// tools (with human approval) against a scripted OpenAI-compatible server.
const should = require("should");
const http = require("node:http");
const { Client } = require("@modelcontextprotocol/sdk/client/index.js");
const { StreamableHTTPClientTransport } = require("@modelcontextprotocol/sdk/client/streamableHttp.js");
const { helper, coreNode, ourNode, recordStatus, nextMessages } = require("../../support/red");
const { startScriptedLlm } = require("../../support/scripted-llm");
const { McpClient } = require("../../../dist/lib");

const toolsNode = ourNode("hf-tools");
const configNode = ourNode("hf-config");
const agentNode = ourNode("hf-agent");
const chatNode = ourNode("hf-chat");
const serverNode = ourNode("hf-mcp-server");
const { startMcpHttpServer } = require("../../support/mcp-http-server");
const functionNode = coreNode("function/10-function.js");
const delayNode = coreNode("function/89-delay.js");
const catchNode = coreNode("common/25-catch.js");

// Keeps the runtime's RED.httpNode (the express app http-in routes go on) so a test can serve it.
let httpNode;
function grab(RED) {
  httpNode = RED.httpNode;
  RED.nodes.registerType("grab", function (n) {
    RED.nodes.createNode(this, n);
  });
}
const NODES = [toolsNode, configNode, agentNode, chatNode, serverNode, functionNode, delayNode, catchNode, grab];
const TOKEN = "endpoint-test-token-0123456789";

const unhandled = [];
const onUnhandled = (reason) => unhandled.push(reason);

describe("nodes: flow tools and the MCP endpoint", function () {
  this.timeout(20000);
  let server;
  let url;
  before(function () {
    process.on("unhandledRejection", onUnhandled);
  });
  after(function () {
    process.off("unhandledRejection", onUnhandled);
    unhandled.should.eql([], "unhandled rejections");
  });
  beforeEach(function (done) {
    helper.startServer(done);
  });
  afterEach(function (done) {
    const stop = server ? new Promise((resolve) => server.close(resolve)) : Promise.resolve();
    server = undefined;
    stop.then(() => helper.unload()).then(() => helper.stopServer(done));
  });

  const load = (flow, credentials = {}) =>
    new Promise((resolve, reject) => helper.load(NODES, flow, credentials, (err) => (err ? reject(err) : resolve())));
  const node = (id) => helper.getNode(id);
  async function serveHttpNode() {
    server = http.createServer((req, res) => httpNode(req, res));
    server.keepAliveTimeout = 1;
    await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${server.address().port}/mcp`;
  }

  // add {a, b} -> a + b; slow answers after `ms`; silent never answers.
  const toolFlow = (extra = []) => [
    { id: "f1", type: "tab" },
    { id: "tool-add", z: "f1", type: "hf-tool-in", name: "add", description: "Adds two numbers", schema: JSON.stringify({ type: "object", properties: { a: { type: "number" }, b: { type: "number" } }, required: ["a", "b"] }), timeout: 5, wires: [["sum", "seen"]] },
    { id: "sum", z: "f1", type: "function", func: "msg.payload = { sum: msg.payload.a + msg.payload.b }; return msg;", wires: [["out"]] },
    { id: "seen", z: "f1", type: "helper" },
    { id: "tool-silent", z: "f1", type: "hf-tool-in", name: "silent", description: "Never answers", schema: "", timeout: 0.3, wires: [["late"]] },
    { id: "late", z: "f1", type: "delay", pauseType: "delay", timeout: "600", timeoutUnits: "milliseconds", wires: [["out"]] },
    { id: "out", z: "f1", type: "hf-tool-out", wires: [] },
    ...extra,
  ];
  const endpoint = (props = {}) => ({ id: "ep", z: "f1", type: "hf-mcp-endpoint", path: "/mcp", tools: "*", serverName: "flows", ...props });

  async function sdkClient(token = TOKEN) {
    const client = new Client({ name: "test", version: "1.0.0" });
    await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: token ? { Authorization: `Bearer ${token}` } : {} } }));
    return client;
  }

  describe("hf-mcp-endpoint", function () {
    it("a real SDK client lists the deployed flow tools and calls one through the flow", async function () {
      await load(toolFlow([endpoint()]), { ep: { token: TOKEN } });
      await serveHttpNode();
      const client = await sdkClient();
      try {
        client.getServerVersion().name.should.equal("flows");
        const { tools } = await client.listTools();
        tools.map((t) => t.name).should.eql(["add", "silent"]);
        tools[0].should.match({ description: "Adds two numbers", inputSchema: { required: ["a", "b"] } });
        const seen = nextMessages(node("seen"));
        const result = await client.callTool({ name: "add", arguments: { a: 2, b: 3 } });
        result.should.match({ content: [{ type: "text", text: '{"sum":5}' }] });
        should(result.isError).not.be.true();
        const msg = await seen;
        msg.toolCall.should.match({ name: "add", arguments: { a: 2, b: 3 }, caller: "mcp" });
        msg.payload.should.eql({ a: 2, b: 3 });
      } finally {
        await client.close();
      }
    });

    it("our McpClient (Streamable HTTP with a bearer header) lists and calls flow tools", async function () {
      await load(toolFlow([endpoint({ tools: "add" })]), { ep: { token: TOKEN } });
      await serveHttpNode();
      const client = new McpClient();
      try {
        await client.addMcpServer({ type: "http", url, headers: { Authorization: `Bearer ${TOKEN}` }, name: "nr" });
        client.availableTools.map((t) => t.function.name).should.eql(["add"]);
        const result = await client.callTool("add", { a: 40, b: 2 });
        client.formatResult(result).should.equal('{"sum":42}');
      } finally {
        await client.cleanup();
      }
    });

    it("refuses arguments that do not fit the schema without starting the flow", async function () {
      await load(toolFlow([endpoint()]), { ep: { token: TOKEN } });
      await serveHttpNode();
      let started = 0;
      node("seen").on("input", () => started++);
      const client = await sdkClient();
      try {
        const result = await client.callTool({ name: "add", arguments: { a: "two" } });
        result.isError.should.be.true();
        result.content[0].text.should.match(/^Invalid arguments for add: /);
        result.content[0].text.should.match(/\$\.a: expected number, got string/);
        result.content[0].text.should.match(/missing required property "b"/);
        started.should.equal(0);
      } finally {
        await client.close();
      }
    });

    it("a flow that never answers in time gives a tool error; its late answer is dropped with a warning", async function () {
      await load(toolFlow([endpoint()]), { ep: { token: TOKEN } });
      await serveHttpNode();
      const warnings = [];
      const out = node("out");
      const warn = out.warn.bind(out);
      out.warn = (m) => (warnings.push(m), warn(m));
      const client = await sdkClient();
      try {
        const result = await client.callTool({ name: "silent", arguments: {} });
        result.isError.should.be.true();
        result.content[0].text.should.match(/did not answer within 0.3 s/);
        await new Promise((r) => setTimeout(r, 500));
        warnings.join("\n").should.match(/Dropped the answer to silent/);
      } finally {
        await client.close();
      }
    });

    it("401 without a token and with a wrong one; a blank token refuses everything and says so", async function () {
      await load(toolFlow([endpoint()]), { ep: { token: TOKEN } });
      await serveHttpNode();
      const init = { jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "x", version: "1" } } };
      const post = (headers) => fetch(url, { method: "POST", headers: { "content-type": "application/json", accept: "application/json, text/event-stream", ...headers }, body: JSON.stringify(init) });
      (await post({})).status.should.equal(401);
      (await post({ authorization: "Bearer wrong" })).status.should.equal(401);
      (await post({ authorization: `Bearer ${TOKEN}` })).status.should.equal(200);
      await sdkClient("wrong").should.be.rejected();

      await new Promise((resolve) => server.close(resolve));
      server = undefined;
      await helper.unload();
      await load(toolFlow([endpoint()]), {});
      await serveHttpNode();
      (await post({ authorization: `Bearer ${TOKEN}` })).status.should.equal(401);
      (await post({})).status.should.equal(401);
    });

    it("httpNodeCors: preflight answered with the CORS headers; without the setting no CORS header", async function () {
      const preflight = () => fetch(url, { method: "OPTIONS", headers: { origin: "http://app.example", "access-control-request-method": "POST" } });
      helper.settings({ httpNodeCors: { origin: "*", methods: "GET,POST" } });
      try {
        await load(toolFlow([endpoint()]), { ep: { token: TOKEN } });
        await serveHttpNode();
        const res = await preflight();
        res.status.should.equal(204);
        res.headers.get("access-control-allow-origin").should.equal("*");
        res.headers.get("access-control-allow-methods").should.equal("GET,POST");
        res.headers.get("access-control-allow-headers").should.match(/Authorization/).and.match(/mcp-session-id/);
        const post = await fetch(url, { method: "POST", headers: { origin: "http://app.example", "content-type": "application/json" }, body: "{}" });
        post.status.should.equal(401);
        post.headers.get("access-control-allow-origin").should.equal("*");
        post.headers.get("access-control-expose-headers").should.match(/mcp-session-id/);
      } finally {
        helper.settings({});
      }
      await new Promise((resolve) => server.close(resolve));
      server = undefined;
      await helper.unload();
      await load(toolFlow([endpoint()]), { ep: { token: TOKEN } });
      await serveHttpNode();
      should((await preflight()).headers.get("access-control-allow-origin")).equal(null);
    });

    it("allowAnonymous serves without a token", async function () {
      await load(toolFlow([endpoint({ allowAnonymous: true })]), {});
      await serveHttpNode();
      const client = await sdkClient("");
      try {
        (await client.listTools()).tools.length.should.equal(2);
      } finally {
        await client.close();
      }
    });

    it("tools/list follows deploys; ten redeploys leave one route; a redeploy fails the call in flight", async function () {
      const flow = toolFlow([endpoint()]);
      await load(flow, { ep: { token: TOKEN } });
      await serveHttpNode();
      const routes = () => (httpNode._router ?? httpNode.router).stack.filter((l) => l.route && l.route.path === "/mcp").length;
      for (let i = 0; i < 10; i++) await helper.setFlows(flow, "full", { ep: { token: TOKEN } });
      routes().should.equal(1);

      const client = await sdkClient();
      try {
        // A flow tool whose flow waits 3 s; the redeploy lands first.
        const slow = { id: "tool-slow", z: "f1", type: "hf-tool-in", name: "slow", description: "", schema: "", timeout: 10, wires: [["wait"]] };
        const wait = { id: "wait", z: "f1", type: "delay", pauseType: "delay", timeout: "3", timeoutUnits: "seconds", wires: [["out"]] };
        await helper.setFlows([...flow, slow, wait], "full", { ep: { token: TOKEN } });
        (await client.listTools()).tools.map((t) => t.name).should.eql(["add", "silent", "slow"]);
        const pending = client.callTool({ name: "slow", arguments: {} });
        await new Promise((r) => setTimeout(r, 200));
        await helper.setFlows(flow, "full", { ep: { token: TOKEN } });
        const result = await pending;
        result.isError.should.be.true();
        result.content[0].text.should.match(/was stopped \(redeployed\) before it answered/);
        (await client.listTools()).tools.map((t) => t.name).should.eql(["add", "silent"]);
        routes().should.equal(1);
      } finally {
        await client.close();
      }
    });
  });

  describe("hf-tool-in", function () {
    it("two nodes with one name are both red and neither serves it", async function () {
      const flow = toolFlow([{ id: "tool-add2", z: "f1", type: "hf-tool-in", name: "add", description: "", schema: "", wires: [["out"]] }, endpoint()]);
      await load(flow, { ep: { token: TOKEN } });
      // Statuses set during start-up are gone by now; redeploying the same flow shows them again on fresh nodes.
      await serveHttpNode();
      const client = await sdkClient();
      try {
        (await client.listTools()).tools.map((t) => t.name).should.eql(["silent"]);
        const result = await client.callTool({ name: "add", arguments: { a: 1, b: 1 } });
        result.isError.should.be.true();
        result.content[0].text.should.match(/used by 2 nodes/);
      } finally {
        await client.close();
      }
      // Both nodes said so when they started (red status and a warning each).
      const warnings = helper.log().args.filter((a) => a[0].level === helper.log().WARN && /declares the tool "add"/.test(a[0].msg)).map((a) => a[0].id);
      warnings.should.containEql("tool-add").and.containEql("tool-add2");
    });

    it("hf-tool-out without msg.toolCall ends the msg with an error", async function () {
      await load(toolFlow([{ id: "c", z: "f1", type: "catch", scope: ["out"], uncaught: false, wires: [["caught"]] }, { id: "caught", z: "f1", type: "helper" }]));
      const caught = nextMessages(node("caught"));
      node("out").receive({ payload: "x" });
      (await caught).error.message.should.match(/msg.toolCall is missing/);
    });
  });

  describe("hf-agent with flow tools", function () {
    let llm;
    afterEach(async function () {
      if (llm) await llm.stop();
      llm = undefined;
    });
    const agentFlow = (props = {}) =>
      toolFlow([
        { id: "cfg", type: "hf-config", name: "local", endpointUrl: llm.url, maxRetries: 0 },
        { id: "agent", z: "f1", type: "hf-agent", config: "cfg", model: "m", servers: [], flowTools: "*", maxTurns: 5, wires: [["final"], ["events"]], ...props },
        { id: "final", z: "f1", type: "helper" },
        { id: "events", z: "f1", type: "helper" },
      ]);

    it("offers the flow tools to the model, runs the one it calls and hands the result back", async function () {
      llm = await startScriptedLlm([{ toolCalls: [{ name: "add", arguments: { a: 20, b: 22 } }] }, (body) => ({ content: `It is ${body.messages.at(-1).content}` })]);
      await load(agentFlow(), { cfg: { token: "hf_agentTestToken_0123456789" } });
      const events = [];
      node("events").on("input", (m) => events.push(m));
      const seen = nextMessages(node("seen"));
      const final = nextMessages(node("final"));
      node("agent").receive({ payload: "what is 20 + 22?" });
      (await seen).toolCall.caller.should.equal("agent");
      (await final).payload.should.equal('It is {"sum":42}');
      llm.requests[0].tools.map((t) => t.function.name).should.containEql("add").and.containEql("silent");
      events.find((e) => e.event === "tool_call").payload.should.match({ name: "add", server: "flow" });
    });

    it("only the listed flow tools; blank offers none", async function () {
      llm = await startScriptedLlm([{ content: "ok" }, { content: "ok" }]);
      await load(agentFlow({ flowTools: "silent" }), { cfg: { token: "hf_agentTestToken_0123456789" } });
      let final = nextMessages(node("final"));
      node("agent").receive({ payload: "hi" });
      await final;
      llm.requests[0].tools.map((t) => t.function.name).should.eql(["task_complete", "ask_question", "silent"]);
    });

    for (const [label, answer, expected, runs] of [
      ["granted", (id) => ({ id, approved: true }), /^It is \{"sum":3\}$/, 1],
      ["refused", (id) => ({ id, approved: false, reason: "not now" }), /not approved: not now/, 0],
      ["timed out", undefined, /not approved: no answer within 0.3 s/, 0],
    ]) {
      it(`approval ${label}: approval_request on output 2, the answer msg starts no turn`, async function () {
        llm = await startScriptedLlm([{ toolCalls: [{ name: "add", arguments: { a: 1, b: 2 } }] }, (body) => ({ content: `It is ${body.messages.at(-1).content}` })]);
        await load(agentFlow({ approval: "add", approvalTimeout: 0.3 }), { cfg: { token: "hf_agentTestToken_0123456789" } });
        let started = 0;
        node("seen").on("input", () => started++);
        const request = new Promise((resolve) => node("events").on("input", (m) => m.event === "approval_request" && resolve(m)));
        const final = nextMessages(node("final"));
        node("agent").receive({ payload: "1 + 2?" });
        const req = await request;
        req.approval.should.match({ tool: "add", arguments: { a: 1, b: 2 }, server: "flow" });
        req.approval.id.should.be.a.String();
        if (answer) node("agent").receive({ approval: answer(req.approval.id) });
        const msg = await final;
        msg.payload.should.match(expected);
        started.should.equal(runs);
        llm.requests.length.should.equal(2, "the approval msg started no model call of its own");
      });
    }

    it("approval covers MCP server tools too: refused, the server is never called", async function () {
      const mcp = await startMcpHttpServer();
      try {
        llm = await startScriptedLlm([{ toolCalls: [{ name: "echo", arguments: { text: "hi" } }] }, (body) => ({ content: body.messages.at(-1).content })]);
        const flow = agentFlow({ approval: "*", flowTools: "", servers: ["srv"] });
        flow.push({ id: "srv", type: "hf-mcp-server", name: "remote", transport: "http", url: mcp.url });
        await load(flow, { cfg: { token: "hf_agentTestToken_0123456789" } });
        const request = new Promise((resolve) => node("events").on("input", (m) => m.event === "approval_request" && resolve(m)));
        const final = nextMessages(node("final"));
        node("agent").receive({ payload: "echo hi" });
        const req = await request;
        req.approval.should.match({ tool: "echo", arguments: { text: "hi" }, server: "remote" });
        const callsBefore = mcp.requests.length;
        node("agent").receive({ approval: { id: req.approval.id, approved: false } });
        (await final).payload.should.equal("Not executed: the call was not approved");
        mcp.requests.slice(callsBefore).filter((r) => r.method === "POST").length.should.equal(0);
      } finally {
        await mcp.stop();
      }
    });
  });

  describe("hf-chat with flow tools", function () {
    let llm;
    afterEach(async function () {
      if (llm) await llm.stop();
      llm = undefined;
    });
    const chatFlow = (props = {}) =>
      toolFlow([
        { id: "cfg", type: "hf-config", name: "local", endpointUrl: llm.url, maxRetries: 0 },
        { id: "chat", z: "f1", type: "hf-chat", config: "cfg", model: "m", stream: true, flowTools: "*", wires: [[], ["final"]], ...props },
        { id: "final", z: "f1", type: "helper" },
      ]);

    it("runs the flow tools the model calls and continues; other tool calls come out in msg.tool_calls", async function () {
      llm = await startScriptedLlm([
        { toolCalls: [{ name: "add", arguments: { a: 1, b: 1 } }] },
        { toolCalls: [{ name: "add", arguments: { a: 2, b: 2 } }, { name: "lamp", arguments: { on: true } }] },
      ]);
      const tools = JSON.stringify([{ type: "function", function: { name: "lamp", parameters: { type: "object" } } }]);
      await load(chatFlow({ tools }), { cfg: { token: "hf_agentTestToken_0123456789" } });
      const final = nextMessages(node("final"));
      node("chat").receive({ payload: "go" });
      const msg = await final;
      msg.tool_calls.map((c) => c.function.name).should.eql(["lamp"]);
      llm.requests.length.should.equal(2);
      llm.requests[0].tools.map((t) => t.function.name).should.eql(["lamp", "add", "silent"]);
      const toolAnswers = msg.messages.filter((m) => m.role === "tool").map((m) => m.content);
      toolAnswers.should.eql(['{"sum":2}', '{"sum":4}']);
    });

    it("stops after maxToolRounds rounds and hands back the calls", async function () {
      const again = { toolCalls: [{ name: "add", arguments: { a: 1, b: 2 } }] };
      llm = await startScriptedLlm([again, again, again, again]);
      await load(chatFlow({ maxToolRounds: 2 }), { cfg: { token: "hf_agentTestToken_0123456789" } });
      const final = nextMessages(node("final"));
      node("chat").receive({ payload: "go" });
      const msg = await final;
      llm.requests.length.should.equal(3);
      msg.tool_calls.map((c) => c.function.name).should.eql(["add"]);
    });
  });
});
