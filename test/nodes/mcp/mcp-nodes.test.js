"use strict";
// hf-mcp-server, hf-mcp-tool and hf-agent in a real Node-RED runtime (test helper), against server-everything over
// stdio, the SDK-built MCP test server over HTTP, and a scripted OpenAI-compatible streaming server.
const should = require("should");
const { helper, coreNode, ourNode, recordStatus, nextMessages } = require("../../support/red");
const { startMcpHttpServer } = require("../../support/mcp-http-server");
const { startScriptedLlm } = require("../../support/scripted-llm");
const { EVERYTHING_BIN, alive, eventually } = require("../../lib/mcp/everything");

const configNode = ourNode("hf-config");
const serverNode = ourNode("hf-mcp-server");
const toolNode = ourNode("hf-mcp-tool");
const agentNode = ourNode("hf-agent");
const catchNode = coreNode("common/25-catch.js");
const NODES = [configNode, serverNode, toolNode, agentNode, catchNode];

const everythingServer = (extra = {}) => ({ id: "srv", type: "hf-mcp-server", name: "everything", transport: "stdio", command: process.execPath, args: [EVERYTHING_BIN, "stdio"], ...extra });

describe("nodes: MCP", function () {
  this.timeout(30000);
  let http;
  before(async function () {
    http = await startMcpHttpServer();
  });
  after(async function () {
    await http.stop();
  });
  beforeEach(function (done) {
    helper.startServer(done);
  });
  afterEach(function (done) {
    helper.unload().then(() => helper.stopServer(done));
  });

  const load = (flow, credentials = {}) =>
    new Promise((resolve, reject) => helper.load(NODES, flow, credentials, (err) => (err ? reject(err) : resolve())));
  const node = (id) => helper.getNode(id);
  const toolFlow = (server, toolProps = {}) => [
    { id: "f1", type: "tab" },
    server,
    { id: "tool", z: "f1", type: "hf-mcp-tool", server: server.id, action: "call", tool: "", wires: [["out"]], ...toolProps },
    { id: "out", z: "f1", type: "helper" },
    { id: "catcher", z: "f1", type: "catch", scope: ["tool"], uncaught: false, wires: [["caught"]] },
    { id: "caught", z: "f1", type: "helper" },
  ];

  describe("hf-mcp-tool", function () {
    it("lists a stdio server's tools", async function () {
      await load(toolFlow(everythingServer(), { action: "list" }));
      const out = nextMessages(node("out"));
      node("tool").receive({ payload: "anything" });
      const msg = await out;
      msg.payload.map((t) => t.name).should.containEql("echo");
      msg.payload.find((t) => t.name === "echo").inputSchema.should.have.property("type", "object");
    });

    it("calls the tool named in msg.topic with msg.payload as arguments; images come out as Buffers", async function () {
      await load(toolFlow(everythingServer()));
      let out = nextMessages(node("out"));
      node("tool").receive({ topic: "echo", payload: { message: "hello node" } });
      let msg = await out;
      msg.payload.should.equal("Echo: hello node");
      msg.mcp.should.match({ server: "everything", tool: "echo", isError: false });
      out = nextMessages(node("out"));
      node("tool").receive({ topic: "get-tiny-image", payload: {} });
      msg = await out;
      const image = msg.mcp.content.find((c) => c.type === "image");
      Buffer.isBuffer(image.data).should.be.true();
      image.data.subarray(1, 4).toString().should.equal("PNG");
      msg.payload.should.be.a.String();
    });

    it("gives the child only the minimal environment and the configured variables", async function () {
      process.env.HF_MCP_NODE_SECRET = "node-red-secret-value";
      try {
        await load(toolFlow(everythingServer(), { tool: "get-env" }), { srv: { env: JSON.stringify({ MY_VAR: "set" }) } });
        const out = nextMessages(node("out"));
        node("tool").receive({ payload: {} });
        const env = JSON.parse((await out).payload);
        env.should.have.property("MY_VAR", "set");
        env.should.not.have.property("HF_MCP_NODE_SECRET");
        Object.keys(env).every((k) => ["HOME", "LOGNAME", "PATH", "SHELL", "TERM", "USER", "MY_VAR"].includes(k)).should.be.true();
      } finally {
        delete process.env.HF_MCP_NODE_SECRET;
      }
    });

    it("bad input ends in done(err) (catchable) and a red status", async function () {
      await load(toolFlow(everythingServer(), { tool: "echo" }));
      const statuses = recordStatus(node("tool"));
      const caught = nextMessages(node("caught"));
      node("tool").receive({ payload: "not an object" });
      const msg = await caught;
      msg.error.message.should.match(/msg.payload must be an object/);
      statuses.at(-1).should.match({ fill: "red", shape: "ring" });
    });

    it("an unreachable server fails the msg with the reason, without secrets, and the users show it", async function () {
      const server = { id: "srv", type: "hf-mcp-server", transport: "http", url: "http://127.0.0.1:9/mcp" };
      await load(toolFlow(server, { tool: "echo" }), { srv: { headers: JSON.stringify({ Authorization: "Bearer topsecret-token-123" }) } });
      const statuses = recordStatus(node("tool"));
      const caught = nextMessages(node("caught"));
      node("tool").receive({ payload: {} });
      const msg = await caught;
      msg.error.message.should.not.containEql("topsecret-token-123");
      statuses.some((s) => s.fill === "red").should.be.true();
      statuses.some((s) => s.text === "connecting").should.be.true();
    });

    it("an invalid environment JSON fails each msg without quoting the text", async function () {
      await load(toolFlow(everythingServer(), { tool: "echo" }), { srv: { env: '{"KEY": "half-typed-secret-value' } });
      const caught = nextMessages(node("caught"));
      node("tool").receive({ payload: { message: "x" } });
      const msg = await caught;
      msg.error.message.should.match(/Invalid MCP server configuration: Environment is not valid JSON$/);
      msg.error.message.should.not.containEql("half-typed");
    });

    it("on redeploy, a long-running call is aborted and the server process ends", async function () {
      await load(toolFlow(everythingServer(), { tool: "trigger-long-running-operation" }));
      node("out").on("input", () => should.fail("no result expected"));
      node("tool").receive({ payload: { duration: 60, steps: 60 } });
      const connection = node("srv").connection;
      const pid = await eventually(() => connection.state === "connected" && connection.pid);
      should.exist(pid);
      alive(pid).should.be.true();
      await helper.unload();
      alive(pid).should.be.false();
      connection.state.should.equal("closed");
    });

    it("on redeploy, an HTTP tool call is cancelled on the server", async function () {
      const before = http.cancelled.length;
      await load(toolFlow({ id: "srv", type: "hf-mcp-server", transport: "http", url: http.url }, { tool: "slow" }));
      const started = http.started.length;
      node("tool").receive({ payload: { ms: 30000 } });
      await eventually(() => http.started.length > started);
      await helper.unload();
      (await eventually(() => http.cancelled.length > before)).should.be.true();
    });
  });

  describe("hf-agent", function () {
    let llm;
    afterEach(async function () {
      if (llm) await llm.stop();
      llm = undefined;
    });

    const agentFlow = (agentProps = {}) => [
      { id: "f1", type: "tab" },
      { id: "cfg", type: "hf-config", name: "local", endpointUrl: llm.url, maxRetries: 0 },
      { id: "srv", type: "hf-mcp-server", name: "test", transport: "http", url: http.url },
      { id: "agent", z: "f1", type: "hf-agent", config: "cfg", model: "test-model", servers: ["srv"], maxTurns: 5, wires: [["final"], ["events"]], ...agentProps },
      { id: "final", z: "f1", type: "helper" },
      { id: "events", z: "f1", type: "helper" },
      { id: "catcher", z: "f1", type: "catch", scope: ["agent"], uncaught: false, wires: [["caught"]] },
      { id: "caught", z: "f1", type: "helper" },
    ];

    it("runs the loop: the answer on output 1, text / tool call / tool result events on output 2", async function () {
      llm = await startScriptedLlm([
        { content: "Let me see.", toolCalls: [{ name: "echo", arguments: { text: "from agent" } }] },
        (body) => ({ content: `Tool said: ${body.messages.at(-1).content}`, usage: { prompt_tokens: 9, completion_tokens: 4, total_tokens: 13 } }),
      ]);
      await load(agentFlow({ systemPrompt: "Be brief." }), { cfg: { token: "hf_agentTestToken_0123456789" } });
      const events = [];
      node("events").on("input", (m) => events.push(m));
      const final = nextMessages(node("final"));
      node("agent").receive({ payload: "echo something", topic: "t1" });
      const msg = await final;
      msg.payload.should.equal("Tool said: echo: from agent");
      msg.hf.should.match({ task: "conversational", model: "test-model", output: { stopReason: "answer", turns: 2, toolCalls: 1 } });
      msg.hf.usage.should.match({ total_tokens: 13 });
      llm.requests[0].messages[0].should.eql({ role: "system", content: "Be brief." });
      llm.requests[0].stream_options.should.eql({ include_usage: true });
      const kinds = events.map((e) => e.event);
      kinds.should.containEql("text");
      const call = events.find((e) => e.event === "tool_call");
      call.payload.should.match({ name: "echo", arguments: { text: "from agent" }, server: "test", exit: false });
      const result = events.find((e) => e.event === "tool_result");
      result.payload.should.equal("echo: from agent");
      result.mcp.should.match({ isError: false, content: [{ type: "text", text: "echo: from agent" }] });
      events.filter((e) => e.event === "text").map((e) => e.payload).join("").should.equal("Let me see.Tool said: echo: from agent");
      kinds.indexOf("tool_call").should.be.below(kinds.indexOf("tool_result"));
    });

    it("keeps the conversation per msg.topic when memory is on", async function () {
      llm = await startScriptedLlm([{ content: "Hi Ann." }, { content: "You are Ann." }]);
      await load(agentFlow({ memory: true }));
      let final = nextMessages(node("final"));
      node("agent").receive({ payload: "I am Ann", topic: "ann" });
      await final;
      final = nextMessages(node("final"));
      node("agent").receive({ payload: "Who am I?", topic: "ann" });
      (await final).payload.should.equal("You are Ann.");
      llm.requests[1].messages.map((m) => [m.role, m.content]).slice(1).should.eql([
        ["user", "I am Ann"],
        ["assistant", "Hi Ann."],
        ["user", "Who am I?"],
      ]);
    });

    it("stops at maxTurns and says so in msg.hf.output", async function () {
      const again = () => ({ toolCalls: [{ name: "echo", arguments: { text: "x" } }] });
      llm = await startScriptedLlm([again, again, again]);
      await load(agentFlow({ maxTurns: 2 }));
      const final = nextMessages(node("final"));
      node("agent").receive({ payload: "loop" });
      (await final).hf.output.should.match({ stopReason: "max_turns", turns: 2 });
      llm.requests.length.should.equal(2);
    });

    it("keeps working when one of its servers alone is redeployed (modified-nodes deploy)", async function () {
      llm = await startScriptedLlm([{ toolCalls: [{ name: "echo", arguments: { text: "a" } }] }, { content: "one" }, { toolCalls: [{ name: "echo", arguments: { text: "b" } }] }, { content: "two" }]);
      const other = await startMcpHttpServer({ label: "other:" });
      try {
        const flow = agentFlow({ servers: ["srv", "srv2"] });
        flow.push({ id: "srv2", type: "hf-mcp-server", name: "second", transport: "http", url: other.url });
        await load(flow);
        let final = nextMessages(node("final"));
        node("agent").receive({ payload: "first" });
        (await final).payload.should.equal("one");
        const changed = flow.map((n) => (n.id === "srv" ? { ...n, name: "renamed" } : n));
        await helper.setFlows(changed, "nodes");
        final = nextMessages(node("final"));
        const caught = [];
        node("caught").on("input", (m) => caught.push(m.error.message));
        node("agent").receive({ payload: "second" });
        (await final).payload.should.equal("two");
        caught.should.eql([]);
        llm.requests[3].messages.find((m) => m.role === "tool").content.should.equal("echo: b");
      } finally {
        await other.stop();
      }
    });

    it("a missing model fails through done(err)", async function () {
      llm = await startScriptedLlm([]);
      await load(agentFlow({ model: "" }));
      const caught = nextMessages(node("caught"));
      node("agent").receive({ payload: "hi" });
      (await caught).error.message.should.match(/No model/);
    });

    it("on redeploy, the tool call in progress is cancelled on the MCP server", async function () {
      llm = await startScriptedLlm([{ toolCalls: [{ name: "slow", arguments: { ms: 30000 } }] }]);
      const before = http.cancelled.length;
      const started = http.started.length;
      await load(agentFlow());
      node("agent").receive({ payload: "be slow" });
      await eventually(() => http.started.length > started);
      await helper.unload();
      (await eventually(() => http.cancelled.length > before)).should.be.true();
    });
  });
});
