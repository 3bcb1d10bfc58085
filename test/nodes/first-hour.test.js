"use strict";
// What a new user meets in the first hour (issue 16), in a real Node-RED runtime against local servers: short
// statuses cut on a word, errors that name the msg property, msg.hf with an Endpoint URL account, a task an
// OpenAI-style endpoint cannot serve refused before sending; plus the example and palette tables.
const should = require("should");
const fs = require("node:fs");
const path = require("node:path");
const net = require("node:net");
const { helper, ourNode, recordStatus } = require("../support/red");
const { FakeServer } = require("../support/fake-server");
const { statusText, STATUS_LIMIT } = require("../../dist/nodes/shared/status-text");
const { PALETTE_ORDER, PALETTE_TYPES } = require("../../dist/nodes/editor/palette-order");
const { EXAMPLE_ACCOUNT } = require("../../dist/nodes/task-table/examples");
const { TASK_NODES, nodeType } = require("../../dist/nodes/task-table");

const ROOT = path.resolve(__dirname, "../..");
const modules = [ourNode("hf-config"), ourNode("hf-tasks")];

/** A flow of one task node on an account with `endpointUrl`, and a helper node catching errors. */
function flow(type, endpointUrl, node = {}) {
  return [
    { id: "tab", type: "tab" },
    { id: "cfg", type: "hf-config", provider: "auto", endpointUrl, timeout: 5, maxRetries: 0 },
    { id: "n", type, z: "tab", config: "cfg", model: "", provider: "", parameters: "", wires: [["out"]], ...node },
    { id: "out", type: "helper", z: "tab" },
  ];
}

/** Captures the error a node reports through done(err) (test-helper records it as node.error). */
function runCatching(msg) {
  const n = helper.getNode("n");
  return new Promise((resolve) => {
    helper.getNode("out").on("input", (m) => resolve({ msg: m }));
    const original = n.error.bind(n);
    n.error = (err, m) => {
      resolve({ error: err instanceof Error ? err : new Error(String(err)), msg: m });
      return original(err, m);
    };
    n.receive(msg);
  });
}

