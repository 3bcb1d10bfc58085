"use strict";
// The flow-tool examples (examples/tools/*.json) as users import them, in a real Node-RED runtime with the core
// nodes they use: the agent's account points at a scripted local model, the MCP endpoint is served on 127.0.0.1
// and called by the SDK's own client, and debug nodes become test probes.
const should = require("should");
const fs = require("node:fs");
const http = require("node:http");
const path = require("node:path");
const { Client } = require("@modelcontextprotocol/sdk/client/index.js");
const { StreamableHTTPClientTransport } = require("@modelcontextprotocol/sdk/client/streamableHttp.js");
const { helper, coreNode, ourNode, nextMessages } = require("../../support/red");
const { startScriptedLlm } = require("../../support/scripted-llm");

let httpNode;
function grab(RED) {
  httpNode = RED.httpNode;
}
const NODES = [ourNode("hf-config"), ourNode("hf-agent"), ourNode("hf-tools"), grab,
  coreNode("common/20-inject.js"), coreNode("common/25-catch.js"), coreNode("common/90-comment.js"),
  coreNode("function/10-function.js"), coreNode("function/10-switch.js"), coreNode("function/15-change.js")];
const dir = path.resolve(__dirname, "../../../examples/tools");
const TOKEN = "example-endpoint-token-0123456789";

describe("examples: tools", function () {
  this.timeout(20000);
  let llm;
  let server;
  beforeEach(function (done) {
    helper.startServer(done);
  });
  afterEach(function (done) {
    const stops = [llm && llm.stop(), server && new Promise((resolve) => server.close(resolve))];
    llm = server = undefined;
    Promise.all(stops).then(() => helper.unload()).then(() => helper.stopServer(done));
  });

  /** Loads an example on a tab, its account on the scripted model, its debug nodes turned into helper nodes. */
  async function loadExample(file, credentials = {}) {
    const nodes = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));
    const flow = [{ id: "tab", type: "tab" }];
    for (const n of nodes) {
      if (n.type === "hf-config") flow.push({ ...n, endpointUrl: llm ? llm.url : "" });
      else if (n.type === "debug") flow.push({ id: n.id, z: "tab", type: "helper", name: n.name });
      else flow.push({ ...n, z: "tab" });
    }
    const cfg = nodes.find((n) => n.type === "hf-config");
    const creds = cfg ? { [cfg.id]: { token: "hf_exampleToken_0123456789" }, ...credentials } : credentials;
    await new Promise((resolve, reject) => helper.load(NODES, flow, creds, (e) => (e ? reject(e) : resolve())));
    const byName = (type, name) => helper.getNode(flow.find((n) => n.type === type && n.name === name).id);
    return { nodes, byName };
  }

  it("every example starts with a comment node and shares the one account of the other examples", function () {
    const files = fs.readdirSync(dir).filter((f) => f.endsWith(".json"));
    files.length.should.equal(3);
    const chat = JSON.parse(fs.readFileSync(path.resolve(dir, "../chat/01-chat-with-memory.json"), "utf8")).find((n) => n.type === "hf-config");
    const names = [];
    for (const file of files) {
      const nodes = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));
      nodes[0].type.should.equal("comment", file);
      for (const n of nodes.filter((x) => x.type === "hf-config")) n.should.eql(chat, file);
      for (const n of nodes.filter((x) => x.config)) nodes.some((c) => c.id === n.config).should.be.true(file);
      names.push(...nodes.filter((n) => n.type === "hf-tool-in").map((n) => n.name));
    }
    // Imported together, no two examples declare one tool name (both would turn red).
    new Set(names).size.should.equal(names.length);
  });

  it("01: the agent calls the flow tool and answers with the reading", async function () {
    llm = await startScriptedLlm([
      { toolCalls: [{ name: "get_temperature", arguments: { room: "greenhouse" } }] },
      (body) => ({ content: `It is ${JSON.parse(body.messages.at(-1).content).celsius} °C in the greenhouse.` }),
    ]);
    const { byName } = await loadExample("01-agent-flow-tool.json");
    const answer = nextMessages(byName("helper", "answer"));
    byName("inject", "ask").receive({});
    (await answer).payload.should.equal("It is 21.5 °C in the greenhouse.");
    llm.requests[0].tools.map((t) => t.function.name).should.containEql("get_temperature");
    const result = llm.requests[1].messages.find((m) => m.role === "tool");
    JSON.parse(result.content).should.have.properties({ room: "greenhouse", celsius: 21.5 });
  });

  it("02: with the token set, an MCP client lists both flow tools and calls them; without it, 401", async function () {
    await loadExample("02-mcp-endpoint.json", { "7a1c0e5d2b650002": { token: TOKEN } });
    server = http.createServer((req, res) => httpNode(req, res));
    server.keepAliveTimeout = 1;
    await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${server.address().port}/mcp`;
    const refused = await fetch(url, { method: "POST", headers: { "content-type": "application/json", accept: "application/json, text/event-stream" }, body: "{}" });
    refused.status.should.equal(401);
    const client = new Client({ name: "example-test", version: "1.0.0" });
    await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { Authorization: `Bearer ${TOKEN}` } } }));
    try {
      (await client.listTools()).tools.map((t) => t.name).sort().should.eql(["get_time", "read_humidity"]);
      const humidity = await client.callTool({ name: "read_humidity", arguments: { room: "kitchen" } });
      should(humidity.isError).not.be.true();
      JSON.parse(humidity.content[0].text).should.eql({ humidity: 48, unit: "%" });
      const time = await client.callTool({ name: "get_time", arguments: {} });
      Number.isNaN(Date.parse(time.content[0].text)).should.be.false();
      const bad = await client.callTool({ name: "read_humidity", arguments: {} });
      bad.isError.should.be.true();
    } finally {
      await client.close();
    }
  });

  /** 03 up to the approval request: the model asks to open the window, the request reaches the debug node. */
  async function untilApprovalRequest() {
    llm = await startScriptedLlm([
      { toolCalls: [{ name: "set_window", arguments: { open: true } }] },
      (body) => ({ content: `Tool said: ${body.messages.at(-1).content}` }),
    ]);
    const ex = await loadExample("03-approval.json");
    const request = nextMessages(ex.byName("helper", "approval request"));
    const answer = nextMessages(ex.byName("helper", "answer"));
    ex.byName("inject", "ask").receive({});
    const req = await request;
    req.event.should.equal("approval_request");
    req.approval.should.have.properties({ tool: "set_window", arguments: { open: true } });
    return { ...ex, answer, id: req.approval.id };
  }

  it("03: approve lets the tool run, with the id the change node remembered", async function () {
    const { byName, answer, id } = await untilApprovalRequest();
    helper.getNode("7a1c0e5d2b660003").context().flow.get("approvalId").should.equal(id);
    byName("inject", "approve").receive({});
    (await answer).payload.should.equal("Tool said: The window is now open.");
    helper.getNode("7a1c0e5d2b66000c").context().flow.get("window").should.equal("open");
  });

  it("03: refuse keeps the tool from running and tells the model why", async function () {
    const { byName, answer } = await untilApprovalRequest();
    byName("inject", "refuse").receive({});
    (await answer).payload.should.match(/^Tool said: .*Refused by the operator/);
    should(helper.getNode("7a1c0e5d2b66000c").context().flow.get("window")).be.undefined();
  });
});
