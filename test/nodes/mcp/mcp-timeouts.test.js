"use strict";
// Every MCP step (connect, list, call) is bounded by hf-mcp-tool's timeout, in a real Node-RED runtime, against
// servers that take a connection and never answer: an HTTP server that never responds, and a stdio "server" that
// reads stdin and never replies to `initialize`. A step that timed out leaves no child process or open request
// behind, and the next msg starts a fresh connection.
const fs = require("node:fs");
const http = require("node:http");
const os = require("node:os");
const path = require("node:path");
const should = require("should");
const { helper, coreNode, ourNode } = require("../../support/red");
const { alive, eventually } = require("../../lib/mcp/everything");
const lib = require("../../../dist/lib");

const NODES = [ourNode("hf-mcp-server"), ourNode("hf-mcp-tool"), coreNode("common/25-catch.js")];
const SILENT_STDIO = path.resolve(__dirname, "../../support/mcp-silent-stdio.js");
const TIMEOUT_CODE = -32001; // the SDK's RequestTimeout, as a tool call that runs out of time

/** An HTTP server that takes every request and never answers; it keeps the requests still open. */
async function startSilentHttp() {
  const open = new Set();
  let seen = 0;
  const server = http.createServer((req, res) => {
    seen++;
    open.add(res);
    res.on("close", () => open.delete(res));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/mcp`,
    open,
    seen: () => seen,
    stop: () => {
      for (const res of open) res.destroy();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

describe("nodes: MCP steps are bounded by hf-mcp-tool's timeout", function () {
  this.timeout(20000); // far above the 0.5 s node timeout, far below the SDK's 60 s default
  let dir;
  beforeEach(function (done) {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "mcp-timeout-"));
    helper.startServer(done);
  });
  afterEach(function (done) {
    helper.unload().then(() => helper.stopServer(done));
  });

  /** Results in arrival order (result msgs and caught errors), and who waits for the next one. */
  let results;
  let waiting;
  const arrive = (result) => (waiting ? (waiting(result), (waiting = undefined)) : results.push(result));
  const load = (server, toolProps) =>
    new Promise((resolve, reject) =>
      helper.load(
        NODES,
        [
          { id: "f1", type: "tab" },
          server,
          { id: "tool", z: "f1", type: "hf-mcp-tool", server: "srv", action: "call", tool: "echo", timeout: 0.5, wires: [["out"]], ...toolProps },
          { id: "out", z: "f1", type: "helper" },
          { id: "catcher", z: "f1", type: "catch", scope: ["tool"], uncaught: false, wires: [["caught"]] },
          { id: "caught", z: "f1", type: "helper" },
        ],
        {},
        (err) => {
          if (err) return reject(err);
          results = [];
          helper.getNode("out").on("input", (m) => arrive({ msg: m }));
          helper.getNode("caught").on("input", (m) => arrive({ error: m.error }));
          resolve();
        },
      ),
    );

  /** Sends one msg; resolves with the result msg or the caught error. */
  function send(msg) {
    const result = new Promise((resolve) => (results.length ? resolve(results.shift()) : (waiting = resolve)));
    helper.getNode("tool").receive(msg);
    return result;
  }

  function expectTimeout({ error, msg }, step) {
    should.exist(error, `${step}: no error, got ${JSON.stringify(msg?.payload)}`);
    error.message.should.match(/timed out/);
    error.message.should.match(new RegExp(step));
    should(error.source.id).equal("tool");
  }

  const pids = (file) => (fs.existsSync(file) ? fs.readFileSync(file, "utf8").trim().split("\n").filter(Boolean).map(Number) : []);

  for (const action of ["call", "list"]) {
    it(`HTTP server that never answers: ${action} fails with a timeout, the request is closed, the next msg tries again`, async function () {
      const silent = await startSilentHttp();
      try {
        await load({ id: "srv", type: "hf-mcp-server", name: "silent", transport: "http", url: silent.url }, { action });
        expectTimeout(await send({ payload: { text: "hi" } }), "connecting");
        // Nothing stays open at the server: neither the Streamable HTTP POST nor the SSE fallback's GET.
        (await eventually(() => silent.open.size === 0)).should.be.true();
        const before = silent.seen();
        expectTimeout(await send({ payload: { text: "again" } }), "connecting");
        silent.seen().should.be.above(before);
        (await eventually(() => silent.open.size === 0)).should.be.true();
      } finally {
        await silent.stop();
      }
    });
  }

  it("stdio server that never answers initialize: a timeout, the child is ended, the next msg starts a new one that works", async function () {
    const pidFile = path.join(dir, "pids");
    const silentFlag = path.join(dir, "silent");
    fs.writeFileSync(silentFlag, "");
    await load({ id: "srv", type: "hf-mcp-server", name: "silent", transport: "stdio", command: process.execPath, args: [SILENT_STDIO, pidFile, silentFlag] }, {
      timeout: 4, // room for a child that answers to start and load the SDK on a busy machine
    });
    const first = await send({ payload: { text: "hi" } });
    expectTimeout(first, "connecting");
    should(first.error.code).equal(TIMEOUT_CODE);
    const [child] = pids(pidFile);
    should.exist(child);
    (await eventually(() => !alive(child), 400)).should.be.true("the silent child is still running");

    fs.unlinkSync(silentFlag); // the next child answers
    const second = await send({ payload: { text: "again" } });
    should(second.error).be.undefined();
    second.msg.payload.should.equal("echo: again");
    pids(pidFile).length.should.equal(2);
  });

  it("a tool call that outlasts the timeout after connecting fails with the SDK's timeout", async function () {
    const { startMcpHttpServer } = require("../../support/mcp-http-server");
    const server = await startMcpHttpServer();
    try {
      await load({ id: "srv", type: "hf-mcp-server", name: "slow", transport: "http", url: server.url }, { tool: "slow" });
      const { error } = await send({ payload: { ms: 5000 } });
      should.exist(error);
      error.message.should.match(/timed out/i);
    } finally {
      await server.stop();
    }
  });
});

describe("lib: McpServerConnection and Agent bound connecting by the caller's timeout", function () {
  this.timeout(20000);

  it("callers waiting on one attempt each get their own timeout; the attempt stops when the last gives up", async function () {
    const silent = await startSilentHttp();
    const connection = new lib.McpServerConnection({ type: "http", url: silent.url, name: "silent" });
    try {
      const short = connection.listTools({ timeout: 200 }).then(() => "listed", (e) => e);
      const long = connection.listTools({ timeout: 1500 }).then(() => "listed", (e) => e);
      const shortError = await short;
      shortError.code.should.equal(TIMEOUT_CODE);
      // The longer caller still waits: the attempt goes on while someone waits for it.
      silent.open.size.should.be.above(0);
      const longError = await long;
      longError.code.should.equal(TIMEOUT_CODE);
      (await eventually(() => silent.open.size === 0)).should.be.true();
      connection.state.should.equal("error");
    } finally {
      await connection.close();
      await silent.stop();
    }
  });

  it("Agent.loadTools gives up at its timeout", async function () {
    const silent = await startSilentHttp();
    const agent = new lib.Agent({ model: "m", endpointUrl: "http://127.0.0.1:9", servers: [{ type: "http", url: silent.url }] });
    try {
      const error = await agent.loadTools({ timeout: 300 }).then(() => undefined, (e) => e);
      should.exist(error);
      error.code.should.equal(TIMEOUT_CODE);
    } finally {
      await agent.cleanup();
      await silent.stop();
    }
  });
});
