#!/usr/bin/env node
"use strict";
// `npm run bench`: starts the bench server (its own process), runs every measurement in a fresh process, several
// rounds with the clients in rotating order, and prints one line per figure:
//     name: value unit (ratio x vs baseline)
// each ratio against a baseline measured in the same run. Medians over rounds. Writes bench/RESULTS.md.
// Env: BENCH_ROUNDS (default 3), BENCH_QUICK=1 (smaller counts, for a smoke run), BENCH_ONLY=startup (only section
// 9, printed, RESULTS.md left as it is).
const { execFile, fork } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const interleaved = require("./interleaved");

const QUICK = process.env.BENCH_QUICK === "1";
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? (QUICK ? 1 : 3));
const N = {
  sequential: QUICK ? 200 : 2000,
  // Long enough for V8 to have compiled every client's hot path (the first calls of a fresh process are reported
  // apart, as "cold"): with a few hundred, the figures measure the JIT more than the clients.
  warmup: QUICK ? 500 : 5000,
  concurrency: 64,
  concurrent: QUICK ? 640 : 6400,
  // Interleaving: sequential calls in blocks of 50 (40 blocks per client), concurrent requests in blocks of 640.
  block: 50,
  concurrentBlock: 640,
  streamRuns: QUICK ? 1 : 5,
  binaryBytes: 25 * 1024 * 1024,
  flowMsgs: QUICK ? 1000 : 10_000,
  flowConcurrency: 16,
  batchMsgs: QUICK ? 2000 : 10_000,
  memorySessions: 16,
  memoryTurns: QUICK ? 20 : 100,
  local: { warmup: QUICK ? 10 : 30, sequential: QUICK ? 50 : 200, msgs: QUICK ? 100 : 400, concurrency: 4 },
  // Start-up: fresh processes per measurement; more rounds than the others as each one is short and noisy.
  startupRounds: QUICK ? 3 : 7,
};
const CLIENTS = ["raw undici", "ours", "@huggingface/inference", "openai"];
/** Latency also for our library as every node calls it: a caller's abort signal and the config node's timeout. */
const LATENCY_CLIENTS = [...CLIENTS, "ours (node options)"];

function runChild(script, spec) {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ["--expose-gc", path.join(__dirname, script), JSON.stringify(spec)], { maxBuffer: 1 << 20 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`${script} ${JSON.stringify(spec)} failed: ${stderr || err.message}`));
      resolve(JSON.parse(stdout.trim().split("\n").pop()));
    });
  });
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const rotate = (list, by) => list.map((_, i) => list[(i + by) % list.length]);
/** Runs `measure(name)` for every name, ROUNDS times in rotating order; returns name -> list of results. */
async function rounds(names, measure) {
  const results = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < ROUNDS; r++) {
    for (const name of rotate(names, r)) results[name].push(await measure(name));
  }
  return results;
}

/** Runs an interleaved measurement ROUNDS times (fresh processes each time). */
async function repeat(measure) {
  const runs = [];
  for (let r = 0; r < ROUNDS; r++) runs.push(await measure());
  return runs;
}
/** The median over runs of a value, or of a ratio taken within each run. */
const overRuns = (runs, pick) => median(runs.map(pick));

const lines = [];
const figures = [];
function figure(name, value, unit, ratio, baseline, digits = 0) {
  const line = `${name}: ${value.toFixed(digits)} ${unit} (${ratio.toFixed(2)}x vs ${baseline})`;
  lines.push(line);
  figures.push({ name, value, unit, ratio, baseline, digits });
  console.log(line);
}

