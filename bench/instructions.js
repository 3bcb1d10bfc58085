"use strict";
// Instructions per call, for `bench/instructions.sh` (run under valgrind's callgrind). Timing on shared vCPUs swings
// by more than the differences that matter; instruction counts do not. The network is taken out: a dispatcher that
// answers every request at once, so what is counted is the client's work (and undici's, the same for all).
//   node bench/instructions.js <variant> <calls> <warm-up>
// After the warm-up it writes <tmp>/bench-ic-ready-<pid> and waits for <tmp>/bench-ic-go-<pid>; after the calls it
// writes <tmp>/bench-ic-done-<pid> and waits for <tmp>/bench-ic-stop-<pid>: the script turns counting on and off there.
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { Dispatcher, request } = require("undici");
const { TOKEN, MODEL, MESSAGES, ourLibrary } = require("./clients");

const answer = Buffer.from(
  JSON.stringify({
    id: "x",
    object: "chat.completion",
    created: 1,
    model: MODEL,
    choices: [{ index: 0, message: { role: "assistant", content: "Hello! How can I help you today?" }, finish_reason: "stop" }],
    usage: { prompt_tokens: 9, completion_tokens: 9, total_tokens: 18 },
  }),
);
const rawHeaders = ["content-type", "application/json", "content-length", String(answer.length)].map((h) => Buffer.from(h));

class AnsweringDispatcher extends Dispatcher {
  dispatch(_opts, handler) {
    setImmediate(() => {
      handler.onConnect?.(() => undefined);
      handler.onHeaders(200, rawHeaders, () => undefined, "OK");
      handler.onData(answer);
      handler.onComplete([]);
    });
    return true;
  }
}

const dispatcher = new AnsweringDispatcher();
const url = "http://127.0.0.1:9";
const { InferenceClient } = ourLibrary();
const plain = new InferenceClient(TOKEN, { endpointUrl: url, dispatcher });
const asNode = new InferenceClient(TOKEN, { endpointUrl: url, dispatcher, timeout: 300_000, keepBlobBytes: true });
const nodeSignal = new AbortController().signal;
require("node:events").setMaxListeners(0, nodeSignal);

const variants = {
  "raw undici": async () => {
    const res = await request(`${url}/v1/chat/completions`, {
      method: "POST",
      dispatcher,
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ model: MODEL, messages: MESSAGES }),
    });
    return (await res.body.json()).choices[0].message.content;
  },
  ours: async () => (await plain.chatCompletion({ model: MODEL, messages: MESSAGES })).choices[0].message.content,
  // As the node runner calls it: per-call options with the node's shared signal, the config's timeout.
  "ours (node options)": async () =>
    (await asNode.chatCompletion({ model: MODEL, messages: MESSAGES }, { signal: nodeSignal, onCallInfo: () => undefined, onProgress: () => undefined }))
      .choices[0].message.content,
};

const [name, calls, warmup] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
const marker = (what) => path.join(os.tmpdir(), `bench-ic-${what}-${process.pid}`);
const waitFor = (file) => new Promise((resolve) => (function poll() { fs.existsSync(file) ? resolve() : setTimeout(poll, 100); })());

(async () => {
  const call = variants[name];
  if (!call) throw new Error(`unknown variant ${name}; one of: ${Object.keys(variants).join(", ")}`);
  for (let i = 0; i < warmup; i++) await call();
  fs.writeFileSync(marker("ready"), "");
  await waitFor(marker("go"));
  // CONCURRENCY > 1: that many calls in flight, as the throughput figure runs them.
  let next = 0;
  await Promise.all(Array.from({ length: Number(process.env.CONCURRENCY) || 1 }, async () => {
    while (next++ < calls) await call();
  }));
  fs.writeFileSync(marker("done"), "");
  await waitFor(marker("stop"));
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
