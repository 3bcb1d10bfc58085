"use strict";
// Local provider measurements, in a fresh process each: `node bench/local.js '<json spec>'` prints one JSON line.
//   variant "node":     msgs through hf-text-classification with provider local (inference in the worker thread)
//   variant "function": a function node calling transformers.js's pipeline directly (inference on the main thread)
// Both on the same model folder; sequential latency, then msgs/s with `concurrency` msgs in flight, and the event
// loop's delay (perf_hooks.monitorEventLoopDelay) while the msgs run.
const path = require("node:path");
const { performance, monitorEventLoopDelay } = require("node:perf_hooks");
const helper = require("node-red-node-test-helper");

const ROOT = path.resolve(__dirname, "..");
const spec = JSON.parse(process.argv[2]);
const at = { z: "tab", x: 100, y: 100 };

const FUNCTION_CODE = `
const t = global.get("transformers");
let pipe = context.get("pipe");
if (!pipe) { pipe = t.pipeline("text-classification", ${JSON.stringify(spec.model)}, { dtype: "fp32" }); context.set("pipe", pipe); }
return pipe.then((p) => p(msg.payload, { top_k: null })).then((labels) => { msg.payload = labels; return msg; });`;

async function main() {
  const transformers = require("@huggingface/transformers");
  transformers.env.allowRemoteModels = false;
  transformers.env.localModelPath = spec.modelsDir + "/";
  const nodes = [require(path.join(ROOT, "dist/nodes/hf-config.js")), require(path.join(ROOT, "dist/nodes/hf-tasks.js"))];
  const flow = [
    { id: "tab", type: "tab" },
    { id: "cfg", z: "tab", type: "hf-config", provider: "local", localModelsDir: spec.modelsDir, concurrency: spec.concurrency, queueLimit: spec.msgs },
    spec.variant === "node"
      ? { id: "work", type: "hf-text-classification", ...at, config: "cfg", model: spec.model, wires: [["out"]] }
      : { id: "work", type: "function", ...at, func: FUNCTION_CODE, outputs: 1, wires: [["out"]] },
    { id: "out", type: "helper", ...at },
  ];
  if (spec.variant !== "node") nodes.push(require("@node-red/nodes/core/function/10-function.js"));
  helper.init(require.resolve("node-red"), { functionGlobalContext: { transformers }, logging: { console: { level: "off" } } });
  await new Promise((resolve) => helper.startServer(resolve));
  await helper.load(nodes, flow, {});
  const work = helper.getNode("work");
  const out = helper.getNode("out");
  // About 30 tokens each, a short sentence or two as flows classify them.
  const texts = ["this movie is good", "the food was terrible !", "john lives in paris", "what a great city"].map((t) => `${t} , ${t} . ${t} ? ${t} !`);
  const batch = (count) =>
    new Promise((resolve, reject) => {
      let seen = 0;
      const onMsg = (msg) => {
        if (!Array.isArray(msg.payload) || typeof msg.payload[0]?.label !== "string") return reject(new Error(`bad result ${JSON.stringify(msg.payload)}`));
        if (++seen === count) {
          out.off("input", onMsg);
          resolve();
        }
      };
      out.on("input", onMsg);
      for (let i = 0; i < count; i++) work.receive({ payload: texts[i % texts.length] });
    });
  for (let i = 0; i < spec.warmup; i++) await batch(1);
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  let t = performance.now();
  for (let i = 0; i < spec.sequential; i++) await batch(1);
  const latencyMs = (performance.now() - t) / spec.sequential;
  t = performance.now();
  await batch(spec.msgs);
  const msgsPerSecond = spec.msgs / ((performance.now() - t) / 1000);
  loop.disable();
  await helper.unload();
  await new Promise((resolve) => helper.stopServer(resolve));
  await require(path.join(ROOT, "dist/lib")).stopLocalWorker();
  console.log(JSON.stringify({ latencyMs, msgsPerSecond, loopDelayP99Ms: loop.percentile(99) / 1e6, loopDelayMaxMs: loop.max / 1e6 }));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
