"use strict";
// One measurement in a fresh process (so JIT state, pools and peak RSS belong to that client alone):
//   node --expose-gc bench/measure.js '<json spec>'   → prints one JSON line with the result.
// Kinds: stream (one long SSE stream), binary (a large body in and out). Latency and throughput: bench/interleaved.js.
const { performance } = require("node:perf_hooks");
const { streamers, ourLibrary, TOKEN } = require("./clients");

const spec = JSON.parse(process.argv[2]);

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

async function binary({ client, url, bytes, asBuffer }) {
  const { request } = require("undici");
  let roundTrip;
  if (client === "raw undici") {
    roundTrip = async (input) => {
      const res = await request(`${url}/echo`, { method: "POST", headers: { "content-type": "image/png" }, body: input });
      return Buffer.from(await res.body.arrayBuffer());
    };
  } else {
    const { InferenceClient, blobToBuffer } = ourLibrary();
    const lib = new InferenceClient(TOKEN, { endpointUrl: `${url}/echo`, keepBlobBytes: asBuffer });
    // The library's result is a Blob; `asBuffer` turns it into a Buffer, as the Node-RED nodes do.
    roundTrip = async (input) => {
      const blob = await lib.imageToImage({ inputs: input });
      return asBuffer ? blobToBuffer(blob) : blob;
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

const kinds = { stream, binary };

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
