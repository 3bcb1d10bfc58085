"use strict";
// The foundation's three task nodes and hf-config in a real Node-RED runtime (test helper), against a local
// server standing in for the Hub and the router.
const should = require("should");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { helper, coreNode, ourNode, recordStatus, nextMessages, useLocalHub } = require("../support/red");
const { mappingAnswer } = require("../support/fake-server");

const configNode = ourNode("hf-config");
const taskNodes = ourNode("hf-tasks");
const catchNode = coreNode("common/25-catch.js");

const TOKEN = "hf_nodeTestToken_0123456789";
const MODEL = "distilbert/distilbert-base-uncased-finetuned-sst-2-english";
const LABELS = [[{ label: "NEGATIVE", score: 0.02 }, { label: "POSITIVE", score: 0.98 }]];
const PNG = Buffer.from("89504e470d0a1a0a0000000d494844520000000100000001", "hex");
const WAV = Buffer.concat([Buffer.from("RIFF"), Buffer.alloc(4), Buffer.from("WAVEfmt "), Buffer.alloc(24, 1)]);

describe("nodes: hf-config and the foundation task nodes", function () {
  const local = useLocalHub();
  let server;
  before(function () {
    server = local.server;
  });
  beforeEach(function () {
    server.on(`GET /api/models/${MODEL}`, mappingAnswer(MODEL, { "hf-inference": { providerId: MODEL, status: "live", task: "text-classification" } }));
  });

  function flow(taskType, nodeProps = {}, configProps = {}) {
    return [
      { id: "f1", type: "tab" },
      { id: "cfg", type: "hf-config", name: "hf", ...configProps },
      { id: "n1", z: "f1", type: taskType, config: "cfg", wires: [["out"]], ...nodeProps },
      { id: "out", z: "f1", type: "helper" },
      { id: "catcher", z: "f1", type: "catch", scope: null, uncaught: false, wires: [["caught"]] },
      { id: "caught", z: "f1", type: "helper" },
    ];
  }
  const load = (f, creds = { cfg: { token: TOKEN } }) =>
    new Promise((resolve) => helper.load([configNode, taskNodes, catchNode], f, creds, resolve));

  it("registers the three foundation task types", async function () {
    await load(flow("hf-text-classification", { model: MODEL }));
    for (const type of ["hf-text-classification", "hf-text-to-image", "hf-automatic-speech-recognition"]) {
      should(helper._RED.nodes.getType(type)).be.a.Function();
    }
  });

  it("hf-text-classification: text in, sorted labels and msg.hf out, other properties kept", async function () {
    server.on(`POST /hf-inference/models/${MODEL}`, { json: LABELS, headers: { "x-request-id": "req-42" } });
    await load(flow("hf-text-classification", { model: MODEL }));
    const n1 = helper.getNode("n1");
    const statuses = recordStatus(n1);
    const received = nextMessages(helper.getNode("out"));
    n1.receive({ payload: "I love it", topic: "reviews", keep: { me: 1 } });
    const msg = await received;
    msg.payload.should.eql([{ label: "POSITIVE", score: 0.98 }, { label: "NEGATIVE", score: 0.02 }]);
    msg.topic.should.equal("reviews");
    msg.keep.should.eql({ me: 1 });
    msg.hf.should.containEql({ task: "text-classification", model: MODEL, provider: "hf-inference", requestId: "req-42" });
    msg.hf.durationMs.should.be.a.Number();
    msg.hf.output.should.eql(msg.payload);
    const post = server.requests.find((r) => r.method === "POST");
    post.headers.authorization.should.equal(`Bearer ${TOKEN}`);
    post.json().should.eql({ inputs: "I love it" });
    statuses[0].should.containEql({ fill: "blue", shape: "ring" });
    statuses[statuses.length - 1].should.containEql({ fill: "green", shape: "dot" });
    statuses[statuses.length - 1].text.should.match(/^\d+ ms$/);
  });

  it("uses msg.model / msg.provider when the node's fields are blank and merges msg.parameters", async function () {
    server.on(`POST /hf-inference/models/${MODEL}`, { json: LABELS });
    await load(flow("hf-text-classification", { parameters: '{"top_k": 5, "function_to_apply": "softmax"}' }));
    const received = nextMessages(helper.getNode("out"));
    helper.getNode("n1").receive({ payload: "x", model: MODEL, provider: "hf-inference", parameters: { top_k: 1 } });
    await received;
    server.requests.find((r) => r.method === "POST").json().should.eql({ inputs: "x", parameters: { top_k: 1, function_to_apply: "softmax" } });
  });

  it("sends an error with msg.hf to a Catch node and shows a red ring; no token anywhere", async function () {
    server.on(`POST /hf-inference/models/${MODEL}`, {
      status: 401,
      json: { error: `Invalid credentials in Authorization header (got Bearer ${TOKEN})` },
      headers: { "x-request-id": "req-401" },
    });
    await load(flow("hf-text-classification", { model: MODEL }));
    const n1 = helper.getNode("n1");
    const statuses = recordStatus(n1);
    const caught = nextMessages(helper.getNode("caught"));
    n1.receive({ payload: "x" });
    const msg = await caught;
    msg.error.message.should.match(/Invalid credentials/);
    msg.hf.should.eql({ task: "text-classification", model: MODEL, provider: "hf-inference", status: 401, requestId: "req-401" });
    const last = statuses[statuses.length - 1];
    last.should.containEql({ fill: "red", shape: "ring" });
    last.text.should.match(/^HTTP 401/);
    JSON.stringify({ msg, statuses }).should.not.containEql(TOKEN);
  });

  it("fails fast on wrong input types, before any request", async function () {
    await load(flow("hf-text-classification", { model: MODEL }));
    const caught = nextMessages(helper.getNode("caught"), 3);
    const n1 = helper.getNode("n1");
    n1.receive({ payload: 42 });
    n1.receive({ payload: "" });
    n1.receive({ payload: { text: "x" } });
    const msgs = await caught;
    msgs[0].error.message.should.equal("InputError: Expected msg.payload to be a string, got number");
    msgs[1].error.message.should.equal("InputError: msg.payload is an empty string");
    msgs[2].error.message.should.equal("InputError: Expected msg.payload to be a string, got Object");
    server.requests.filter((r) => r.method === "POST").length.should.equal(0);
  });

  it("reports invalid parameters JSON on each msg", async function () {
    await load(flow("hf-text-classification", { model: MODEL, parameters: "{oops" }));
    const caught = nextMessages(helper.getNode("caught"));
    helper.getNode("n1").receive({ payload: "x" });
    (await caught).error.message.should.match(/^InputError: Invalid parameters JSON in the node/);
  });

  it("limits concurrency per config and refuses msgs beyond the queue limit", async function () {
    const pending = [];
    server.on(`POST /hf-inference/models/${MODEL}`, (req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      pending.push(res);
    });
    await load(flow("hf-text-classification", { model: MODEL }, { concurrency: 1, queueLimit: 1 }));
    const n1 = helper.getNode("n1");
    const caught = nextMessages(helper.getNode("caught"));
    const outs = nextMessages(helper.getNode("out"), 2);
    for (const p of ["a", "b", "c"]) n1.receive({ payload: p });
    const err = await caught;
    err.payload.should.equal("c");
    err.error.message.should.match(/Queue full \(1 requests waiting, 1 running\)/);
    await waitFor(() => pending.length === 1);
    server.requests.filter((r) => r.method === "POST").length.should.equal(1); // one at a time
    pending.shift().end(JSON.stringify(LABELS));
    await waitFor(() => pending.length === 1);
    pending.shift().end(JSON.stringify(LABELS));
    (await outs).map((m) => m.payload[0].label).should.eql(["POSITIVE", "POSITIVE"]);
  });

  it("aborts in-flight requests on redeploy", async function () {
    let closed = false;
    server.on(`POST /hf-inference/models/${MODEL}`, (req, res) => res.on("close", () => (closed = true)));
    await load(flow("hf-text-classification", { model: MODEL }));
    helper.getNode("n1").receive({ payload: "x" });
    await waitFor(() => server.requests.some((r) => r.method === "POST"));
    await helper.unload();
    await waitFor(() => closed);
    closed.should.be.true();
  });

  it("takes the token from HF_TOKEN, then the token file, when the credential is blank", async function () {
    server.on(`POST /hf-inference/models/${MODEL}`, { json: LABELS });
    process.env.HF_TOKEN = "hf_fromEnvironment";
    await load(flow("hf-text-classification", { model: MODEL }), {});
    let received = nextMessages(helper.getNode("out"));
    helper.getNode("n1").receive({ payload: "x" });
    await received;
    server.requests.find((r) => r.method === "POST").headers.authorization.should.equal("Bearer hf_fromEnvironment");
    await helper.unload();

    delete process.env.HF_TOKEN;
    const home = fs.mkdtempSync(path.join(os.tmpdir(), "hf-home-"));
    fs.writeFileSync(path.join(home, "token"), "hf_fromTokenFile\n");
    process.env.HF_HOME = home;
    server.requests = [];
    await load(flow("hf-text-classification", { model: MODEL }), {});
    received = nextMessages(helper.getNode("out"));
    helper.getNode("n1").receive({ payload: "x" });
    await received;
    server.requests.find((r) => r.method === "POST").headers.authorization.should.equal("Bearer hf_fromTokenFile");
    fs.rmSync(home, { recursive: true });
  });

  it("hf-text-to-image: prompt in, image Buffer and contentType out", async function () {
    const model = "stabilityai/stable-diffusion-2";
    server.on(`GET /api/models/${model}`, mappingAnswer(model, { "hf-inference": { providerId: model, status: "live", task: "text-to-image" } }));
    server.on(`POST /hf-inference/models/${model}`, { body: PNG, headers: { "content-type": "image/png" } });
    await load(flow("hf-text-to-image", { model }));
    const received = nextMessages(helper.getNode("out"));
    helper.getNode("n1").receive({ payload: "a cat" });
    const msg = await received;
    Buffer.isBuffer(msg.payload).should.be.true();
    msg.payload.equals(PNG).should.be.true();
    msg.contentType.should.equal("image/png");
    msg.hf.output.should.eql({ contentType: "image/png", bytes: PNG.length });
  });

  it("hf-text-to-image with preview on publishes the image to the editor", async function () {
    const { PREVIEW_TOPIC } = require("../../dist/nodes/shared/preview.js");
    const model = "stabilityai/stable-diffusion-2";
    server.on(`GET /api/models/${model}`, mappingAnswer(model, { "hf-inference": { providerId: model, status: "live", task: "text-to-image" } }));
    server.on(`POST /hf-inference/models/${model}`, { body: PNG, headers: { "content-type": "image/png" } });
    const published = [];
    const onComms = (event) => event.topic.startsWith(PREVIEW_TOPIC) && published.push(event);
    helper._events.on("comms", onComms);
    try {
      await load(flow("hf-text-to-image", { model, preview: true }));
      const received = nextMessages(helper.getNode("out"));
      helper.getNode("n1").receive({ payload: "a cat" });
      await received;
      await waitFor(() => published.length > 0);
      JSON.stringify(published[0].data).should.containEql(`data:image/png;base64,${PNG.toString("base64")}`);
    } finally {
      helper._events.removeListener("comms", onComms);
    }
  });

  it("hf-automatic-speech-recognition: audio Buffer in, text out; URL and path strings refused by default", async function () {
    const model = "openai/whisper-large-v3";
    server.on(`GET /api/models/${model}`, mappingAnswer(model, { "hf-inference": { providerId: model, status: "live", task: "automatic-speech-recognition" } }));
    server.on(`POST /hf-inference/models/${model}`, { json: { text: "hello there", chunks: [] } });
    await load(flow("hf-automatic-speech-recognition", { model }));
    const n1 = helper.getNode("n1");
    const received = nextMessages(helper.getNode("out"));
    n1.receive({ payload: WAV });
    const msg = await received;
    msg.payload.should.equal("hello there");
    msg.hf.output.should.eql({ text: "hello there", chunks: [] });
    const post = server.requests.find((r) => r.method === "POST");
    post.body.equals(WAV).should.be.true();
    post.headers["content-type"].should.equal("audio/wav");

    const caught = nextMessages(helper.getNode("caught"), 2);
    n1.receive({ payload: `${server.url}/secret` });
    n1.receive({ payload: "/etc/passwd" });
    for (const m of await caught) m.error.message.should.match(/reading audio from a URL or file path is off/);
    server.requests.filter((r) => r.method === "GET" && r.path === "/secret").length.should.equal(0);
  });

  it("reads a URL input when the node allows it", async function () {
    const model = "openai/whisper-large-v3";
    server.on(`GET /api/models/${model}`, mappingAnswer(model, { "hf-inference": { providerId: model, status: "live", task: "automatic-speech-recognition" } }));
    server.on(`POST /hf-inference/models/${model}`, { json: { text: "from a url" } });
    server.on("GET /clip.wav", { body: WAV, headers: { "content-type": "audio/wav" } });
    // The test server is on 127.0.0.1, which URL inputs may reach only when settings.js allows it.
    helper.settings({ hfInference: { allowPrivateUrls: ["127.0.0.1"] } });
    await load(flow("hf-automatic-speech-recognition", { model, allowUrlInputs: true })).finally(() => helper.settings({}));
    const received = nextMessages(helper.getNode("out"));
    helper.getNode("n1").receive({ payload: `${server.url}/clip.wav` });
    (await received).payload.should.equal("from a url");
    should(server.requests.find((r) => r.path === "/clip.wav").headers.authorization).be.undefined();
  });

  it("uses the config's endpointUrl with no Hub look-up", async function () {
    server.on("POST /my-endpoint", { json: LABELS });
    await load(flow("hf-text-classification", {}, { endpointUrl: `${server.url}/my-endpoint` }));
    const received = nextMessages(helper.getNode("out"));
    helper.getNode("n1").receive({ payload: "x" });
    (await received).payload[0].label.should.equal("POSITIVE");
    server.requests.map((r) => `${r.method} ${r.path}`).should.eql(["POST /my-endpoint"]);
  });
});

async function waitFor(predicate, ms = 5000) {
  const until = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > until) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 10));
  }
}
