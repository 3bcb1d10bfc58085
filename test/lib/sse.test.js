"use strict";
// SSE streams parsed with eventsource-parser into async iterables: [DONE], error events, malformed data,
// truncation and stalls.
const should = require("should");
const { FakeServer } = require("../support/fake-server");
const { sendStreaming } = require("../../dist/lib/http/request");
const { parseJsonEvents } = require("../../dist/lib/http/sse");
const { Deadline } = require("../../dist/lib/http/deadline");

describe("lib SSE parsing", function () {
  let server;
  before(async function () {
    server = await new FakeServer().start();
  });
  after(async function () {
    await server.stop();
  });
  beforeEach(function () {
    server.reset();
  });

  const transport = { maxRetries: 0, maxResponseBytes: 1 << 20 };
  function sse(chunks, { end = true, delayMs = 0, contentType = "text/event-stream" } = {}) {
    return async (req, res) => {
      res.writeHead(200, { "content-type": contentType });
      for (const c of chunks) {
        res.write(c);
        if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
      }
      if (end) res.end();
    };
  }
  async function collect(opts = {}, reqExtra = {}) {
    const req = { url: `${server.url}/stream`, method: "POST", headers: {}, body: "{}", target: "provider", ...reqExtra };
    const res = await sendStreaming(req, transport, new Deadline(opts.timeout));
    const out = [];
    for await (const e of parseJsonEvents(res, req, opts)) out.push(e);
    return out;
  }

  it("yields each JSON event and stops at [DONE], across chunk boundaries", async function () {
    server.on("POST /stream", sse(['data: {"a":1}\n\ndata: {"a"', ':2}\n\n', ": comment\n\n", "data: [DONE]\n\n", 'data: {"a":3}\n\n']));
    (await collect()).should.eql([{ a: 1 }, { a: 2 }]);
  });

  it("turns an error payload mid-stream into an error after the earlier events", async function () {
    server.on("POST /stream", sse(['data: {"a":1}\n\n', 'data: {"error":{"message":"overloaded"}}\n\n']));
    const seen = [];
    const req = { url: `${server.url}/stream`, method: "POST", headers: {}, target: "provider" };
    const res = await sendStreaming(req, transport, new Deadline());
    const err = await (async () => {
      for await (const e of parseJsonEvents(res, req)) seen.push(e);
    })().should.be.rejectedWith(/an error occurred while streaming the response: overloaded/);
    seen.should.eql([{ a: 1 }]);
    err.name.should.equal("ProviderApiError");
  });

  it("treats an `event: error` frame as an error", async function () {
    server.on("POST /stream", sse(["event: error\ndata: upstream went away\n\n"]));
    await collect().should.be.rejectedWith(/upstream went away/);
  });

  it("refuses malformed JSON in a data line", async function () {
    server.on("POST /stream", sse(["data: {not json\n\n"]));
    await collect().should.be.rejectedWith(/Malformed event in stream/);
  });

  it("reports a truncated stream when [DONE] is required", async function () {
    server.on("POST /stream", sse(['data: {"a":1}\n\n']));
    await collect({ requireDone: true }).should.be.rejectedWith(/ended before it was complete/);
    (await collect({ requireDone: false })).should.eql([{ a: 1 }]);
  });

  it("refuses a response that is not an event stream", async function () {
    server.on("POST /stream", sse(['{"a":1}'], { contentType: "application/json" }));
    await collect().should.be.rejectedWith(/does not support event stream content type, it returned application\/json/);
  });

  it("ends a stalled stream with a clear error (idle timeout)", async function () {
    server.on("POST /stream", sse(['data: {"a":1}\n\n'], { end: false }));
    await collect({}, { idleTimeoutMs: 200 }).should.be.rejectedWith(/stalled while reading the response stream/);
  });

  it("ends a dropped connection with a clear error", async function () {
    server.on("POST /stream", async (req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write('data: {"a":1}\n\n');
      setTimeout(() => req.socket.destroy(), 20);
    });
    await collect({ requireDone: true }).should.be.rejectedWith(/Connection to 127\.0\.0\.1:\d+ lost while reading the response stream|ended before it was complete/);
  });
});
