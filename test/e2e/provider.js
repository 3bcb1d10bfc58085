"use strict";
// The fake provider the e2e flows talk to (test/support/fake-server.js on 127.0.0.1), with two jobs:
// - `/ep/<key>/...`: an Inference Endpoint. What it answers is set per key with `answer(key, handler)`; keys
//   without a handler replay the recorded traffic (shared fixtures) whose path ends like the request's, so an
//   example flow whose model has a recording gets a real answer of the real shape.
// - `/collect/<tag>`: receives the msgs the flows' collectors post (see flows.js), to be awaited with `next(tag)`.
const { FakeServer } = require("../support/fake-server");
const { findTapes, replay } = require("../support/tapes");

// A 1x1 PNG and a short silent WAV: recorded binary bodies were not kept, the nodes still need real bytes.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
function wav() {
  const samples = Buffer.alloc(800);
  const h = Buffer.alloc(44);
  h.write("RIFF", 0);
  h.writeUInt32LE(36 + samples.length, 4);
  h.write("WAVEfmt ", 8);
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20);
  h.writeUInt16LE(1, 22);
  h.writeUInt32LE(8000, 24);
  h.writeUInt32LE(16000, 28);
  h.writeUInt16LE(2, 32);
  h.writeUInt16LE(16, 34);
  h.write("data", 36);
  h.writeUInt32LE(samples.length, 40);
  return Buffer.concat([h, samples]);
}

class FakeProvider {
  async start() {
    this.server = await new FakeServer().start();
    this.url = this.server.url;
    this.collected = [];
    this.waiters = [];
    this.handlers = new Map();
    /** key -> how the last request to it was answered: "tape" | "handler" | "none". */
    this.answeredWith = new Map();
    this.server.fallback = (req, res, body, record) => this.dispatch(req, res, body, record);
    return this;
  }

  get requests() {
    return this.server.requests;
  }

  endpoint(key) {
    return `${this.url}/ep/${key}`;
  }

  answer(key, handler) {
    this.handlers.set(key, handler);
  }

  dispatch(req, res, body, record) {
    const collect = /^\/collect\/(.+)$/.exec(record.path);
    if (collect) {
      const entry = { tag: collect[1], msg: JSON.parse(body.toString("utf8")) };
      this.collected.push(entry);
      this.waiters = this.waiters.filter((w) => (w.match(entry) ? (w.resolve(entry), false) : true));
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("ok");
      return;
    }
    const ep = /^\/ep\/([^/]+)(\/.*)?$/.exec(record.path);
    if (ep) {
      const [, key, rest = ""] = ep;
      record.key = key;
      const handler = this.handlers.get(key);
      if (handler) {
        this.answeredWith.set(key, "handler");
        return handler(req, res, body, record);
      }
      const tape = rest && pickTape(rest, body);
      if (tape) {
        this.answeredWith.set(key, "tape");
        return replayWithBytes(tape)(req, res);
      }
      // A chat completion has one shape whatever the model: any recorded one will do (not asserted on, as an
      // example may expect JSON or tool calls that a borrowed answer lacks).
      const chat = /\/chat\/completions$/.test(rest) && pickTape("/v1/chat/completions", body);
      if (chat) {
        this.answeredWith.set(key, "borrowed chat tape");
        return replay(chat)(req, res);
      }
      this.answeredWith.set(key, "none");
    }
    res.writeHead(404, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: `no recorded answer for ${req.method} ${record.path}` }));
  }

  /** Resolves with the first collected msg (already received or future) for which `match(entry)` holds. */
  next(match, timeoutMs = 15000) {
    const pred = typeof match === "string" ? (e) => e.tag === match : match;
    const seen = this.collected.find(pred);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const waiter = { match: pred, resolve };
      this.waiters.push(waiter);
      setTimeout(() => {
        if (!this.waiters.includes(waiter)) return;
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`nothing collected within ${timeoutMs} ms; collected: ${JSON.stringify(this.collected.map((e) => e.tag))}`));
      }, timeoutMs).unref();
    });
  }

  reset() {
    this.server.requests.length = 0;
    this.collected = [];
    this.handlers.clear();
    this.answeredWith.clear();
  }

  stop() {
    return this.server.stop();
  }
}

/** A recorded 200 answer for a request path ending in `rest` (`/models/<id>[/v1/chat/completions]`). */
function pickTape(rest, body) {
  const tapes = findTapes(rest).filter((t) => t.response.status === 200 && new URL(t.url).pathname.endsWith(rest));
  if (!tapes.length) return undefined;
  let streaming = false;
  try {
    streaming = JSON.parse(body.toString("utf8")).stream === true;
  } catch {
    /* binary request body */
  }
  const sse = (t) => /event-stream/.test(t.response.headers["content-type"] ?? "");
  return tapes.find((t) => sse(t) === streaming) ?? tapes[0];
}

function replayWithBytes(tape) {
  const type = tape.response.headers["content-type"] ?? "";
  if (tape.response.body || !/^(image|audio)\//.test(type)) return replay(tape);
  const bytes = type.startsWith("image/") ? PNG : wav();
  return (req, res) => {
    res.writeHead(200, { "content-type": type.startsWith("image/") ? "image/png" : "audio/wav" });
    res.end(bytes);
  };
}

module.exports = { FakeProvider, PNG };