async function main() {
  if (process.env.BENCH_ONLY === "startup") return startupFigures();
  const server = fork(path.join(__dirname, "server.js"), [], { stdio: ["ignore", "ignore", "inherit", "ipc"] });
  const { url, streamTokens } = await new Promise((resolve) => server.once("message", resolve));
  const notes = [];
  const started = Date.now();
  const load = os.loadavg().map((l) => l.toFixed(2)).join(", ");
  try {
    // 1. Request overhead: sequential small chat completions, the clients interleaved block by block.
    const latencyRuns = await repeat(() =>
      interleaved.latency(LATENCY_CLIENTS, url, { warmup: N.warmup, blocks: N.sequential / N.block, block: N.block }),
    );
    const latencyFigure = (name, key, unit, c, digits = 0) =>
      figure(name, overRuns(latencyRuns, (r) => r[c][key]), unit, overRuns(latencyRuns, (r) => r[c][key] / r["raw undici"][key]), "raw undici", digits);
    for (const c of LATENCY_CLIENTS) latencyFigure(`latency p50 ${c}`, "p50Us", "µs/req", c);
    for (const c of LATENCY_CLIENTS) latencyFigure(`latency mean ${c}`, "meanUs", "µs/req", c);
    for (const c of LATENCY_CLIENTS) latencyFigure(`client CPU per request ${c}`, "cpuUs", "µs", c);
    for (const c of LATENCY_CLIENTS) latencyFigure(`latency p50, first ${N.sequential} calls of a fresh process ${c}`, "coldP50Us", "µs/req", c);
    const latencyRatio = overRuns(latencyRuns, (r) => r.ours.p50Us / r["raw undici"].p50Us);

    // 2. Throughput at 64 concurrent requests, interleaved the same way.
    const tputRuns = await repeat(() =>
      interleaved.throughput(CLIENTS, url, { warmup: N.warmup, blocks: N.concurrent / N.concurrentBlock, block: N.concurrentBlock, concurrency: N.concurrency }),
    );
    for (const c of CLIENTS) {
      figure(`throughput x${N.concurrency} ${c}`, overRuns(tputRuns, (r) => r[c].rps), "req/s", overRuns(tputRuns, (r) => r[c].rps / r["raw undici"].rps), "raw undici");
    }
    const versusReference = overRuns(tputRuns, (r) => r.ours.rps / r["@huggingface/inference"].rps);
    figure(`throughput x${N.concurrency} ours`, overRuns(tputRuns, (r) => r.ours.rps), "req/s", versusReference, "@huggingface/inference");
    const tputGap = overRuns(tputRuns, (r) => r["raw undici"].rps / r.ours.rps);
    for (const c of CLIENTS) {
      const v = overRuns(tputRuns, (r) => r[c].cpuUs);
      figure(`client CPU per request x${N.concurrency} ${c}`, v, "µs", overRuns(tputRuns, (r) => r[c].cpuUs / r["raw undici"].cpuUs), "raw undici");
    }

    // 3. Streaming: one long SSE chat stream.
    const streamers = ["eventsource-parser loop", "ours"];
    const streams = await rounds(streamers, (client) => runChild("measure.js", { kind: "stream", client, url, runs: N.streamRuns }));
    for (const [c, rs] of Object.entries(streams)) {
      if (rs.some((r) => r.tokens !== streamTokens)) throw new Error(`${c} read ${rs.map((r) => r.tokens)} deltas, not ${streamTokens}`);
    }
    const tps = Object.fromEntries(streamers.map((c) => [c, median(streams[c].map((r) => r.tokensPerSecond))]));
    for (const c of streamers) figure(`stream ${streamTokens} tokens ${c}`, tps[c], "tokens/s", tps[c] / tps["eventsource-parser loop"], "eventsource-parser loop");
    if (fs.existsSync(path.join(__dirname, "..", "dist", "nodes", "hf-chat.js"))) {
      const flowStream = await rounds(["hf-chat"], () => runChild("flow.js", { kind: "chat-stream", url, runs: N.streamRuns }));
      const v = median(flowStream["hf-chat"].map((r) => r.tokensPerSecond));
      figure(`stream ${streamTokens} tokens hf-chat node (Node-RED flow)`, v, "tokens/s", v / tps["eventsource-parser loop"], "eventsource-parser loop");
    } else {
      notes.push("hf-chat was not built: no Node-RED streaming figure.");
    }

    // 4. Binary: 25 MB in and out.
    const binaryClients = ["raw undici", "ours", "ours, Buffer out (as the nodes)"];
    const bins = await rounds(binaryClients, (name) =>
      runChild("measure.js", { kind: "binary", client: name === "raw undici" ? name : "ours", asBuffer: name !== binaryClients[1], url, bytes: N.binaryBytes }),
    );
    const ms = Object.fromEntries(binaryClients.map((c) => [c, median(bins[c].map((r) => r.ms))]));
    const peak = Object.fromEntries(binaryClients.map((c) => [c, median(bins[c].map((r) => r.peakAboveBaseline))]));
    for (const c of binaryClients) figure(`binary 25 MB round trip time ${c}`, ms[c], "ms", ms[c] / ms["raw undici"], "raw undici");
    for (const c of binaryClients) figure(`binary 25 MB peak RSS above baseline ${c}`, peak[c] / 2 ** 20, "MiB", peak[c] / N.binaryBytes, "payload");

    // 5. A Node-RED flow: msgs through hf-text-classification vs a function node with raw undici.
    const variants = ["node", "function"];
    const flows = await rounds(variants, (variant) => runChild("flow.js", { kind: "classify", variant, url, msgs: N.flowMsgs, concurrency: N.flowConcurrency }));
    const mps = Object.fromEntries(variants.map((v) => [v, median(flows[v].map((r) => r.msgsPerSecond))]));
    figure(`flow ${N.flowMsgs} msgs hf-text-classification (concurrency ${N.flowConcurrency})`, mps.node, "msgs/s", mps.node / mps.function, "function node + raw undici");
    figure(`flow ${N.flowMsgs} msgs function node + raw undici (limit ${N.flowConcurrency})`, mps.function, "msgs/s", 1, "function node + raw undici");

    // 6. Micro-batching: msgs through batchable task nodes against a server adding 20 ms per request.
    const batchRatios = {};
    for (const task of ["feature-extraction", "text-classification"]) {
      const sizes = ["1", "32"];
      const runs = await rounds(sizes, (size) =>
        runChild("flow.js", { kind: "batching", task, url, msgs: N.batchMsgs, concurrency: N.flowConcurrency, batchSize: Number(size) }),
      );
      const rate = Object.fromEntries(sizes.map((z) => [z, median(runs[z].map((r) => r.msgsPerSecond))]));
      const requests = Object.fromEntries(sizes.map((z) => [z, runs[z][0].requests]));
      figure(`batching ${N.batchMsgs} msgs hf-${task} batch 32 (20 ms/request, ${requests["32"]} requests)`, rate["32"], "msgs/s", rate["32"] / rate["1"], "unbatched");
      figure(`batching ${N.batchMsgs} msgs hf-${task} unbatched (20 ms/request, ${requests["1"]} requests)`, rate["1"], "msgs/s", 1, "unbatched");
      batchRatios[task] = rate["32"] / rate["1"];
    }

    // 7. Conversation memory: chat turns with hf-memory on Node-RED context vs on a real Redis.
    const memoryRuns = await chatMemoryFigures(url);
    if (memoryRuns) {
      const { tps, redisTurnUs } = memoryRuns;
      const label = `chat turns, ${N.memorySessions} sessions x ${N.memoryTurns} turns, memory`;
      figure(`${label} context`, tps.context, "turns/s", 1, "context memory");
      figure(`${label} redis`, tps.redis, "turns/s", tps.redis / tps.context, "context memory");
      figure("redis memory: extra time per turn in the flow", Math.max(0, (1 / tps.redis - 1 / tps.context) * 1e6), "µs/turn", 1, "context memory");
      figure("redis memory: bare round trips of a turn (LRANGE + MULTI)", redisTurnUs, "µs/turn", 1, "itself");
    } else {
      notes.push("No redis-server on this machine: no conversation memory figures (install the Debian package redis-server).");
    }

    // 8. The local provider: text classification in-process, through the node (worker thread) vs a function node.
    const local = await localFigures();
    if (!local) notes.push("@huggingface/transformers is not installed: no local provider figures.");

    // 9. Start-up cost of the pack: require() of each node file, and a Node-RED start with and without the pack.
    await startupFigures();

    const targets = [
      ["batching: hf-feature-extraction batch 32 at least 8x unbatched", batchRatios["feature-extraction"], (v) => v >= 8],
      ["batching: hf-text-classification batch 32 at least 8x unbatched", batchRatios["text-classification"], (v) => v >= 8],
      ["flow: hf-text-classification node path at least 0.9x a function node with raw undici", mps.node / mps.function, (v) => v >= 0.9],
      ...(local ? [["local: hf-text-classification msgs/s at least 0.9x transformers.js in a function node", local.tputRatio, (v) => v >= 0.9]] : []),
      ["latency p50: ours within 1.15x of raw undici", latencyRatio, (v) => v <= 1.15],
      ["throughput: raw undici / ours within 1.15x", tputGap, (v) => v <= 1.15],
      ["throughput: ours at least 1.5x @huggingface/inference", versusReference, (v) => v >= 1.5],
      ["binary peak RSS above baseline under 3x the payload", peak.ours / N.binaryBytes, (v) => v < 3],
    ].map(([name, value, ok]) => ({ name, value, pass: ok(value) }));
    for (const t of targets) console.log(`target ${t.name}: ${t.value.toFixed(2)}x ${t.pass ? "PASS" : "MISS"}`);
    if (!targets[0].pass || !targets[1].pass) {
      notes.push(
        `Latency / throughput missed the 1.15x target in this run. Client CPU per request: ours ` +
          `${overRuns(latencyRuns, (r) => r.ours.cpuUs / r["raw undici"].cpuUs).toFixed(2)}x raw undici. ` +
          `\`bash bench/instructions.sh\` counts the instructions per call, which no other load on the machine moves.`,
      );
    }
    writeResults({ figures, targets, notes, load, seconds: (Date.now() - started) / 1000, latencyRuns, streamTokens });
  } finally {
    server.kill();
  }
}

