"use strict";
// A small scriptable HTTP server on 127.0.0.1 for tests: it records every request and answers with the handler
// registered for "METHOD /path" (query ignored), or with a catch-all. Handlers get (req, res, body: Buffer).
const http = require("node:http");

class FakeServer {
  constructor() {
    this.routes = new Map();
    this.requests = [];
    this.fallback = (req, res) => {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: `no route for ${req.method} ${req.url}` }));
    };
    this.sockets = new Set();
    this.server = http.createServer((req, res) => this.handle(req, res));
    this.server.on("connection", (s) => {
      this.sockets.add(s);
      s.on("close", () => this.sockets.delete(s));
    });
  }

  async start() {
    await new Promise((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${this.server.address().port}`;
    return this;
  }

  /** Registers a handler, or a static answer `{status, json | body, headers}`. */
  on(methodAndPath, handler) {
    this.routes.set(methodAndPath, typeof handler === "function" ? handler : answer(handler));
    return this;
  }

  reset() {
    this.routes.clear();
    this.requests = [];
  }

  handle(req, res) {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const path = req.url.split("?")[0];
      const record = { method: req.method, url: req.url, path, headers: req.headers, body };
      record.json = () => JSON.parse(body.toString("utf8"));
      this.requests.push(record);
      const handler = this.routes.get(`${req.method} ${path}`) ?? this.routes.get(`* ${path}`) ?? this.fallback;
      try {
        handler(req, res, body, record);
      } catch (err) {
        res.writeHead(500);
        res.end(String(err));
      }
    });
  }

  async stop() {
    for (const s of this.sockets) s.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

/** A handler answering the same thing every time. */
function answer({ status = 200, json, body, headers = {} }) {
  return (req, res) => {
    if (json !== undefined) {
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify(json));
    } else {
      res.writeHead(status, headers);
      res.end(body ?? "");
    }
  };
}

/** Hub mapping answer (object form) for `model` served by `provider`. */
function mappingAnswer(model, entries) {
  return { status: 200, json: { _id: "x", id: model, inferenceProviderMapping: entries } };
}

module.exports = { FakeServer, answer, mappingAnswer };
