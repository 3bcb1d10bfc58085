"use strict";
// The call's own timeout governs every wait (response head, body, stream idle, downloads), whatever the
// dispatcher's defaults: undici's 300 s headers/body timeouts used to cut long calls short, as an unnamed
// InferenceClientError. Shown here at a small scale: a dispatcher whose own timeouts are 1 s (undici's timers
// run at about one-second resolution, so smaller values would not fire any sooner) and a server 2.5 s slow.
const should = require("should");
const { Agent } = require("undici");
const { FakeServer } = require("../support/fake-server");
const lib = require("../../dist/lib");

describe("lib timeouts: the call's budget, not the dispatcher's defaults", function () {
  this.timeout(20_000);
  let server;
  let impatient;
  before(async function () {
    server = await new FakeServer().start();
    // As undici's defaults (300 s) would, at test scale.
    impatient = new Agent({ headersTimeout: 1000, bodyTimeout: 1000 });
  });
  after(async function () {
    await impatient.close();
    await server.stop();
  });
  beforeEach(function () {
    server.reset();
  });

  const LABELS = [{ label: "POSITIVE", score: 0.9 }];
  const SLOW = 2500;
  const later = (ms, fn) => (req, res) => setTimeout(() => fn(req, res), ms);
  const client = (opts) => new lib.InferenceClient("hf_tok", { endpointUrl: `${server.url}/ep`, maxRetries: 0, dispatcher: impatient, ...opts });

  it("a head that comes after the dispatcher's headersTimeout but within the call's timeout is waited for", async function () {
    server.on("POST /ep", later(SLOW, (req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(LABELS));
    }));
    (await client({ timeout: 6000 }).textClassification({ inputs: "x" })).should.eql(LABELS);
  });

  it("a body that pauses past the dispatcher's bodyTimeout but within the call's timeout is read", async function () {
    server.on("POST /ep", (req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      const text = JSON.stringify(LABELS);
      res.write(text.slice(0, 5));
      setTimeout(() => res.end(text.slice(5)), SLOW);
    });
    (await client({ timeout: 6000 }).textClassification({ inputs: "x" })).should.eql(LABELS);
  });

  it("without a call timeout, the documented cap (300 s per wait) applies, not the dispatcher's", async function () {
    server.on("POST /ep", later(SLOW, (req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(LABELS));
    }));
    (await client({}).textClassification({ inputs: "x" })).should.eql(LABELS);
  });

  it("the same through undici's global dispatcher (setGlobalDispatcher, as Node-RED's nodes use it)", async function () {
    const { getGlobalDispatcher, setGlobalDispatcher } = require("undici");
    const previous = getGlobalDispatcher();
    setGlobalDispatcher(impatient);
    try {
      server.on("POST /ep", later(SLOW, (req, res) => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify(LABELS));
      }));
      (await client({ timeout: 6000, dispatcher: undefined }).textClassification({ inputs: "x" })).should.eql(LABELS);
    } finally {
      setGlobalDispatcher(previous);
    }
  });

  it("a slow server past the call's timeout raises InferenceTimeoutError", async function () {
    server.on("POST /ep", later(3000, (req, res) => res.end("{}")));
    const err = await client({ timeout: 300 }).textClassification({ inputs: "x" }).then(() => null, (e) => e);
    should(err).be.instanceOf(lib.InferenceTimeoutError);
    err.timeoutMs.should.equal(300);
  });

  it("a download (URL input) is bounded by the call's timeout as well, with InferenceTimeoutError", async function () {
    server.on("GET /slow.wav", later(3000, (req, res) => res.end("RIFF")));
    server.on("POST /ep", { json: { text: "never" } });
    const err = await client({ timeout: 300, dispatcher: undefined, allowPrivateUrlInputs: true })
      .automaticSpeechRecognition({ inputs: `${server.url}/slow.wav` })
      .then(() => null, (e) => e);
    should(err).be.instanceOf(lib.InferenceTimeoutError);
    server.requests.filter((r) => r.method === "POST").should.have.length(0);
  });

  it("a stream silent for longer than streamIdleTimeout raises InferenceTimeoutError, not a bare client error", async function () {
    server.on("POST /ep/v1/chat/completions", (req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write(`data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: "a" } }] })}\n\n`);
      // ...then nothing, the connection left open.
    });
    const stream = new lib.InferenceClient("hf_tok", { endpointUrl: `${server.url}/ep`, maxRetries: 0, timeout: 10_000, streamIdleTimeout: 300 })
      .chatCompletionStream({ model: "m", messages: [{ role: "user", content: "hi" }] });
    const err = await (async () => {
      for await (const chunk of stream) void chunk;
    })().then(() => null, (e) => e);
    should(err).be.instanceOf(lib.InferenceTimeoutError);
    err.message.should.match(/stalled while reading the response stream \(no data for 300 ms, UND_ERR_BODY_TIMEOUT\)/);
    err.timeoutMs.should.equal(300);
  });
});