/** Turns per second with each memory backend (a redis-server of its own on a free port); undefined without Redis. */
async function chatMemoryFigures(url) {
  const { RedisServer, redisBinary } = require("../test/support/redis");
  if (!redisBinary()) return undefined;
  const redis = await new RedisServer().start();
  try {
    const spec = { kind: "chat-memory", url, redisUrl: redis.url, sessions: N.memorySessions, turns: N.memoryTurns };
    const runs = await rounds(["context", "redis"], (backend) => runChild("flow.js", { ...spec, backend }));
    return {
      tps: { context: median(runs.context.map((r) => r.turnsPerSecond)), redis: median(runs.redis.map((r) => r.turnsPerSecond)) },
      redisTurnUs: median(runs.redis.map((r) => r.redisTurnUs)),
    };
  } finally {
    await redis.destroy();
  }
}

/** Section 6: the local provider's figures (undefined without @huggingface/transformers). */
async function localFigures() {
  try {
    require.resolve("@huggingface/transformers");
  } catch {
    return undefined;
  }
  const modelsDir = fs.mkdtempSync(path.join(os.tmpdir(), "hf-bench-models-"));
  try {
    const model = require("../test/fixtures/make-models.js").writeBenchModel(modelsDir, { layers: 8 });
    const variants = ["node", "function"];
    const runs = await rounds(variants, (variant) => runChild("local.js", { variant, model, modelsDir, ...N.local }));
    const m = (v, key) => median(runs[v].map((r) => r[key]));
    const base = "transformers.js in a function node";
    figure("local text classification latency hf-text-classification", m("node", "latencyMs") * 1000, "µs/msg", m("node", "latencyMs") / m("function", "latencyMs"), base);
    figure(`local text classification latency ${base}`, m("function", "latencyMs") * 1000, "µs/msg", 1, base);
    const tputRatio = m("node", "msgsPerSecond") / m("function", "msgsPerSecond");
    figure(`local text classification x${N.local.concurrency} hf-text-classification`, m("node", "msgsPerSecond"), "msgs/s", tputRatio, base);
    figure(`local text classification x${N.local.concurrency} ${base}`, m("function", "msgsPerSecond"), "msgs/s", 1, base);
    for (const v of variants) {
      const name = v === "node" ? "hf-text-classification (worker thread)" : `${base} (main thread)`;
      figure(`local event-loop delay p99 ${name}`, m(v, "loopDelayP99Ms"), "ms", m(v, "loopDelayP99Ms") / m("function", "loopDelayP99Ms"), base, 1);
      figure(`local event-loop delay max ${name}`, m(v, "loopDelayMaxMs"), "ms", m(v, "loopDelayMaxMs") / m("function", "loopDelayMaxMs"), base, 1);
    }
    return { tputRatio };
  } finally {
    fs.rmSync(modelsDir, { recursive: true, force: true });
  }
}

