"use strict";
// One measurement in a fresh process (so JIT state, pools and peak RSS belong to that client alone):
//   node --expose-gc bench/measure.js '<json spec>'   → prints one JSON line with the result.
// Kinds: latency (sequential requests), throughput (N concurrent workers), stream (one long SSE stream),
// binary (a large body in and out).
const { performance } = require("node:perf_hooks");
const { callers, streamers, ourLibrary, TOKEN } = require("./clients");

const spec = JSON.parse(process.argv[2]);

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function latency({ client, url, requests, warmup }) {
  const call = callers[client](url);
  for (let i = 0; i < warmup; i++) await call();
  const times = new Float64Array(requests);
  const start = performance.now();
  for (let i = 0; i < requests; i++) {
    const t = performance.now();
    await call();
    times[i] = performance.now() - t;
  }
  const total = performance.now() - start;
  const sorted = Array.from(times).sort((a, b) => a - b);
  return { meanUs: (total / requests) * 1000, p50Us: percentile(sorted, 50) * 1000, p99Us: percentile(sorted, 99) * 1000 };
}

async function throughput({ client, url, requests, warmup, concurrency }) {
  const call = callers[client](url);
  const run = async (count) => {
    let next = 0;
    const worker = async () => {
      while (next++ < count) await call();
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  };
  await run(warmup);
  const start = performance.now();
  await run(requests);
  const seconds = (performance.now() - start) / 1000;
  return { rps: requests / seconds };
}

async function stream({ client, url, runs }) {
  const read = streamers[client](url);
  await read(); // warm-up
  const rates = [];
  let tokens = 0;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    tokens = await read();
    rates.push(tokens / ((performance.now() - start) / 1000));
  }
  rates.sort((a, b) => a - b);
  return { tokensPerSecond: rates[Math.floor(rates.length / 2)], tokens };
}

/** A PNG-signed buffer of `bytes` random-ish bytes: what a user's image would be. */
function fakeImage(bytes) {
  const buf = Buffer.allocUnsafe(bytes);
  for (let i = 0; i < bytes; i += 4096) buf[i] = i & 0xff;
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(buf);
  return buf;
}

async function binary({ client, url, bytes, readBytes }) {
  const { request } = require("undici");
  let roundTrip;
  if (client === "raw undici") {
    roundTrip = async (input) => {
      const res = await request(`${url}/echo`, { method: "POST", headers: { "content-type": "image/png" }, body: input });
      return Buffer.from(await res.body.arrayBuffer());
    };
  } else {
    const { InferenceClient } = ourLibrary();
    const lib = new InferenceClient(TOKEN, { endpointUrl: `${url}/echo` });
    const viaImageToImage = typeof lib.imageToImage === "function";
    roundTrip = async (input) => {
      // The library's result is a Blob; `readBytes` also reads it into a Buffer, as the Node-RED nodes do.
      const blob = viaImageToImage ? await lib.imageToImage({ inputs: input }) : await binaryViaHttpLayer(url, input);
      return readBytes ? Buffer.from(await blob.arrayBuffer()) : blob;
    };
  }
  await roundTrip(fakeImage(1024)); // warm-up: modules loaded, connection open
  const input = fakeImage(bytes);
  global.gc?.();
  global.gc?.();
  const baseline = process.memoryUsage().rss;
  const peakBefore = process.resourceUsage().maxRSS * 1024;
  const start = performance.now();
  const output = await roundTrip(input);
  const ms = performance.now() - start;
  const peak = process.resourceUsage().maxRSS * 1024;
  const size = output.length ?? output.size;
  if (size !== bytes) throw new Error(`round trip returned ${size} bytes, expected ${bytes}`);
  // maxRSS only rises: if loading peaked above the baseline, this under-reports; say so instead of hiding it.
  return { ms, peakAboveBaseline: peak - baseline, peakBeforeOp: peakBefore - baseline, baseline };
}

/** Before image-to-image existed: a raw POST through the library's http layer, result as a Blob. */
async function binaryViaHttpLayer(url, input) {
  const { sendBuffered } = require("../dist/lib/http/request");
  const { Deadline } = require("../dist/lib/http/deadline");
  const res = await sendBuffered(
    { url: `${url}/echo`, method: "POST", headers: { "content-type": "image/png" }, body: input, target: "provider" },
    { maxRetries: 0, maxResponseBytes: 256 << 20 },
    new Deadline(60_000),
  );
  return new Blob([res.body], { type: res.contentType });
}

/**
 * CPU per call with the network taken out: an undici MockAgent answers in-process, so what is left is the client's
 * own work (building, sending, reading, checking). Much steadier than wall time on a busy machine.
 */
async function overhead({ client, requests }) {
  const { MockAgent, request } = require("undici");
  const agent = new MockAgent();
  agent.disableNetConnect();
  const answer = JSON.stringify({
    id: "x",
    object: "chat.completion",
    created: 1,
    model: "bench-model",
    choices: [{ index: 0, message: { role: "assistant", content: "Hello! How can I help you today?" }, finish_reason: "stop" }],
  });
  agent.get("http://bench.local").intercept({ path: /.*/, method: "POST" }).reply(200, answer, { headers: { "content-type": "application/json" } }).persist();
  const messages = [{ role: "user", content: "Hello, who are you?" }];
  let call;
  if (client === "raw undici") {
    call = async () => {
      const res = await request("http://bench.local/v1/chat/completions", {
        method: "POST",
        dispatcher: agent,
        headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify({ model: "bench-model", messages }),
      });
      return (await res.body.json()).choices[0].message.content;
    };
  } else {
    const { InferenceClient } = ourLibrary();
    const lib = new InferenceClient(TOKEN, { endpointUrl: "http://bench.local", dispatcher: agent });
    // "ours (Node-RED options)": what every node call carries, a caller signal and the config's 300 s timeout.
    const nodeOptions = client !== "ours";
    call = async () =>
      (await lib.chatCompletion({ model: "bench-model", messages }, nodeOptions ? { timeout: 300_000, signal: new AbortController().signal } : undefined))
        .choices[0].message.content;
  }
  for (let i = 0; i < requests / 10; i++) await call();
  const before = process.cpuUsage();
  for (let i = 0; i < requests; i++) await call();
  const used = process.cpuUsage(before);
  return { cpuUsPerCall: (used.user + used.system) / requests };
}

const kinds = { latency, throughput, stream, binary, overhead };

kinds[spec.kind](spec).then(
  (result) => {
    process.stdout.write(JSON.stringify(result) + "\n");
    process.exit(0);
  },
  (err) => {
    process.stderr.write(`${spec.kind} ${spec.client}: ${err.stack}\n`);
    process.exit(1);
  },
);
