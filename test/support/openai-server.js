"use strict";
// A scriptable OpenAI-compatible chat server on 127.0.0.1 for tests. Every POST to a path ending in
// /chat/completions takes the next queued script (or the default one) and answers as a completion, or as
// server-sent events when the request asks for `stream: true`. Requests are recorded with their parsed body.
//
// A script: {
//   deltas: ["Hel", "lo"],          text content, one chunk each (joined for a non-streaming answer)
//   reasoning: ["think"],           reasoning_content deltas sent before the text
//   toolCalls: [{id, name, arguments, pieces}]  streamed by index, arguments cut into `pieces` parts (default 2)
//   finishReason: "stop",           default "stop" ("tool_calls" with toolCalls); null: no finish_reason at all
//   usage: {prompt_tokens, ...},    in a final chunk with no choices (streams) and in the completion
//   done: true,                     whether the stream ends with "data: [DONE]" (default true)
//   errorAt: n, errorEvent: {...}   after n deltas, an `event: error` with that JSON (or `errorData` as a plain data line)
//   dropAt: n                       after n deltas, the socket is destroyed
//   stallAt: n                      after n deltas, nothing more is sent (the connection stays open)
//   status: 4xx/5xx, error: body    an HTTP error instead
//   json: {...}                     a non-streaming answer sent as is
//   sse: "raw body"                 a raw event-stream body (recorded tapes)
//   model, id                       echoed in chunks
//   echo: true                      answers "re: <the last user message>" (tests that check what memory sent)
// }
const { EventEmitter } = require("node:events");
const http = require("node:http");

const DEFAULT_SCRIPT = { deltas: ["Hello", " world", "!"], usage: { prompt_tokens: 5, completion_tokens: 3, total_tokens: 8 } };