/** Section 9: what loading the pack costs Node-RED, each measurement in a fresh process (startupRounds of them). */
async function startupFigures() {
  const fresh = async (measure) => {
    const runs = [];
    for (let r = 0; r < N.startupRounds; r++) runs.push(await measure());
    return runs;
  };
  const variants = ["without", "with"];
  const red = { without: [], with: [] };
  for (let r = 0; r < N.startupRounds; r++) {
    for (const v of rotate(variants, r)) red[v].push(await runChild("startup.js", { kind: "node-red", withPack: v === "with" }));
  }
  const m = (v, key) => median(red[v].map((r) => r[key]));
  const bare = "Node-RED start without the pack";
  figure("startup Node-RED to Started flows, without the pack", m("without", "startMs"), "ms", 1, bare);
  figure(`startup Node-RED to Started flows, with the pack (${red.with[0].packTypes} types)`, m("with", "startMs"), "ms", m("with", "startMs") / m("without", "startMs"), bare);
  figure("startup Node-RED RSS after start, without the pack", m("without", "rss") / 2 ** 20, "MiB", 1, bare, 1);
  figure("startup Node-RED RSS after start, with the pack", m("with", "rss") / 2 ** 20, "MiB", m("with", "rss") / m("without", "rss"), bare, 1);
  const bareRss = m("without", "rss");
  for (const file of Object.values(require("../package.json")["node-red"].nodes)) {
    const runs = await fresh(() => runChild("startup.js", { kind: "require", file }));
    const name = path.basename(file, ".js");
    const ms = median(runs.map((r) => r.requireMs));
    const rss = median(runs.map((r) => r.rssDelta));
    figure(`startup require ${name}`, ms, "ms", ms / m("without", "startMs"), bare, 1);
    figure(`startup require ${name} RSS delta`, rss / 2 ** 20, "MiB", rss / bareRss, `${bare} (RSS)`, 1);
    if (runs[0].registerError) console.log(`  (${name}: registration with a stub RED failed: ${runs[0].registerError})`);
    else figure(`startup register ${name} with a stub RED (${runs[0].types} types)`, median(runs.map((r) => r.registerMs)), "ms", median(runs.map((r) => r.registerMs)) / ms, "its require", 2);
  }
}

