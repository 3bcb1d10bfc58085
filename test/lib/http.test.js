"use strict";
// The HTTP layer through the public client: retries, Retry-After, 503 loading, resets, timeouts, aborts, error
// bodies and size limits, all against a real local server.
const should = require("should");
const util = require("node:util");
const { FakeServer } = require("../support/fake-server");
const lib = require("../../dist/lib");

const TOKEN = "hf_testTOKEN_do_not_leak_12345";
const ENDPOINT_PATH = "/endpoint";

describe("lib http: retries, timeouts and errors", function () {
  let server;
  let client;
  before(async function () {
    server = await new FakeServer().start();
  });
  after(async function () {
    await server.stop();
  });
  beforeEach(function () {
    server.reset();
    client = new lib.InferenceClient(TOKEN, { endpointUrl: server.url + ENDPOINT_PATH, maxRetries: 2 });
  });

  const ok = { json: [[{ label: "POSITIVE", score: 0.9 }, { label: "NEGATIVE", score: 0.1 }]] };
  const classify = (opts) => client.textClassification({ inputs: "hello" }, opts);

  function sequence(...handlers) {
    let i = 0;
    return (req, res, body, rec) => handlers[Math.min(i++, handlers.length - 1)](req, res, body, rec);
  }
  const status = (code, json, headers = {}) => (req, res) => {
    res.writeHead(code, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify(json));
  };

  it("retries a 429 after Retry-After seconds, then succeeds", async function () {
    server.on(`POST ${ENDPOINT_PATH}`, sequence(status(429, { error: "rate limited" }, { "retry-after": "0" }), status(200, ok.json)));
    const labels = await classify();
    labels[0].label.should.equal("POSITIVE");
    server.requests.length.should.equal(2);
  });

  it("honours a Retry-After given as an HTTP date", async function () {
    const date = new Date(Date.now() + 50).toUTCString();
    server.on(`POST ${ENDPOINT_PATH}`, sequence(status(429, { error: "slow down" }, { "retry-after": date }), status(200, ok.json)));
    (await classify()).length.should.equal(2);
    server.requests.length.should.equal(2);
  });

  it("gives up on 429 after maxRetries with the provider's message and status", async function () {
    server.on(`POST ${ENDPOINT_PATH}`, status(429, { error: "rate limited" }, { "retry-after": "0", "x-request-id": "req-429" }));
    const err = await classify().should.be.rejectedWith(lib.InferenceClientProviderApiError);
    err.status.should.equal(429);
    err.requestId.should.equal("req-429");
    err.message.should.match(/rate limited/);
    server.requests.length.should.equal(3);
  });

  it("does not wait longer than the timeout for a Retry-After", async function () {
    server.on(`POST ${ENDPOINT_PATH}`, status(429, { error: "later" }, { "retry-after": "3600" }));
    const err = await classify({ timeout: 2000 }).should.be.rejected();
    err.status.should.equal(429);
    server.requests.length.should.equal(1);
  });

  it("retries 503 model loading using estimated_time", async function () {
    server.on(
      `POST ${ENDPOINT_PATH}`,
      sequence(status(503, { error: "Model x is currently loading", estimated_time: 0.05 }), status(200, ok.json)),
    );
    (await classify()).length.should.equal(2);
    server.requests.length.should.equal(2);
  });

  it("does not retry a 503 that is not a loading answer, nor other 4xx / 5xx", async function () {
    for (const [code, body] of [
      [503, { error: "maintenance" }],
      [500, { error: "boom" }],
      [400, { error: "bad input" }],
      [404, { error: "Model does not exist" }],
    ]) {
      server.reset();
      server.on(`POST ${ENDPOINT_PATH}`, status(code, body));
      const err = await classify().should.be.rejectedWith(lib.InferenceClientProviderApiError);
      err.status.should.equal(code);
      server.requests.length.should.equal(1, `status ${code} must not be retried`);
    }
  });

  it("retry_on_error: false turns retries off", async function () {
    server.on(`POST ${ENDPOINT_PATH}`, status(503, { error: "loading", estimated_time: 0.01 }));
    await classify({ retry_on_error: false }).should.be.rejected();
    server.requests.length.should.equal(1);
  });

  it("retries a connection reset before any byte of the response", async function () {
    server.on(`POST ${ENDPOINT_PATH}`, sequence((req) => req.socket.destroy(), status(200, ok.json)));
    (await classify()).length.should.equal(2);
    server.requests.length.should.equal(2);
  });

  it("reports a reset clearly once retries are spent", async function () {
    server.on(`POST ${ENDPOINT_PATH}`, (req) => req.socket.destroy());
    const err = await classify({ maxRetries: 1 }).should.be.rejectedWith(lib.InferenceClientError);
    err.message.should.match(/Could not reach 127\.0\.0\.1:\d+/);
    server.requests.length.should.equal(2);
  });

  it("raises InferenceTimeoutError when the server stalls before headers", async function () {
    server.on(`POST ${ENDPOINT_PATH}`, () => undefined);
    const err = await classify({ timeout: 150 }).should.be.rejectedWith(lib.InferenceTimeoutError);
    err.message.should.match(/timed out after 150 ms/);
  });

  it("aborts on the caller's signal with an AbortError", async function () {
    server.on(`POST ${ENDPOINT_PATH}`, () => undefined);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const err = await classify({ signal: controller.signal }).should.be.rejected();
    err.name.should.equal("AbortError");
  });

  it("keeps one listener on a long-lived caller signal however many calls used it (one signal serves a node's calls)", async function () {
    const { getEventListeners } = require("node:events");
    server.on(`POST ${ENDPOINT_PATH}`, ok);
    const shared = new AbortController();
    const results = await Promise.all(Array.from({ length: 20 }, () => classify({ signal: shared.signal, timeout: 5_000 })));
    results.should.have.length(20);
    await classify({ signal: shared.signal, timeout: 5_000, maxRetries: 0 });
    server.on(`POST ${ENDPOINT_PATH}`, status(500, { error: "boom" }));
    await classify({ signal: shared.signal, timeout: 5_000 }).should.be.rejectedWith(/boom/);
    getEventListeners(shared.signal, "abort").should.have.length(1);
    // The same signal still aborts a call in flight.
    server.on(`POST ${ENDPOINT_PATH}`, () => undefined);
    setTimeout(() => shared.abort(), 50);
    (await classify({ signal: shared.signal, timeout: 5_000 }).should.be.rejected()).name.should.equal("AbortError");
  });

  it("builds messages from every error body style", async function () {
    const cases = [
      [{ error: "plain error" }, "plain error"],
      [{ error: { message: "openai style", type: "invalid_request_error" } }, "openai style"],
      [{ detail: "fastapi detail" }, "fastapi detail"],
      [{ detail: [{ msg: "field required", loc: ["body"] }] }, "field required"],
      [{ message: "top-level message" }, "top-level message"],
    ];
    for (const [body, expected] of cases) {
      server.reset();
      server.on(`POST ${ENDPOINT_PATH}`, status(422, body));
      const err = await classify().should.be.rejected();
      err.message.should.equal(`Failed to perform inference: ${expected}`);
      err.httpResponse.body.should.eql(body);
    }
    server.reset();
    server.on(`POST ${ENDPOINT_PATH}`, (req, res) => {
      res.writeHead(502, { "content-type": "text/plain" });
      res.end("Bad gateway from upstream");
    });
    const err = await classify().should.be.rejected();
    err.message.should.equal("Failed to perform inference: Bad gateway from upstream");
  });

  it("never carries the token in an error, however it is printed", async function () {
    server.on(`POST ${ENDPOINT_PATH}`, status(401, { error: "Invalid credentials" }, { "x-request-id": "abc" }));
    const err = await classify().should.be.rejected();
    err.httpRequest.headers.Authorization.should.equal("Bearer [redacted]");
    for (const text of [err.message, err.stack, JSON.stringify(err), util.inspect(err, { depth: 10 }), String(err)]) {
      text.should.not.containEql(TOKEN);
    }
    util.inspect(client, { depth: 5 }).should.not.containEql(TOKEN);
    // The token did go to the server: the redaction is in the error, not in the request.
    server.requests[0].headers.authorization.should.equal(`Bearer ${TOKEN}`);
  });

  it("refuses a response larger than maxResponseBytes", async function () {
    server.on(`POST ${ENDPOINT_PATH}`, (req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end("[" + "1,".repeat(50_000) + "1]");
    });
    const err = await classify({ maxResponseBytes: 10_000 }).should.be.rejected();
    err.message.should.match(/larger than the limit/);
  });

  it("sends everything through the given undici dispatcher", async function () {
    const { MockAgent } = require("undici");
    const agent = new MockAgent();
    agent.disableNetConnect();
    agent
      .get("http://mocked.test")
      .intercept({ path: "/ep", method: "POST" })
      .reply(200, ok.json, { headers: { "content-type": "application/json" } });
    const mocked = new lib.InferenceClient(TOKEN, { endpointUrl: "http://mocked.test/ep", dispatcher: agent });
    (await mocked.textClassification({ inputs: "x" }))[0].label.should.equal("POSITIVE");
    await agent.close();
  });
});
