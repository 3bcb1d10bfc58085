"use strict";
// Faults seen from a Node-RED flow: a provider that is down for 1,000 msgs, and a redeploy while requests hang.
// Every msg must end in exactly one error, the runtime must stay up, memory must stay bounded, and a redeploy must
// leave no sockets, timers or child processes behind.
const should = require("should");
const helper = require("node-red-node-test-helper");
const configNode = require("../../dist/nodes/hf-config.js");
const taskNodes = require("../../dist/nodes/hf-tasks.js");
const catchNode = require("@node-red/nodes/core/common/25-catch.js");
const mcpServerNode = require("../../dist/nodes/hf-mcp-server.js");
const mcpToolNode = require("../../dist/nodes/hf-mcp-tool.js");
const { LABELS, json, faults, startFaultServer, until, resourceCounts, gc } = require("./fault-server");

helper.init(require.resolve("node-red"));

/** A port nothing listens on: bound once, then released. */
async function closedPort() {
  const net = require("node:net");
  const s = net.createServer();
  await new Promise((r) => s.listen(0, "127.0.0.1", r));
  const { port } = s.address();
  await new Promise((r) => s.close(r));
  return port;
}

/** Nodes on a tab need a position, or the runtime takes them for config nodes. */
function flow({ downUrl, liveUrl, concurrency = 16, mcp = false }) {
  const at = { x: 100, y: 100 };
  const mcpNodes = [
    // A real MCP server as a child process (stdio), so a redeploy has a child to stop.
    { id: "mcpSrv", z: "f1", type: "hf-mcp-server", transport: "stdio", command: process.execPath, args: [require.resolve("../security/env-echo-server.js")] },
    { id: "tool", z: "f1", ...at, type: "hf-mcp-tool", server: "mcpSrv", action: "call", tool: "env", wires: [["toolOut"]] },
    { id: "toolOut", z: "f1", ...at, type: "helper" },
  ];
  return [
    ...(mcp ? mcpNodes : []),
    { id: "f1", type: "tab", label: "faults" },
    { id: "cfg", z: "f1", type: "hf-config", endpointUrl: downUrl, maxRetries: 0, concurrency, queueLimit: 5000, timeout: 30 },
    { id: "classify", z: "f1", ...at, type: "hf-text-classification", config: "cfg", wires: [["out"]] },
    { id: "liveCfg", z: "f1", type: "hf-config", endpointUrl: liveUrl, maxRetries: 0 },
    { id: "live", z: "f1", ...at, type: "hf-text-classification", config: "liveCfg", wires: [["liveOut"]] },
    { id: "catch", z: "f1", ...at, type: "catch", scope: ["classify"], uncaught: false, wires: [["caught"]] },
    { id: "out", z: "f1", ...at, type: "helper" },
    { id: "liveOut", z: "f1", ...at, type: "helper" },
    { id: "caught", z: "f1", ...at, type: "helper" },
  ];
}

