"use strict";
// Faults a provider throws at the library, one scenario per row: what the caller gets (error class, message) and
// how often we asked (the fault server's recorded requests), for buffered calls and for streams.
const should = require("should");
const lib = require("../../dist/lib");
const engine = require("../../dist/lib/engine");
const { LABELS, json, faults, sequence, sse, startFaultServer, until } = require("./fault-server");

const TOKEN = "hf_faultSuiteToken_0123456789";

describe("faults: the library against a misbehaving provider", function () {
  let server;
  before(async function () {
    server = await startFaultServer();
  });
  after(async function () {
    await server.stop();
  });

  const client = (opts = {}) => new lib.InferenceClient(TOKEN, { endpointUrl: server.url + "/ep", maxRetries: 2, timeout: 10_000, ...opts });
  const classify = (opts) => client(opts).textClassification({ inputs: "hello" });

  /** A stream through the chat API when it exists, else through the engine's SSE path (same http/sse code). */
  async function collectStream(opts = {}) {
    const c = client(opts);
    const iterable =
      typeof c.chatCompletionStream === "function"
        ? c.chatCompletionStream({ model: "m", messages: [{ role: "user", content: "hi" }] })
        : engine.streamTask("text-classification", { inputs: "hello" }, c.resolve(), TOKEN, { requireDone: true });
    const events = [];
    for await (const event of iterable) events.push(event);
    return events;
  }

  async function rejection(promise) {
    try {
      await promise;
    } catch (err) {
      return err;
    }
    throw new Error("expected the call to fail, it succeeded");
  }

  describe("buffered calls", function () {
    it("500: ProviderApiError with status and the provider's message, not retried", async function () {
      server.answer(faults.status500);
      const err = await rejection(classify());
      err.should.be.instanceOf(lib.InferenceClientProviderApiError);
      err.status.should.equal(500);
      err.message.should.match(/Internal failure in the model server/);
      server.requests.length.should.equal(1);
    });

    it("429 with Retry-After: 0 is retried until it succeeds", async function () {
      server.answer(sequence(faults.rateLimited(0), faults.rateLimited(0), json(200, LABELS)));
      const labels = await classify();
      labels[0].should.eql({ label: "POSITIVE", score: 0.9 });
      server.requests.length.should.equal(3);
    });

    it("429 forever: maxRetries + 1 requests, then ProviderApiError 429", async function () {
      server.answer(faults.rateLimited(0));
      const err = await rejection(classify({ maxRetries: 3 }));
      err.should.be.instanceOf(lib.InferenceClientProviderApiError);
      err.status.should.equal(429);
      server.requests.length.should.equal(4);
    });

    it("429 asking for longer than the call's budget fails at once instead of sleeping", async function () {
      server.answer(faults.rateLimited(3600));
      const err = await rejection(classify({ timeout: 5_000 }));
      err.status.should.equal(429);
      server.requests.length.should.equal(1);
    });

    it("503 model loading is retried (estimated_time), then succeeds", async function () {
      server.answer(sequence(faults.loading(0.01), json(200, LABELS)));
      (await classify())[0].label.should.equal("POSITIVE");
      server.requests.length.should.equal(2);
    });

    it("503 that is not a loading answer is not retried", async function () {
      server.answer(faults.unavailable);
      const err = await rejection(classify());
      err.should.be.instanceOf(lib.InferenceClientProviderApiError);
      err.status.should.equal(503);
      server.requests.length.should.equal(1);
    });

    it("connection reset is retried, then succeeds", async function () {
      server.answer(sequence(faults.reset, json(200, LABELS)));
      (await classify())[0].label.should.equal("POSITIVE");
      server.requests.length.should.equal(2);
    });

    it("connection reset forever: maxRetries + 1 attempts, then a clear network error", async function () {
      server.answer(faults.reset);
      const err = await rejection(classify({ maxRetries: 1 }));
      err.should.be.instanceOf(lib.InferenceClientError);
      err.should.not.be.instanceOf(lib.InferenceClientProviderApiError);
      err.message.should.match(/Could not reach 127\.0\.0\.1:\d+/);
      server.requests.length.should.equal(2);
    });

    it("stall before headers: InferenceTimeoutError after the call's timeout, one request", async function () {
      server.answer(faults.stallBeforeHeaders);
      const err = await rejection(classify({ timeout: 300 }));
      err.should.be.instanceOf(lib.InferenceTimeoutError);
      err.timeoutMs.should.equal(300);
      server.requests.length.should.equal(1);
    });

    it("stall in the middle of a body: InferenceTimeoutError", async function () {
      server.answer(faults.stallMidBody);
      const err = await rejection(classify({ timeout: 300 }));
      err.should.be.instanceOf(lib.InferenceTimeoutError);
      server.requests.length.should.equal(1);
    });

    it("the caller's abort wins over a stalled server with an AbortError", async function () {
      server.answer(faults.stallBeforeHeaders);
      const controller = new AbortController();
      const pending = rejection(classify({ signal: controller.signal }));
      setTimeout(() => controller.abort(), 50);
      const err = await pending;
      err.name.should.equal("AbortError");
      server.requests.length.should.equal(1);
    });

    it("malformed JSON: ProviderOutputError naming the task", async function () {
      server.answer(faults.malformedJson);
      const err = await rejection(classify());
      err.should.be.instanceOf(lib.InferenceClientProviderOutputError);
      err.message.should.match(/malformed response from text-classification/);
      server.requests.length.should.equal(1);
    });

    it("a declared body larger than maxResponseBytes is refused before reading it", async function () {
      server.answer(faults.huge(64 << 20, true));
      const err = await rejection(classify({ maxResponseBytes: 1 << 20 }));
      err.should.be.instanceOf(lib.InferenceClientError);
      err.message.should.match(/larger than the limit \(67108864 > 1048576 bytes, see maxResponseBytes\)/);
    });

    it("an undeclared (chunked) body past maxResponseBytes is cut off while reading", async function () {
      server.answer(faults.huge(64 << 20, false));
      const err = await rejection(classify({ maxResponseBytes: 2 << 20 }));
      err.should.be.instanceOf(lib.InferenceClientError);
      err.message.should.match(/larger than the limit \(\d+ > 2097152 bytes, see maxResponseBytes\)/);
      // We stopped reading and closed the connection: the server did not get to send the whole 64 MiB.
      const rec = server.requests[0];
      await until(() => rec.sentBytes !== undefined, "the server to see the connection close");
      rec.sentBytes.should.be.below(64 << 20);
    });
  });

  describe("streams", function () {
    it("a well-formed stream yields every event (the control case)", async function () {
      server.answer(sse(["a", "b", "c"]));
      const events = await collectStream();
      events.length.should.equal(4);
      events[0].choices[0].delta.content.should.equal("a");
    });

    it("stall mid-stream: a 'stalled' error after streamIdleTimeout, not a hang", async function () {
      server.answer(faults.stallMidStream);
      const err = await rejection(collectStream({ streamIdleTimeout: 200 }));
      err.should.be.instanceOf(lib.InferenceClientError);
      err.message.should.match(/stalled while reading the response stream/);
      server.requests.length.should.equal(1);
    });

    it("malformed SSE data: ProviderOutputError quoting the bad event", async function () {
      server.answer(faults.malformedSse);
      const err = await rejection(collectStream());
      err.should.be.instanceOf(lib.InferenceClientProviderOutputError);
      err.message.should.match(/Malformed event in stream: \{"choices"/);
    });

    it("a stream that ends before [DONE] is an error, not a silent short answer", async function () {
      server.answer(faults.truncatedSse);
      const err = await rejection(collectStream());
      err.should.be.instanceOf(lib.InferenceClientProviderOutputError);
      err.message.should.match(/ended before it was complete|was cut off: it ended without \[DONE\]/);
    });

    it("429 before the stream starts is retried like a buffered call", async function () {
      server.answer(sequence(faults.rateLimited(0), sse(["x"])));
      const events = await collectStream();
      events[0].choices[0].delta.content.should.equal("x");
      server.requests.length.should.equal(2);
    });

    it("500 before the stream starts: ProviderApiError with status", async function () {
      server.answer(faults.status500);
      const err = await rejection(collectStream());
      err.should.be.instanceOf(lib.InferenceClientProviderApiError);
      err.status.should.equal(500);
    });
  });
});