describe("first hour: statuses", function () {
  it("statusText keeps short texts, cuts long ones on a word with an ellipsis, never past the limit", function () {
    statusText("requesting").should.equal("requesting");
    const long = "error: Could not reach 127.0.0.1:9199: ECONNREFUSED (is the server up?)";
    const cut = statusText(long);
    cut.length.should.be.belowOrEqual(STATUS_LIMIT);
    cut.should.endWith("…");
    long.startsWith(cut.slice(0, -1)).should.be.true();
    // Cut at a word end: the next character of the original is a space or punctuation, not a letter.
    long.charAt(cut.length - 1).should.match(/[\s:,.;(]/);
    statusText("x".repeat(100)).length.should.equal(STATUS_LIMIT);
  });

  describe("in a runtime", function () {
    beforeEach(function (done) {
      helper.startServer(done);
    });
    afterEach(function (done) {
      helper.unload().then(() => helper.stopServer(done));
    });

    it("an unreachable endpoint: the red status is short and cut on a word, the error has the full text", async function () {
      const port = await freePort();
      await helper.load(modules, flow("hf-text-classification", `http://127.0.0.1:${port}/some/long/path/to/a/model/endpoint`));
      const statuses = recordStatus(helper.getNode("n"));
      const { error } = await runCatching({ payload: "hello" });
      should.exist(error);
      error.message.should.match(/ECONNREFUSED/);
      const red = statuses.filter((s) => s.fill === "red").pop();
      should.exist(red);
      red.text.length.should.be.belowOrEqual(STATUS_LIMIT);
      for (const s of statuses) if (s.text) s.text.length.should.be.belowOrEqual(STATUS_LIMIT);
      if (red.text.endsWith("…")) {
        const full = `error: ${error.message}`;
        full.startsWith(red.text.slice(0, -1)).should.be.true(`${red.text} is not a cut of ${full}`);
        full.charAt(red.text.length - 1).should.match(/[\s:,.;(]/);
      }
    });
  });
});

describe("first hour: errors in the flow's terms, msg.hf with an endpoint, tasks an OpenAI endpoint cannot serve", function () {
  let server;
  before(async function () {
    server = await new FakeServer().start();
  });
  after(async function () {
    await server.stop();
  });
  beforeEach(function (done) {
    server.reset();
    helper.startServer(done);
  });
  afterEach(function (done) {
    helper.unload().then(() => helper.stopServer(done));
  });

  it("an image that is not an image names msg.payload, not the library's \"inputs\"", async function () {
    await helper.load(modules, flow("hf-image-classification", server.url));
    const { error } = await runCatching({ payload: Buffer.from("this is plain text, not a picture") });
    should.exist(error);
    error.message.should.match(/msg\.payload/);
    error.message.should.not.match(/"inputs/);
    server.requests.length.should.equal(0);
  });

  it("a composite field names where it came from (msg.payload.image)", async function () {
    await helper.load(modules, flow("hf-visual-question-answering", server.url));
    const { error } = await runCatching({ payload: { image: Buffer.from("not an image either"), question: "What is it?" } });
    should.exist(error);
    error.message.should.match(/msg\.payload\.image/);
    error.message.should.not.match(/"inputs/);
  });

  it("msg.hf says the endpoint was used (no credentials in it), and the model sent or null", async function () {
    server.on("POST /ep", { json: [{ label: "POSITIVE", score: 0.9 }] });
    const url = server.url.replace("http://", "http://user:secret@") + "/ep?key=k123";
    await helper.load(modules, flow("hf-text-classification", url));
    const none = await runCatching({ payload: "great" });
    should.not.exist(none.error);
    none.msg.hf.provider.should.equal("endpoint");
    none.msg.hf.endpoint.should.equal(`${server.url}/ep`);
    should(none.msg.hf.model).be.null();
    JSON.stringify(none.msg.hf).should.not.match(/secret|k123/);
    const named = await runCatching({ payload: "great", model: "acme/sentiment" });
    named.msg.hf.model.should.equal("acme/sentiment");
    named.msg.hf.provider.should.equal("endpoint");
  });

  it("text classification on an OpenAI-compatible /v1 endpoint fails before sending, naming what it serves", async function () {
    await helper.load(modules, flow("hf-text-classification", `${server.url}/v1`));
    const statuses = recordStatus(helper.getNode("n"));
    const { error, msg } = await runCatching({ payload: "hello" });
    should.exist(error);
    error.message.should.match(/OpenAI-compatible/);
    error.message.should.match(/chat completion/);
    error.message.should.match(/feature extraction/);
    error.message.should.match(/text-classification/);
    server.requests.length.should.equal(0);
    msg.hf.provider.should.equal("endpoint");
    statuses.filter((s) => s.fill === "red").pop().text.length.should.be.belowOrEqual(STATUS_LIMIT);
  });

  it("embeddings on the same /v1 endpoint still go to /v1/embeddings", async function () {
    server.on("POST /v1/embeddings", { json: { data: [{ index: 0, embedding: [0.1, 0.2] }] } });
    await helper.load(modules, flow("hf-feature-extraction", `${server.url}/v1`));
    const { error, msg } = await runCatching({ payload: "hello" });
    should.not.exist(error);
    JSON.stringify(msg.payload).should.equal("[[0.1,0.2]]");
    server.requests.map((r) => r.path).should.eql(["/v1/embeddings"]);
  });
});

describe("first hour: examples and palette tables", function () {
  const examples = ["chat", "mcp", "tasks"].flatMap((d) =>
    fs.readdirSync(path.join(ROOT, "examples", d)).filter((f) => f.endsWith(".json")).map((f) => path.join("examples", d, f)),
  );

  it("every example uses the one shared account (same id, same settings, no token)", function () {
    for (const file of examples) {
      const nodes = JSON.parse(fs.readFileSync(path.join(ROOT, file), "utf8"));
      const accounts = nodes.filter((n) => n.type === "hf-config");
      if (!accounts.length) continue;
      accounts.should.have.length(1, file);
      accounts[0].should.eql({ ...EXAMPLE_ACCOUNT }, file);
      for (const n of nodes) if (n.config !== undefined) n.config.should.equal(EXAMPLE_ACCOUNT.id, `${file}: ${n.id}`);
    }
  });

  it("every example starts with a comment that says what it needs", function () {
    for (const file of examples) {
      const nodes = JSON.parse(fs.readFileSync(path.join(ROOT, file), "utf8"));
      nodes[0].type.should.equal("comment", file);
      const needs = nodes.some((n) => n.type === "hf-config") ? /token|HF_TOKEN/i : /Needs:/;
      nodes[0].info.should.match(needs, file);
    }
  });

  it("no example reads a file that is not there (no file in node with a fixed path)", function () {
    for (const file of examples) {
      const nodes = JSON.parse(fs.readFileSync(path.join(ROOT, file), "utf8"));
      nodes.filter((n) => n.type === "file in").should.eql([], file);
    }
  });

  it("the palette table lists every task node once, and package.json lists node files in family order", function () {
    new Set(PALETTE_TYPES).size.should.equal(PALETTE_TYPES.length);
    for (const row of TASK_NODES) PALETTE_TYPES.should.containEql(nodeType(row));
    // The flow node types each node file registers, in package.json order, must follow the table's order.
    const pkg = require(path.join(ROOT, "package.json"));
    const html = (set) => {
      const file = path.join(ROOT, pkg["node-red"].nodes[set].replace(/\.js$/, ".html"));
      return fs.readFileSync(file, "utf8");
    };
    const registered = Object.keys(pkg["node-red"].nodes).flatMap((set) =>
      [...html(set).matchAll(/RED\.nodes\.registerType\(\s*"([^"]+)"\s*,\s*\{\s*category:\s*"([^"]+)"/g)].filter((m) => m[2] !== "config").map((m) => m[1]),
    );
    const missing = registered.filter((t) => !PALETTE_TYPES.includes(t));
    missing.should.eql([], `add ${missing.join(", ")} to nodes/editor/palette-order.ts`);
    const ranks = registered.map((t) => PALETTE_TYPES.indexOf(t));
    ranks.should.eql([...ranks].sort((a, b) => a - b), `registration order ${registered.join(", ")}`);
    PALETTE_ORDER.map((f) => f.family).should.eql(["chat and agents", "text", "vision", "audio", "video", "multimodal", "tabular", "MCP", "tools"]);
  });
});

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}