describe("faults: Node-RED flows against a provider that is down or hangs", function () {
  this.timeout(60_000);
  let live;
  const crashes = [];
  const onCrash = (err) => crashes.push(err);

  before(async function () {
    live = await startFaultServer(json(200, LABELS));
    process.on("uncaughtException", onCrash);
    process.on("unhandledRejection", onCrash);
  });
  after(async function () {
    process.off("uncaughtException", onCrash);
    process.off("unhandledRejection", onCrash);
    await live.stop();
  });
  beforeEach(function (done) {
    helper.startServer(done);
  });
  afterEach(function (done) {
    helper.unload().then(() => helper.stopServer(done));
  });

  it("1,000 msgs with the provider down: exactly one caught error each, runtime up, heap bounded", async function () {
    const downUrl = `http://127.0.0.1:${await closedPort()}/ep`;
    await helper.load([configNode, taskNodes, catchNode], flow({ downUrl, liveUrl: live.url + "/ep" }));
    const classify = helper.getNode("classify");
    const perMsg = new Map();
    const results = [];
    helper.getNode("caught").on("input", (msg) => perMsg.set(msg._msgid, (perMsg.get(msg._msgid) ?? []).concat(msg)));
    helper.getNode("out").on("input", (msg) => results.push(msg));

    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    const N = 1000;
    const ids = [];
    for (let i = 0; i < N; i++) {
      const id = `msg-${i}`;
      ids.push(id);
      classify.receive({ _msgid: id, payload: `text number ${i}` });
    }
    await until(() => perMsg.size === N, `${N} caught errors (have ${perMsg.size})`, 30_000);
    // Let any duplicate arrive before counting.
    await new Promise((r) => setTimeout(r, 200));

    results.length.should.equal(0);
    for (const id of ids) {
      const caught = perMsg.get(id);
      should(caught).be.an.Array();
      caught.length.should.equal(1, `msg ${id} was caught ${caught.length} times`);
      caught[0].error.message.should.match(/Could not reach 127\.0\.0\.1:\d+: ECONNREFUSED/);
      caught[0].hf.task.should.equal("text-classification");
    }
    crashes.should.eql([]);

    // The runtime is still up: another node in the same flow answers normally.
    const answered = new Promise((resolve) => helper.getNode("liveOut").once("input", resolve));
    helper.getNode("live").receive({ payload: "still alive?" });
    (await answered).payload[0].label.should.equal("POSITIVE");

    gc();
    const grownMb = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
    grownMb.should.be.below(32, `heap grew by ${grownMb.toFixed(1)} MiB after 1,000 failed msgs`);
  });

  it("a redeploy under load aborts every request, ends every msg once and leaks no sockets, timers or children", async function () {
    const stalled = await startFaultServer(faults.stallBeforeHeaders);
    try {
      const f = flow({ downUrl: stalled.url + "/ep", liveUrl: live.url + "/ep", mcp: true });
      await helper.load([configNode, taskNodes, catchNode, mcpServerNode, mcpToolNode], f);
      await new Promise((r) => setTimeout(r, 50));
      gc();
      const before = resourceCounts();

      const classify = helper.getNode("classify");
      const errors = new Map();
      const sends = [];
      classify.on("call:error", (call) => {
        const msg = call.args[1];
        errors.set(msg._msgid, (errors.get(msg._msgid) ?? 0) + 1);
      });
      classify.on("call:send", (call) => sends.push(call.args[0]));
      // The MCP server starts on first use: one tool call, and its child process is running.
      const toolResult = new Promise((resolve) => helper.getNode("toolOut").once("input", resolve));
      helper.getNode("tool").receive({ payload: {} });
      (await toolResult).payload.should.match(/PATH/);
      (resourceCounts().ProcessWrap ?? 0).should.equal(1, "the MCP stdio server runs as a child process");

      const N = 200;
      for (let i = 0; i < N; i++) classify.receive({ _msgid: `r-${i}`, payload: `waiting ${i}` });
      await until(() => stalled.requests.length === 16, "16 requests in flight (the config's concurrency)");
      stalled.sockets.size.should.equal(16);

      await helper.setFlows(f, "full");
      await until(() => errors.size === N, `${N} ended msgs (have ${errors.size})`);
      await until(() => stalled.sockets.size === 0, `the fake server's sockets to close (open: ${stalled.sockets.size})`);
      await until(() => !resourceCounts().ProcessWrap, "the MCP child process to exit");
      await new Promise((r) => setTimeout(r, 200));

      sends.length.should.equal(0);
      for (const [id, count] of errors) count.should.equal(1, `msg ${id} ended ${count} times`);
      stalled.requests.length.should.equal(16, "queued msgs were refused, not sent after the redeploy");
      crashes.should.eql([]);

      gc();
      const after = resourceCounts();
      if (process.env.DEBUG_FAULTS) console.log(before, after);
      const grew = Object.keys(after).filter((type) => (after[type] ?? 0) > (before[type] ?? 0));
      grew.should.eql([], `resources grew across the redeploy: before ${JSON.stringify(before)}, after ${JSON.stringify(after)}`);
      (after.ProcessWrap ?? 0).should.equal(0);
    } finally {
      await stalled.stop();
    }
  });
});
