"use strict";
// Faults a provider can throw at us, as FakeServer handlers, and a few helpers the fault, fuzz and security suites
// share. Every handler answers any path: tests point endpointUrl (or a redirecting dispatcher) at the server.
const { FakeServer } = require("../support/fake-server");

const LABELS = [[{ label: "POSITIVE", score: 0.9 }, { label: "NEGATIVE", score: 0.1 }]];

function json(status, body, headers = {}) {
  return (req, res) => {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  };
}

/** A chat completion answer, as OpenAI-compatible servers send it. */
function chatAnswer(text = "hello") {
  return {
    id: "chatcmpl-1",
    object: "chat.completion",
    created: 1,
    model: "m",
    choices: [{ index: 0, message: { role: "assistant", content: text }, finish_reason: "stop" }],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  };
}

function chunk(text, finish = null) {
  return `data: ${JSON.stringify({
    id: "chatcmpl-1",
    object: "chat.completion.chunk",
    created: 1,
    model: "m",
    choices: [{ index: 0, delta: { content: text }, finish_reason: finish }],
  })}\n\n`;
}

/** An SSE answer of `tokens` deltas, then [DONE]. */
function sse(tokens = ["a", "b", "c"]) {
  return (req, res) => {
    res.writeHead(200, { "content-type": "text/event-stream" });
    for (const t of tokens) res.write(chunk(t));
    res.end(chunk("", "stop") + "data: [DONE]\n\n");
  };
}

/** Handlers that hold the response open forever (until the client gives up or the server stops). */
const held = new Set();
function hold(res) {
  held.add(res);
  res.on("close", () => held.delete(res));
}

const faults = {
  status500: json(500, { error: "Internal failure in the model server" }),
  status401: json(401, { error: "Invalid credentials" }),
  rateLimited: (retryAfter) => json(429, { error: "Rate limit reached" }, { "retry-after": String(retryAfter) }),
  loading: (seconds) => json(503, { error: "Model m is currently loading", estimated_time: seconds }),
  unavailable: json(503, { error: "Service unavailable" }),
  /** Drops the connection without a byte of response. */
  reset: (req) => req.socket.destroy(),
  stallBeforeHeaders: (req, res) => hold(res),
  /** Headers and one event, then silence. */
  stallMidStream: (req, res) => {
    res.writeHead(200, { "content-type": "text/event-stream" });
    res.write(chunk("first"));
    hold(res);
  },
  /** Headers and half a JSON body, then silence. */
  stallMidBody: (req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.write('[[{"label": "POSI');
    hold(res);
  },
  malformedJson: (req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end('[[{"label": "POSITIVE", "score": 0.9}, {"lab');
  },
  malformedSse: (req, res) => {
    res.writeHead(200, { "content-type": "text/event-stream" });
    res.end(chunk("ok") + 'data: {"choices": [{"delta": {"content": "x"\n\n' + "data: [DONE]\n\n");
  },
  /** An SSE stream cut off before [DONE]. */
  truncatedSse: (req, res) => {
    res.writeHead(200, { "content-type": "text/event-stream" });
    res.end(chunk("a") + chunk("b"));
  },
  /** `bytes` of JSON-looking data, declared up front (or chunked when `declared` is false), in 1 MiB writes. */
  huge: (bytes, declared) => (req, res, body, rec) => {
    res.writeHead(200, { "content-type": "application/json", ...(declared ? { "content-length": String(bytes) } : {}) });
    const block = Buffer.alloc(1 << 20, 0x20);
    let sent = 0;
    const pump = () => {
      while (sent < bytes && !res.destroyed) {
        sent += block.length;
        if (!res.write(block)) return res.once("drain", pump);
      }
      if (!res.destroyed) res.end();
    };
    res.on("close", () => (rec.sentBytes = sent));
    pump();
  },
};

/** Answers with `handlers` in turn, the last one for every request after. */
function sequence(...handlers) {
  let i = 0;
  return (req, res, body, rec) => handlers[Math.min(i++, handlers.length - 1)](req, res, body, rec);
}

/** A FakeServer answering every path with `handler` (reset with `server.answer(h)`). */
async function startFaultServer(handler = json(200, LABELS)) {
  const server = await new FakeServer().start();
  server.answer = (h) => {
    server.requests = [];
    server.fallback = h;
    return server;
  };
  server.answer(handler);
  const stop = server.stop.bind(server);
  server.stop = async () => {
    for (const res of held) res.destroy();
    await stop();
  };
  return server;
}

/** Resolves once `predicate()` holds, polling; rejects with `what` after `ms` (a bound, never an assertion on time). */
async function until(predicate, what, ms = 10_000) {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > ms) throw new Error(`Gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Counts of the process's active resources by type (sockets, timers, child processes...). */
function resourceCounts() {
  const counts = {};
  for (const type of process.getActiveResourcesInfo()) counts[type] = (counts[type] ?? 0) + 1;
  return counts;
}

/** A full garbage collection, with --expose-gc or without it. */
function gc() {
  if (typeof global.gc !== "function") {
    require("node:v8").setFlagsFromString("--expose-gc");
    global.gc = require("node:vm").runInNewContext("gc");
  }
  global.gc();
  global.gc();
}

module.exports = { LABELS, json, chatAnswer, chunk, sse, faults, sequence, startFaultServer, until, resourceCounts, gc };
