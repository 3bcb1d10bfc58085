"use strict";
// Shared by the provider tests: one local server standing in for the Hub, the router and every provider host.
// Direct calls name real hosts (https://api.groq.com/...); a dispatcher sends them to the local server instead
// and remembers the URL each request was meant for, so tests assert on the real URL while nothing leaves 127.0.0.1.
const { Agent } = require("undici");
const { FakeServer, mappingAnswer } = require("../../support/fake-server");
const lib = require("../../../dist/lib");

/** An undici dispatcher that delivers every request to `target` (http://127.0.0.1:port), logging the intended URL. */
function redirectingDispatcher(target) {
  const intended = [];
  const agent = new Agent().compose((dispatch) => (opts, handler) => {
    intended.push({ method: opts.method, url: `${opts.origin}${opts.path}` });
    return dispatch({ ...opts, origin: target }, handler);
  });
  agent.intended = intended;
  return agent;
}

async function startWorld() {
  const server = await new FakeServer().start();
  const dispatcher = redirectingDispatcher(server.url);
  const intended = dispatcher.intended;
  return {
    server,
    dispatcher,
    /** URLs the client meant to reach, in order. */
    intended,
    /** A client whose Hub and router are the local server (router URL "https://router.test" is redirected too). */
    client(token, opts = {}) {
      return new lib.InferenceClient(token, {
        hubUrl: "https://hub.test",
        routerUrl: "https://router.test",
        dispatcher,
        maxRetries: 0,
        ...opts,
      });
    },
    /** The Hub says `model` is served by `provider` as `providerId` for `task`. */
    mapModel(model, provider, providerId, task, extra = {}) {
      server.on(`GET /api/models/${model}`, mappingAnswer(model, { [provider]: { providerId, status: "live", task, ...extra } }));
    },
    reset() {
      server.reset();
      intended.length = 0;
      lib.clearMappingCache();
    },
    posts() {
      return server.requests.filter((r) => r.method === "POST");
    },
    async stop() {
      await dispatcher.close();
      await server.stop();
    },
  };
}

/** Minimal valid file bytes, so sniffing gives a real content type. */
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=", "base64");
const WAV = Buffer.concat([Buffer.from("RIFF"), Buffer.from([36, 0, 0, 0]), Buffer.from("WAVEfmt "), Buffer.alloc(24)]);
const MP4 = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from("ftypisom"), Buffer.alloc(12)]);

/** A handler answering bytes with a content type. */
function bytes(body, type) {
  return (req, res) => {
    res.writeHead(200, { "content-type": type });
    res.end(body);
  };
}

/** A handler answering each request with the next JSON of a list (the last one repeats); `{http, json}` for an HTTP error. */
function sequence(answers) {
  let i = 0;
  return (req, res) => {
    const a = answers[Math.min(i++, answers.length - 1)];
    // `{http, json}` sets the HTTP status; anything else is the JSON body itself.
    const wrapped = a && typeof a === "object" && "http" in a;
    res.writeHead(wrapped ? a.http : 200, { "content-type": "application/json" });
    res.end(JSON.stringify(wrapped ? a.json : a));
  };
}

const chatAnswer = (model = "m") => ({
  id: "chatcmpl-1",
  object: "chat.completion",
  created: 1700000000,
  model,
  choices: [{ index: 0, message: { role: "assistant", content: "Hi there" }, finish_reason: "stop" }],
  usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 },
});

module.exports = { startWorld, redirectingDispatcher, PNG, WAV, MP4, bytes, sequence, chatAnswer, lib };