function writeResults({ figures, targets, notes, load, seconds, latencyRuns, streamTokens }) {
  const cpu = os.cpus()[0]?.model ?? "unknown";
  const row = (f) => `| ${f.name} | ${f.value.toFixed(f.digits)} ${f.unit} | ${f.ratio.toFixed(2)}x vs ${f.baseline} |`;
  const p99 = Object.keys(latencyRuns[0])
    .map((c) => `${c} ${median(latencyRuns.map((r) => r[c].p99Us)).toFixed(0)} µs`)
    .join(", ");
  const text = `# Benchmark results

Written by \`npm run bench\` (bench/run.js) on ${new Date().toISOString()}; ${ROUNDS} round(s). Values are medians over
rounds; latency and throughput ratios are medians of the ratios taken within each run (the clients take turns
block by block, see below), the others ratios of the medians. Every baseline is measured in the same run. ${QUICK ? "QUICK run (smaller counts)." : ""}

## Machine
- nproc: ${os.availableParallelism?.() ?? os.cpus().length}
- CPU: ${cpu}
- memory: ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB
- node: ${process.version} (${process.platform} ${process.arch})
- load average when the run started: ${load} (other work shares this machine: ratios are the figures to read)
- run took ${seconds.toFixed(0)} s

## Figures
| figure | value | ratio |
|---|---|---|
${figures.map(row).join("\n")}

Latency p99 (median over rounds): ${p99}.

## Targets
| target | measured | verdict |
|---|---|---|
${targets.map((t) => `| ${t.name} | ${t.value.toFixed(2)}x | ${t.pass ? "PASS" : "MISS"} |`).join("\n")}

## How each figure is made
1. Request overhead: ${N.sequential} sequential small chat completions per client after ${N.warmup} warm-up calls. Each
   client runs in its own process (bench/interleaved.js) against one local server (bench/server.js, its own
   process), and the clients take turns (shuffled) in blocks of ${N.block} calls, so that drifts in the machine's speed hit all of
   them alike; ${ROUNDS} such runs (fresh processes each), medians over runs, ratios taken within each run.
   "First ${N.sequential} calls of a fresh process" times the warm-up's first calls instead: module loading and JIT
   compilation, paid once per process. "Client CPU per request" is the client process's user + system CPU over the
   measured calls (GC threads included). Ours is \`InferenceClient.chatCompletion\` with \`endpointUrl\`;
   \`@huggingface/inference\` the same call with \`endpointUrl\` (it uses global fetch); \`openai\`
   \`chat.completions.create\` with \`baseURL\`; raw undici \`request()\` + \`body.json()\`. "ours (node options)" calls
   as every node does: per-call options with the node's shared abort signal, and the config node's 300 s timeout.
2. Throughput: ${N.concurrent} requests per client through ${N.concurrency} concurrent workers, in blocks of ${N.concurrentBlock}
   taken in turns as above (after ${N.warmup} sequential and ${N.concurrent} concurrent warm-up requests).
3. Streaming: one SSE stream of ${streamTokens} chat deltas, written by the server as fast as the socket takes it; tokens/s
   through \`chatCompletionStream\` vs a bare undici + eventsource-parser + JSON.parse loop, and through an \`hf-chat\`
   node (stream on) in a Node-RED flow (node-red-node-test-helper), deltas counted on its first output.
4. Binary: a 25 MiB PNG-signed buffer POSTed and echoed back. Ours is \`imageToImage\` (raw bytes in, a Blob out);
   "Buffer out" is what the nodes do: the client keeps the bytes behind the Blob (\`keepBlobBytes\`) and
   \`blobToBuffer\` hands them over, so the Blob is not read back. Peak RSS is
   \`process.resourceUsage().maxRSS\` after the call minus RSS just before it (input already allocated, after GC).
5. Flow: ${N.flowMsgs} msgs sent at once into \`hf-text-classification\` (hf-config concurrency ${N.flowConcurrency}) vs a function
   node doing the same POST with raw undici (given through functionGlobalContext), at most ${N.flowConcurrency} at a time.
6. Conversation memory: ${N.memorySessions} sessions at once, each sending ${N.memoryTurns} turns one after the other (after 5 warm-up turns)
   through \`hf-chat\` (stream off) with an \`hf-memory\` of backend \`context\` (Node-RED memory context) or \`redis\` (a local
   redis-server, started by the bench), 10 turns kept. "Extra time per turn" is 1/(redis turns/s) - 1/(context turns/s);
   "bare round trips" times one LRANGE plus one MULTI (RPUSH, LTRIM, EXPIRE) from the \`redis\` client, sequentially.
8. Local provider (bench/local.js): a BERT-base-wide text classifier (hidden 768, 8 dense layers over ~30 tokens, random
   weights, written by test/fixtures/make-models.js to a temp folder) through \`hf-text-classification\` with provider
   \`local\` (inference in the worker thread) vs a function node calling transformers.js's pipeline on the main thread;
   ${N.local.sequential} msgs one at a time (latency), then ${N.local.msgs} at once (config concurrency ${N.local.concurrency}); the event loop's delay
   (perf_hooks.monitorEventLoopDelay, 1 ms resolution) over both phases.
9. Start-up (bench/startup.js, ${N.startupRounds} fresh processes per figure, Node-RED variants in turns): \`require()\` of each file in
   package.json "node-red".nodes (time, and RSS after GC minus RSS before), then its export called with a stub RED;
   an embedded Node-RED (\`init\`/\`start\`, empty flow) from \`require("node-red")\` to the "Started flows" log line,
   with the pack linked into the user dir's node_modules or not, and RSS after start (after GC).
${notes.length ? "\n## Notes\n" + notes.map((n) => `- ${n}`).join("\n") + "\n" : ""}`;
  fs.writeFileSync(path.join(__dirname, "RESULTS.md"), text);
  console.log(`wrote ${path.relative(process.cwd(), path.join(__dirname, "RESULTS.md"))}`);
}

main().catch((err) => {
  console.error(err.stack || String(err));
  process.exit(1);
});
