"use strict";
// maxResponseBytes holds for streams too: one event that never ends (no newline) and a stream of small events that
// never ends are both cut off at the limit, with one clear error, and the connection is dropped so the server
// cannot push more (what it managed to write is bounded by the limit plus socket buffers).
const should = require("should");
const { FakeServer } = require("../support/fake-server");
const lib = require("../../dist/lib");

const MiB = 1 << 20;

describe("lib stream size limits", function () {
  this.timeout(30_000);
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

  /**
   * A stream writing `piece()` until the client hangs up (or a safety bound far past the limit); `seen` records how
   * much it wrote and whether the client closed the connection.
   */
  function endless(piece, seen, prefix = "") {
    return (req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      seen.written = 0;
      seen.closed = false;
      res.on("close", () => (seen.closed = true));
      if (prefix) res.write(prefix);
      const pump = () => {
        while (!seen.closed && seen.written < 256 * MiB) {
          const chunk = piece();
          seen.written += chunk.length;
          if (!res.write(chunk)) return res.once("drain", pump);
        }
        if (!seen.closed) res.end();
      };
      pump();
    };
  }

  const client = (opts = {}) => new lib.InferenceClient("hf_tok", { endpointUrl: `${server.url}/v1`, maxRetries: 0, timeout: 20_000, maxResponseBytes: MiB, ...opts });

  async function drain(stream) {
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    return chunks;
  }

  it("one event with no end of line is refused at maxResponseBytes, not buffered whole", async function () {
    const seen = {};
    const block = Buffer.alloc(64 * 1024, "a");
    server.on("POST /v1/chat/completions", endless(() => block, seen, 'data: {"choices":[{"delta":{"content":"'));
    const err = await drain(client().chatCompletionStream({ model: "m", messages: [{ role: "user", content: "hi" }] })).then(
      () => null,
      (e) => e,
    );
    should(err).be.instanceOf(lib.InferenceClientProviderOutputError);
    err.message.should.match(/larger than the limit \(\d+ > 1048576 bytes, see maxResponseBytes\)/);
    await waitFor(() => seen.closed);
    // The server could write the limit plus what the sockets buffer, nowhere near the 256 MiB it would have sent.
    seen.written.should.be.below(16 * MiB);
  });

  it("a stream of small events is refused once its total passes maxResponseBytes", async function () {
    const seen = {};
    const event = Buffer.from(`data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: "x".repeat(1000) } }] })}\n\n`);
    server.on("POST /v1/chat/completions", endless(() => event, seen));
    let received = 0;
    const err = await (async () => {
      for await (const chunk of client().chatCompletionStream({ model: "m", messages: [{ role: "user", content: "hi" }] })) {
        received += chunk.choices[0].delta.content.length;
      }
    })().then(
      () => null,
      (e) => e,
    );
    should(err).be.instanceOf(lib.InferenceClientProviderOutputError);
    err.message.should.match(/Response stream from 127\.0\.0\.1:\d+ is larger than the limit/);
    received.should.be.above(0).and.below(MiB);
    await waitFor(() => seen.closed);
    seen.written.should.be.below(16 * MiB);
  });

  it("the parser holds no event past the limit either (eventsource-parser's maxBufferSize)", async function () {
    const { parseJsonEvents } = require("../../dist/lib/http/sse");
    let cancelled = false;
    async function* body() {
      yield Buffer.from('data: {"a":1}\n\n');
      for (let i = 0; i < 100; i++) yield Buffer.from('data: {"a":"' + "x".repeat(100));
    }
    const res = { status: 200, headers: {}, contentType: "text/event-stream", requestId: "", body: body(), cancel: () => (cancelled = true), maxBytes: 1000 };
    const seen = [];
    const err = await (async () => {
      for await (const e of parseJsonEvents(res, { url: "http://provider.test/v1", method: "POST", headers: {}, target: "provider" })) seen.push(e);
    })().then(() => null, (e) => e);
    seen.should.eql([{ a: 1 }]);
    should(err).be.instanceOf(lib.InferenceClientProviderOutputError);
    err.message.should.equal("An event of the response stream from provider.test is larger than the limit (1000 bytes, see maxResponseBytes)");
    cancelled.should.be.true();
  });

  it("the same limit applies to textGenerationStream", async function () {
    const seen = {};
    const block = Buffer.alloc(64 * 1024, "b");
    server.on("POST /v1/completions", endless(() => block, seen, 'data: {"choices":[{"text":"'));
    const err = await drain(client({ maxResponseBytes: 2 * MiB }).textGenerationStream({ inputs: "hi" })).then(
      () => null,
      (e) => e,
    );
    should(err).be.instanceOf(lib.InferenceClientProviderOutputError);
    err.message.should.match(/> 2097152 bytes/);
    await waitFor(() => seen.closed);
    seen.written.should.be.below(18 * MiB);
  });
});

async function waitFor(predicate, ms = 5000) {
  const until = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > until) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 10));
  }
}
