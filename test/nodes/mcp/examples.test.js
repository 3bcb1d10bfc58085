"use strict";
// The MCP example flows deploy and run: the same JSON users import, with `npx -y <package>` swapped for the
// installed package run by node (no network) and the agent's account pointed at a scripted local model.
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const should = require("should");
const { helper, coreNode, ourNode } = require("../../support/red");
const { startScriptedLlm } = require("../../support/scripted-llm");
const { EVERYTHING_BIN, FILESYSTEM_BIN } = require("../../lib/mcp/everything");

const NODES = [ourNode("hf-config"), ourNode("hf-mcp-server"), ourNode("hf-mcp-tool"), ourNode("hf-agent"),
  coreNode("common/20-inject.js"), coreNode("common/21-debug.js"), coreNode("common/25-catch.js"), coreNode("common/90-comment.js"),
  coreNode("function/15-change.js")];
const EXAMPLES = path.resolve(__dirname, "../../../examples/mcp");
const LOCAL_BINS = { "@modelcontextprotocol/server-everything": EVERYTHING_BIN, "@modelcontextprotocol/server-filesystem": FILESYSTEM_BIN };

/** The example on a tab, its npx servers run from node_modules. */
function example(file, patch = () => undefined) {
  const flow = JSON.parse(fs.readFileSync(path.join(EXAMPLES, file), "utf8"));
  for (const n of flow) {
    if (n.type === "hf-mcp-server" && n.command === "npx") {
      const [pkg, ...rest] = n.args.filter((a) => a !== "-y");
      n.command = process.execPath;
      n.args = [LOCAL_BINS[pkg], ...rest];
    }
    if (!["hf-mcp-server", "hf-config"].includes(n.type)) n.z = "tab";
    patch(n);
  }
  return [{ id: "tab", type: "tab" }, ...flow];
}

/** Resolves with the next msg the debug node named `name` gets. */
function debugged(name) {
  let node;
  helper._RED.nodes.eachNode((n) => {
    if (n.type === "debug" && n.name === name) node = helper.getNode(n.id);
  });
  return new Promise((resolve) => node.on("input", resolve));
}

function inject(name) {
  let id;
  helper._RED.nodes.eachNode((n) => {
    if (n.type === "inject" && n.name === name) id = n.id;
  });
  helper.getNode(id).receive({});
}

describe("examples/mcp", function () {
  this.timeout(30000);
  beforeEach(function (done) {
    helper.startServer(done);
  });
  afterEach(function (done) {
    helper.unload().then(() => helper.stopServer(done));
  });
  const load = (flow, creds = {}) => new Promise((resolve, reject) => helper.load(NODES, flow, creds, (e) => (e ? reject(e) : resolve())));

  it("every example starts with a comment node", function () {
    const files = fs.readdirSync(EXAMPLES).filter((f) => f.endsWith(".json"));
    files.length.should.be.aboveOrEqual(3);
    for (const f of files) JSON.parse(fs.readFileSync(path.join(EXAMPLES, f), "utf8"))[0].type.should.equal("comment", f);
  });

  it("01: lists tools and echoes", async function () {
    await load(example("01-mcp-tool-everything.json"));
    let result = debugged("result");
    inject("list tools");
    (await result).payload.map((t) => t.name).should.containEql("echo");
    result = debugged("result");
    inject("echo");
    (await result).payload.should.equal("Echo: Hello from Node-RED");
  });

  it("02: writes a file and reads it back through the filesystem server (no file needed beforehand)", async function () {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hf-mcp-example-"));
    try {
      // The example's /tmp becomes a fresh empty folder: it must run with nothing prepared.
      await load(example("02-mcp-tool-filesystem.json", (n) => {
        if (n.type === "hf-mcp-server") n.args = n.args.map((a) => (a === "/tmp" ? dir : a));
        if (n.type === "inject") n.payload = n.payload.split("/tmp").join(dir);
        if (n.type === "change") n.rules.forEach((r) => (r.to = r.to.split("/tmp").join(dir)));
      }));
      const result = debugged("result");
      inject("write and read hello-node-red.txt");
      (await result).payload.should.equal("Hello from Node-RED\n");
      fs.readFileSync(path.join(dir, "hello-node-red.txt"), "utf8").should.equal("Hello from Node-RED\n");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("03: the agent answers with a tool", async function () {
    const llm = await startScriptedLlm([
      { toolCalls: [{ name: "get-sum", arguments: { a: 1234, b: 5678 } }] },
      (body) => ({ content: `The sum: ${body.messages.at(-1).content}` }),
    ]);
    try {
      await load(example("03-agent.json", (n) => {
        if (n.type === "hf-config") n.endpointUrl = llm.url;
      }), {});
      const answer = debugged("answer");
      inject("ask");
      (await answer).payload.should.match(/The sum: .*6912/);
    } finally {
      await llm.stop();
    }
  });
});
