"use strict";
// McpClient / McpServerConnection against real MCP servers: server-everything and server-filesystem over stdio,
// and the SDK-built test server over Streamable HTTP and SSE on 127.0.0.1.
const should = require("should");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { McpClient, McpServerConnection, childEnvironment } = require("../../../dist/lib");
const { startMcpHttpServer } = require("../../support/mcp-http-server");
const { everything, FILESYSTEM_BIN, alive, until, eventually } = require("./everything");

describe("lib/mcp: McpClient", function () {
  this.timeout(30000);
  const cleanups = [];
  afterEach(async function () {
    while (cleanups.length) await cleanups.pop()();
  });
  async function http(options) {
    const server = await startMcpHttpServer(options);
    cleanups.push(() => server.stop());
    return server;
  }
  function client(options) {
    const c = new McpClient(options);
    cleanups.push(() => c.cleanup());
    return c;
  }

  describe("stdio (server-everything)", function () {
    it("lists the tools and calls one", async function () {
      const c = client();
      await c.addMcpServer(everything());
      const names = c.availableTools.map((t) => t.function.name);
      names.should.containEql("echo");
      names.should.containEql("get-sum");
      c.availableTools[0].should.have.property("type", "function");
      const result = await c.callTool("get-sum", { a: 2, b: 40 });
      result.content[0].text.should.match(/42/);
    });

    it("gives the child a minimal environment plus the configured variables, never the parent's", async function () {
      process.env.HF_MCP_TEST_SECRET = "must-not-leak-1234";
      try {
        const c = client();
        await c.addMcpServer(everything({ env: { MY_SETTING: "on" } }));
        const env = JSON.parse((await c.callTool("get-env", {})).content[0].text);
        env.should.have.property("MY_SETTING", "on");
        env.should.not.have.property("HF_MCP_TEST_SECRET");
        env.should.have.property("PATH", process.env.PATH);
        const allowed = new Set([...Object.keys(childEnvironment({})), "MY_SETTING"]);
        Object.keys(env).filter((k) => !allowed.has(k)).should.eql([]);
      } finally {
        delete process.env.HF_MCP_TEST_SECRET;
      }
    });

    it("summarises images for the model and caps the text of a result", async function () {
      const c = client({ maxResultChars: 120 });
      await c.addMcpServer(everything());
      const image = await c.callTool("get-tiny-image", {});
      image.content.map((x) => x.type).should.containEql("image");
      const text = new McpClient().formatResult(image);
      text.should.match(/\[Binary Content: Image image\/png, \d+ bytes\]/);
      text.should.not.containEql(image.content.find((x) => x.type === "image").data.slice(0, 40));
      const long = c.formatResult({ content: [{ type: "text", text: "y".repeat(1000) }] });
      long.length.should.be.belowOrEqual(120);
      long.should.match(/truncated: \d+ more characters of 1000/);
    });

    it("aborting a call rejects with McpError -32001; a timeout does too", async function () {
      const c = client();
      await c.addMcpServer(everything());
      const controller = new AbortController();
      const call = c.callTool("trigger-long-running-operation", { duration: 20, steps: 20 }, { signal: controller.signal });
      setImmediate(() => controller.abort());
      const err = await call.then(() => null, (e) => e);
      should.exist(err);
      err.should.have.property("code", -32001);
      const timedOut = await c.callTool("trigger-long-running-operation", { duration: 20, steps: 20 }, { timeout: 150 }).then(() => null, (e) => e);
      timedOut.should.have.property("code", -32001);
      timedOut.message.should.match(/timed out/i);
    });

    it("reconnects on the next use after the server dies, and ends the child on close", async function () {
      const connection = new McpServerConnection(everything({ name: "ev" }));
      cleanups.push(() => connection.close());
      await connection.listTools();
      const first = connection.pid;
      should.exist(first);
      const lost = until(connection, "state", (s) => s === "error");
      process.kill(first, "SIGKILL");
      await lost;
      connection.state.should.equal("error");
      connection.lastError.message.should.match(/disconnected/);
      const result = await connection.callTool("echo", { message: "again" });
      result.content[0].text.should.match(/again/);
      const second = connection.pid;
      second.should.not.equal(first);
      await connection.close();
      connection.state.should.equal("closed");
      alive(second).should.be.false();
      await connection.callTool("echo", { message: "x" }).should.be.rejectedWith(/closed/);
    });

    it("a server that fails to start: the error names it, quotes its stderr, and never its env values", async function () {
      const c = client();
      const secret = "supersecret-abc-123";
      const failing = { type: "stdio", name: "broken", command: process.execPath, args: ["-e", "console.error('token is ' + process.env.MY_TOKEN); process.exit(3)"], env: { MY_TOKEN: secret } };
      const err = await c.addMcpServer(failing).then(() => null, (e) => e);
      should.exist(err);
      err.message.should.match(/MCP server "broken"/);
      err.message.should.match(/stderr: token is \[redacted\]/);
      err.message.should.not.containEql(secret);
    });

    it("filesystem server in a temporary folder, with an allowed-tools filter", async function () {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hf-mcp-fs-"));
      cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
      fs.writeFileSync(path.join(dir, "hello.txt"), "hello from the file");
      const c = client();
      await c.addMcpServer({ type: "stdio", command: process.execPath, args: [FILESYSTEM_BIN, dir], allowedTools: ["read_text_file", "list_directory"] });
      c.availableTools.map((t) => t.function.name).sort().should.eql(["list_directory", "read_text_file"]);
      const read = await c.callTool("read_text_file", { path: path.join(dir, "hello.txt") });
      read.content[0].text.should.equal("hello from the file");
      await c.servers[0].callTool("write_file", { path: path.join(dir, "x.txt"), content: "no" }).should.be.rejectedWith(/not allowed/);
      fs.existsSync(path.join(dir, "x.txt")).should.be.false();
    });
  });

  describe("HTTP", function () {
    it("Streamable HTTP with headers, every page of tools, refreshed on list_changed", async function () {
      const server = await http({ modes: ["streamable"], pageSize: 2, requireHeaders: { authorization: "Bearer s3cret" } });
      const c = client();
      const connection = await c.addMcpServer({ type: "http", url: server.url, headers: { Authorization: "Bearer s3cret" } });
      connection.httpTransport.should.equal("streamable-http");
      c.availableTools.map((t) => t.function.name).should.eql(["echo", "slow", "big", "tool-1", "tool-2", "tool-3"]);
      const changed = until(connection, "tools", (tools) => tools.some((t) => t.name === "late"));
      await server.addTool("late");
      await changed;
      c.availableTools.map((t) => t.function.name).should.containEql("late");
      (await c.callTool("late", { text: "x" })).content[0].text.should.equal("late: x");
    });

    it("refuses to connect without the right headers", async function () {
      const server = await http({ requireHeaders: { authorization: "Bearer s3cret" } });
      const c = client();
      await c.addMcpServer({ type: "http", url: server.url, headers: { Authorization: "Bearer wrong" } }).should.be.rejected();
      c.servers[0].state.should.equal("error");
    });

    it("falls back to SSE when Streamable HTTP is not served; type sse goes straight to SSE", async function () {
      const server = await http({ modes: ["sse"] });
      const c = client();
      const viaHttp = await c.addMcpServer({ type: "http", url: server.url, name: "a" });
      viaHttp.httpTransport.should.equal("sse");
      const viaSse = await c.addMcpServer({ type: "sse", url: server.url, name: "b" });
      viaSse.httpTransport.should.equal("sse");
      server.requests.filter((r) => r.method === "POST" && r.path === "/mcp").length.should.equal(1); // only the first tried HTTP
      (await c.callTool("echo", { text: "hi" })).content[0].text.should.equal("echo: hi");
    });

    it("resolves name clashes: the first server keeps the name, later ones get <server>__<tool>", async function () {
      const a = await http({ label: "A:", fillers: 0 });
      const b = await http({ label: "B:", fillers: 0 });
      const c = client({ reservedToolNames: ["big"] });
      await c.addMcpServers([
        { type: "http", url: a.url, name: "alpha" },
        { type: "http", url: b.url, name: "beta server" },
      ]);
      c.availableTools.map((t) => t.function.name).should.eql(["echo", "slow", "alpha__big", "beta_server__echo", "beta_server__slow", "beta_server__big"]);
      (await c.callTool("echo", { text: "1" })).content[0].text.should.equal("A:echo: 1");
      (await c.callTool("beta_server__echo", { text: "2" })).content[0].text.should.equal("B:echo: 2");
      c.route("beta_server__echo").tool.should.equal("echo");
    });

    it("cancels a call on the server when aborted", async function () {
      const server = await http();
      const c = client();
      await c.addMcpServer({ type: "http", url: server.url });
      const controller = new AbortController();
      const call = c.callTool("slow", { ms: 20000 }, { signal: controller.signal });
      (await eventually(() => server.started.length)).should.equal(1);
      controller.abort();
      const err = await call.then(() => null, (e) => e);
      err.should.have.property("code", -32001);
      (await eventually(() => server.cancelled.length)).should.equal(1);
      server.cancelled[0].should.eql({ name: "slow", arguments: { ms: 20000 } });
    });
  });
});
