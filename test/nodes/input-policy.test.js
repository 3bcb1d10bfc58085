"use strict";
// "Allow URL / file inputs" in a real Node-RED runtime: what the inputs may reach comes from settings.js
// (`hfInference: {fileInputDirs, allowPrivateUrls}`), by default files in the Node-RED user dir only and URLs on
// public addresses only; and what is read gets the checks a Buffer gets (image format, size) before anything is sent.
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const should = require("should");
const { helper, coreNode, ourNode, nextMessages } = require("../support/red");
const { FakeServer } = require("../support/fake-server");

const configNode = ourNode("hf-config");
const taskNodes = ourNode("hf-tasks");
const chatNode = ourNode("hf-chat");
const catchNode = coreNode("common/25-catch.js");

const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=", "base64");
const LABELS = [{ label: "cat", score: 0.9 }];

describe("nodes: URL and file inputs reach only what settings.js allows", function () {
  this.timeout(20_000);
  let server;
  let userDir;
  let otherDir;
  before(async function () {
    server = await new FakeServer().start();
    userDir = fs.mkdtempSync(path.join(os.tmpdir(), "hf-userdir-"));
    otherDir = fs.mkdtempSync(path.join(os.tmpdir(), "hf-other-"));
    fs.writeFileSync(path.join(userDir, "cat.png"), PNG);
    fs.writeFileSync(path.join(userDir, "notes.txt"), "not an image, just text");
    fs.symlinkSync("/etc/passwd", path.join(userDir, "escape.png"));
    fs.writeFileSync(path.join(otherDir, "dog.png"), PNG);
    const fd = fs.openSync(path.join(userDir, "huge.png"), "w");
    fs.writeSync(fd, PNG, 0, PNG.length, 0);
    fs.ftruncateSync(fd, 300 * 1024 * 1024);
    fs.closeSync(fd);
  });
  after(async function () {
    await server.stop();
    fs.rmSync(userDir, { recursive: true, force: true });
    fs.rmSync(otherDir, { recursive: true, force: true });
  });
  beforeEach(function (done) {
    server.reset();
    server.on("POST /ep", { json: LABELS });
    server.on("POST /ep/v1/chat/completions", { json: { choices: [{ index: 0, message: { role: "assistant", content: "a cat" }, finish_reason: "stop" }] } });
    server.on("GET /cat.png", { body: PNG, headers: { "content-type": "image/png" } });
    server.on("GET /to-loopback", (req, res) => {
      res.writeHead(302, { location: `${server.url}/cat.png` });
      res.end();
    });
    helper.startServer(done);
  });
  afterEach(function (done) {
    helper.settings({});
    helper.unload().then(() => helper.stopServer(done));
  });

  async function load(settings) {
    helper.settings({ userDir, ...settings });
    const flow = [
      { id: "f1", type: "tab" },
      { id: "cfg", type: "hf-config", endpointUrl: `${server.url}/ep`, maxRetries: 0, timeout: 10 },
      { id: "img", z: "f1", type: "hf-image-classification", config: "cfg", allowUrlInputs: true, wires: [["out"]] },
      { id: "chat", z: "f1", type: "hf-chat", config: "cfg", model: "m", allowUrlInputs: true, wires: [[], ["out"]] },
      { id: "out", z: "f1", type: "helper" },
      { id: "catcher", z: "f1", type: "catch", scope: null, uncaught: false, wires: [["caught"]] },
      { id: "caught", z: "f1", type: "helper" },
    ];
    await helper.load([configNode, taskNodes, chatNode, catchNode], flow, { cfg: { token: "hf_inputPolicyToken_123" } });
  }

  /** Sends one msg to a node; resolves with {msg} or {error} (the Catch node's msg). */
  function send(nodeId, msg) {
    const out = nextMessages(helper.getNode("out")).then((m) => ({ msg: m }));
    const caught = nextMessages(helper.getNode("caught")).then((m) => ({ error: m.error.message }));
    helper.getNode(nodeId).receive(msg);
    return Promise.race([out, caught]);
  }
  const posts = () => server.requests.filter((r) => r.method === "POST");

  it("by default: a file in the user dir is read; /etc/passwd, /proc/self/environ and a link out of it are refused", async function () {
    await load({});
    const ok = await send("img", { payload: path.join(userDir, "cat.png") });
    should(ok.error).be.undefined();
    ok.msg.payload.should.eql(LABELS);
    posts()[0].body.equals(PNG).should.be.true();
    for (const payload of ["/etc/passwd", "file:///proc/self/environ", path.join(userDir, "escape.png"), path.join(otherDir, "dog.png")]) {
      const { error } = await send("img", { payload });
      should(error, payload).match(/outside the folders file inputs may read from/);
    }
    posts().should.have.length(1);
  });

  it("what a file holds is checked as a Buffer's bytes would be: not an image, or too large, is refused unsent", async function () {
    await load({});
    (await send("img", { payload: path.join(userDir, "notes.txt") })).error.should.match(/not a known image format/);
    (await send("img", { payload: path.join(userDir, "huge.png") })).error.should.match(/larger than the limit \(314572800 > 26214400 bytes\)/);
    posts().should.have.length(0);
  });

  it("a text file in the user dir (settings.js, credentials) is not posted as audio", async function () {
    fs.writeFileSync(path.join(userDir, "flows_cred.json"), JSON.stringify({ $: "0123456789abcdef" }));
    const flow = [
      { id: "f2", type: "tab" },
      { id: "cfg2", type: "hf-config", endpointUrl: `${server.url}/ep`, maxRetries: 0 },
      { id: "asr", z: "f2", type: "hf-automatic-speech-recognition", config: "cfg2", allowUrlInputs: true, wires: [["out2"]] },
      { id: "out2", z: "f2", type: "helper" },
      { id: "catcher2", z: "f2", type: "catch", scope: null, uncaught: false, wires: [["caught2"]] },
      { id: "caught2", z: "f2", type: "helper" },
    ];
    helper.settings({ userDir });
    await helper.load([configNode, taskNodes, catchNode], flow, { cfg2: { token: "hf_inputPolicyToken_123" } });
    const caught = nextMessages(helper.getNode("caught2"));
    helper.getNode("asr").receive({ payload: path.join(userDir, "flows_cred.json") });
    (await caught).error.message.should.match(/msg\.payload is text, not audio/);
    posts().should.have.length(0);
  });

  it("hfInference.fileInputDirs replaces the default folder", async function () {
    await load({ hfInference: { fileInputDirs: [otherDir] } });
    (await send("img", { payload: path.join(otherDir, "dog.png") })).msg.payload.should.eql(LABELS);
    (await send("img", { payload: path.join(userDir, "cat.png") })).error.should.match(/outside the folders/);
  });

  it("a URL on 127.0.0.1 is refused by default; allowed with allowPrivateUrls: true", async function () {
    await load({});
    (await send("img", { payload: `${server.url}/cat.png` })).error.should.match(/127\.0\.0\.1 is a loopback address/);
    server.requests.should.have.length(0);
    await helper.unload();
    await load({ hfInference: { allowPrivateUrls: true } });
    (await send("img", { payload: `${server.url}/cat.png` })).msg.payload.should.eql(LABELS);
  });

  it("allowPrivateUrls as a list allows those hosts only: a redirect from one to another private address is refused", async function () {
    await load({ hfInference: { allowPrivateUrls: ["localhost"] } });
    const port = new URL(server.url).port;
    const { error } = await send("img", { payload: `http://localhost:${port}/to-loopback` });
    error.should.match(/127\.0\.0\.1 is a loopback address/);
    server.requests.map((r) => `${r.method} ${r.path}`).should.eql(["GET /to-loopback"]);
  });

  it("hf-chat images from files follow the same folders", async function () {
    await load({});
    (await send("chat", { payload: "what is it?", images: "/etc/passwd" })).error.should.match(/outside the folders/);
    const ok = await send("chat", { payload: "what is it?", images: path.join(userDir, "cat.png") });
    ok.msg.payload.should.equal("a cat");
    posts()[0].json().messages[0].content[1].image_url.url.should.equal(`data:image/png;base64,${PNG.toString("base64")}`);
  });
});
