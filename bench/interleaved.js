"use strict";
// Latency and throughput with the clients interleaved in time. Each client lives in its own process (its own JIT
// state, pools and GC) and is driven block by block over IPC: a block of one client, then a block of the next, and
// so on. On shared vCPUs the machine's speed drifts over seconds; blocks of a fraction of a second each put every
// client through the same drift, so their ratio stays put where separate runs would not.
//
// Child side (forked with "child"): loads one client, warms it up, reports the warm-up's first calls ("cold"), then
// answers {block: n} (sequential calls) or {block: n, concurrency: c} with the time of each call, or of the block.
const { fork } = require("node:child_process");
const { performance } = require("node:perf_hooks");

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
const median = (values) => percentile([...values].sort((a, b) => a - b), 50);

async function child() {
  const { callers } = require("./clients");
  const { client, url, warmup, coldCalls } = JSON.parse(process.argv[3]);
  const call = callers[client](url);
  const cold = [];
  for (let i = 0; i < warmup; i++) {
    const t = performance.now();
    await call();
    if (i < coldCalls) cold.push(performance.now() - t);
  }
  process.send({ ready: true, coldP50Us: median(cold) * 1000 });
  process.on("message", async ({ block, concurrency }) => {
    const cpu = process.cpuUsage();
    if (!concurrency) {
      const times = [];
      for (let i = 0; i < block; i++) {
        const t = performance.now();
        await call();
        times.push((performance.now() - t) * 1000);
      }
      const used = process.cpuUsage(cpu);
      return process.send({ times, cpuUs: used.user + used.system });
    }
    let next = 0;
    const start = performance.now();
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (next++ < block) await call();
    }));
    const used = process.cpuUsage(cpu);
    process.send({ seconds: (performance.now() - start) / 1000, cpuUs: used.user + used.system });
  });
  process.on("disconnect", () => process.exit(0));
}

/** Starts one warmed-up process per client; resolves to {name -> {ask(msg), coldP50Us, stop()}}. */
async function startClients(clients, url, { warmup, coldCalls }) {
  const running = {};
  for (const client of clients) {
    const proc = fork(__filename, ["child", JSON.stringify({ client, url, warmup, coldCalls })], {
      execArgv: ["--expose-gc"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    const ready = await new Promise((resolve, reject) => {
      proc.once("message", resolve);
      proc.once("exit", (code) => reject(new Error(`${client} exited (${code}) before it was ready`)));
    });
    proc.removeAllListeners("exit");
    running[client] = {
      coldP50Us: ready.coldP50Us,
      ask: (msg) =>
        new Promise((resolve) => {
          proc.once("message", resolve);
          proc.send(msg);
        }),
      stop: () => proc.disconnect(),
    };
  }
  return running;
}

/**
 * Sequential calls: `blocks` rounds of `block` calls per client, interleaved. Per client: p50, p99 and mean over
 * every call, CPU per call, and the cold p50 of its first calls.
 */
async function latency(clients, url, { warmup, blocks, block }) {
  const running = await startClients(clients, url, { warmup, coldCalls: block * blocks });
  const times = Object.fromEntries(clients.map((c) => [c, []]));
  const cpu = Object.fromEntries(clients.map((c) => [c, 0]));
  try {
    for (let b = 0; b < blocks; b++) {
      for (const c of orderFor(clients, b)) {
        const answer = await running[c].ask({ block });
        times[c].push(...answer.times);
        cpu[c] += answer.cpuUs;
      }
    }
  } finally {
    for (const c of clients) running[c].stop();
  }
  return Object.fromEntries(
    clients.map((c) => {
      const sorted = [...times[c]].sort((a, b) => a - b);
      const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
      return [c, { p50Us: percentile(sorted, 50), p99Us: percentile(sorted, 99), meanUs: mean, cpuUs: cpu[c] / sorted.length, coldP50Us: running[c].coldP50Us }];
    }),
  );
}

/** Concurrent calls: `blocks` rounds of `block` requests through `concurrency` workers per client, interleaved. */
async function throughput(clients, url, { warmup, blocks, block, concurrency }) {
  const running = await startClients(clients, url, { warmup, coldCalls: 0 });
  const seconds = Object.fromEntries(clients.map((c) => [c, 0]));
  const cpu = Object.fromEntries(clients.map((c) => [c, 0]));
  try {
    // The concurrent path compiles anew (other types and shapes in flight): warm it as long as it is measured.
    for (const c of clients) await running[c].ask({ block: block * blocks, concurrency });
    for (let b = 0; b < blocks; b++) {
      for (const c of orderFor(clients, b)) {
        const answer = await running[c].ask({ block, concurrency });
        seconds[c] += answer.seconds;
        cpu[c] += answer.cpuUs;
      }
    }
  } finally {
    for (const c of clients) running[c].stop();
  }
  const requests = blocks * block;
  return Object.fromEntries(clients.map((c) => [c, { rps: requests / seconds[c], cpuUs: cpu[c] / requests }]));
}

/**
 * The clients' order for block `b`: shuffled (seeded, so runs repeat), so that no client always follows the same
 * one: which process ran just before shapes the caches a block starts with.
 */
function orderFor(list, b) {
  let seed = Math.imul(b + 1, 2654435761) >>> 0;
  const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const order = [...list];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

if (process.argv[2] === "child") child();

module.exports = { latency, throughput };