/** Emits "aborted" when a client goes away in the middle of a stream. */
class OpenAiServer extends EventEmitter {
  constructor() {
    super();
    this.aborted = 0;
    this.queue = [];
    this.requests = [];
    this.defaultScript = DEFAULT_SCRIPT;
    this.sockets = new Set();
    this.open = new Set();
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

  /** Queues scripts for the next requests, in order. */
  script(...scripts) {
    this.queue.push(...scripts);
    return this;
  }

  reset() {
    this.queue = [];
    this.requests = [];
    this.aborted = 0;
    this.defaultScript = DEFAULT_SCRIPT;
  }

  /** The last chat request's parsed body. */
  get lastBody() {
    const last = this.requests[this.requests.length - 1];
    return last && last.json;
  }

  handle(req, res) {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      let json;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
      }
      const path = req.url.split("?")[0];
      this.requests.push({ method: req.method, url: req.url, path, headers: req.headers, text, json });
      if (req.method === "GET" && path.startsWith("/api/models/") && this.mapping) {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ id: path.slice("/api/models/".length), inferenceProviderMapping: this.mapping }));
        return;
      }
      if (req.method !== "POST" || !path.endsWith("/chat/completions")) {
        res.writeHead(404, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { message: `no route for ${req.method} ${path}` } }));
        return;
      }
      const script = this.queue.length ? this.queue.shift() : this.defaultScript;
      if (json && json.stream) this.stream(req, res, script, json);
      else this.complete(res, script, json);
    });
  }

  complete(res, script, body) {
    if (script.status) return sendError(res, script);
    if (script.json) return sendJson(res, 200, script.json);
    const toolCalls = (script.toolCalls || []).map((c, i) => ({
      id: c.id || `call_${i}`,
      type: "function",
      function: { name: c.name, arguments: c.arguments },
    }));
    sendJson(res, 200, {
      id: script.id || "chatcmpl-test",
      object: "chat.completion",
      created: 1700000000,
      model: script.model || (body && body.model) || "test-model",
      choices: [
        {
          index: 0,
          message: { role: "assistant", content: script.echo ? `re: ${lastUserText(body)}` : (script.deltas || []).join(""), ...(toolCalls.length ? { tool_calls: toolCalls } : {}) },
          finish_reason: finishReason(script),
        },
      ],
      usage: script.usage || { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
    });
  }

  stream(req, res, script, body) {
    if (script.status) return sendError(res, script);
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", "x-request-id": "req-stream-1" });
    res.on("close", () => {
      if (res.writableEnded || this.stopping) return;
      this.aborted++;
      this.emit("aborted");
    });
    if (script.sse !== undefined) {
      res.end(script.sse);
      return;
    }
    const base = { id: script.id || "chatcmpl-test", object: "chat.completion.chunk", created: 1700000000, model: script.model || body.model || "test-model" };
    const events = [];
    const chunk = (delta, finish = null, extra = {}) => ({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }], ...extra });
    events.push({ data: chunk({ role: "assistant", content: "" }) });
    for (const r of script.reasoning || []) events.push({ data: chunk({ reasoning_content: r }) });
    const deltas = script.echo ? ["re: ", lastUserText(body)] : script.deltas || [];
    deltas.forEach((d, i) => {
      marks(script, i, events);
      events.push({ data: chunk({ content: d }), delta: true });
    });
    marks(script, deltas.length, events);
    (script.toolCalls || []).forEach((call, index) => {
      const pieces = split(call.arguments, call.pieces || 2);
      events.push({ data: chunk({ tool_calls: [{ index, id: call.id || `call_${index}`, type: "function", function: { name: call.name, arguments: "" } }] }) });
      for (const piece of pieces) events.push({ data: chunk({ tool_calls: [{ index, function: { arguments: piece } }] }) });
    });
    const reason = finishReason(script);
    if (reason !== null) events.push({ data: chunk({}, reason) });
    if (script.usage) events.push({ data: { ...base, choices: [], usage: script.usage } });
    if (script.done !== false) events.push({ raw: "data: [DONE]\n\n" });

    const socket = req.socket;
    const write = (i) => {
      if (i >= events.length) return res.end();
      const e = events[i];
      if (e.drop) return socket.destroy();
      if (e.stall) {
        this.open.add(res);
        return;
      }
      if (e.raw) res.write(e.raw);
      else if (e.event) res.write(`event: ${e.event}\ndata: ${typeof e.data === "string" ? e.data : JSON.stringify(e.data)}\n\n`);
      else res.write(`data: ${JSON.stringify(e.data)}\n\n`);
      // Each event in its own write, a tick apart, so clients see them arrive one by one.
      setTimeout(() => write(i + 1), script.delayMs || 1);
    };
    write(0);
  }

  async stop() {
    this.stopping = true;
    for (const res of this.open) res.destroy();
    for (const s of this.sockets) s.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

/** Error, drop and stall marks that belong after `n` deltas. */
function marks(script, n, events) {
  if (script.errorAt === n) {
    if (script.errorData !== undefined) events.push({ data: script.errorData });
    else events.push({ event: "error", data: script.errorEvent || { error: { message: "upstream model crashed" } } });
  }
  if (script.dropAt === n) events.push({ drop: true });
  if (script.stallAt === n) events.push({ stall: true });
}

function finishReason(script) {
  if (script.finishReason !== undefined) return script.finishReason;
  return script.toolCalls && script.toolCalls.length ? "tool_calls" : "stop";
}

function split(text, pieces) {
  const size = Math.max(1, Math.ceil(text.length / pieces));
  const out = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out.length ? out : [""];
}

function lastUserText(body) {
  const user = ((body && body.messages) || []).filter((m) => m.role === "user").pop();
  return user ? String(user.content) : "";
}

function sendJson(res, status, json) {
  res.writeHead(status, { "content-type": "application/json", "x-request-id": "req-json-1" });
  res.end(JSON.stringify(json));
}

function sendError(res, script) {
  sendJson(res, script.status, script.error || { error: { message: `scripted error ${script.status}`, type: "invalid_request_error" } });
}

module.exports = { OpenAiServer };
