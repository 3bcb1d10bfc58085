"use strict";
// A scripted OpenAI-compatible streaming chat server on 127.0.0.1 that asks for tool calls, for agent tests.
// Each POST .../chat/completions takes the next turn of the script; a turn is an object or a function of the
// request body returning one:
//   {content: "text"}                          streamed in pieces of `chunk` characters (default 4)
//   {toolCalls: [{name, arguments, id?}]}      tool-call deltas: id and name first, then the arguments in pieces;
//                                              several calls are interleaved chunk by chunk to test merging by index
//   {content, toolCalls}                       both (content first)
//   {usage: {...}}                             sent in a last chunk with no choices
//   {hang: true}                               sends one chunk and then nothing (for abort tests)
// With the script used up, the server answers {content: "done"}. Requests are kept in `requests` (parsed bodies).
const http = require("node:http");

class ScriptedLlm {
  constructor(turns = []) {
    this.turns = [...turns];
    this.requests = [];
    this.sockets = new Set();
    this.http = http.createServer((req, res) => this.handle(req, res));
    this.http.on("connection", (s) => {
      this.sockets.add(s);
      s.on("close", () => this.sockets.delete(s));
    });
  }

  async start() {
    await new Promise((resolve) => this.http.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${this.http.address().port}/v1`;
    return this;
  }

  async stop() {
    for (const s of this.sockets) s.destroy();
    await new Promise((resolve) => this.http.close(resolve));
  }

  script(...turns) {
    this.turns.push(...turns);
    return this;
  }

  handle(req, res) {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      if (!req.url.endsWith("/chat/completions") || req.method !== "POST") return void res.writeHead(404).end("{}");
      const body = JSON.parse(raw || "{}");
      this.requests.push(body);
      let turn = this.turns.length ? this.turns.shift() : { content: "done" };
      if (typeof turn === "function") turn = turn(body);
      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
      const base = { id: "chatcmpl-test", object: "chat.completion.chunk", created: 1, model: body.model };
      const send = (choices, extra = {}) => res.write(`data: ${JSON.stringify({ ...base, choices, ...extra })}\n\n`);
      const delta = (d, finish = null) => send([{ index: 0, delta: d, finish_reason: finish }]);
      delta({ role: "assistant", content: "" });
      if (turn.hang) return; // nothing more: the client has to abort
      const size = turn.chunk || 4;
      const text = turn.content || "";
      for (let i = 0; i < text.length; i += size) delta({ content: text.slice(i, i + size) });
      const calls = (turn.toolCalls || []).map((c, index) => ({
        index,
        id: c.id || `call_${this.requests.length}_${index}`,
        name: c.name,
        args: typeof c.arguments === "string" ? c.arguments : JSON.stringify(c.arguments || {}),
      }));
      for (const c of calls) delta({ tool_calls: [{ index: c.index, id: c.id, type: "function", function: { name: c.name, arguments: "" } }] });
      const longest = Math.max(0, ...calls.map((c) => c.args.length));
      for (let i = 0; i < longest; i += size) {
        for (const c of calls) {
          if (i < c.args.length) delta({ tool_calls: [{ index: c.index, function: { arguments: c.args.slice(i, i + size) } }] });
        }
      }
      delta({}, calls.length ? "tool_calls" : "stop");
      if (turn.usage) send([], { usage: turn.usage });
      res.end("data: [DONE]\n\n");
    });
  }
}

async function startScriptedLlm(turns) {
  return new ScriptedLlm(turns).start();
}

module.exports = { ScriptedLlm, startScriptedLlm };
