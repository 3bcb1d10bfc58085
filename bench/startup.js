"use strict";
// Start-up cost of the pack, in a fresh process each: `node bench/startup.js '<json spec>'` prints one JSON line.
//   kind "require":  require() one node file (what Node-RED does first), then call its export with a stub RED
//   kind "node-red": an embedded Node-RED (node-red's init/start API) on an empty flow, in a user dir that has the
//                    pack installed (a symlink in node_modules, as `npm link`) or not; time to "Started flows"
const fs = require("node:fs");
const http = require("node:http");
const os = require("node:os");
const path = require("node:path");
const { performance } = require("node:perf_hooks");

const ROOT = path.resolve(__dirname, "..");
const spec = JSON.parse(process.argv[2]);

const rss = () => {
  global.gc?.();
  return process.memoryUsage().rss;
};

/** Just enough of RED for a node file's registration function: it registers types and reads settings. */
function stubRED() {
  const registered = [];
  const RED = {
    nodes: { registerType: (type) => registered.push(type), createNode() {}, getNode() {}, getCredentials() {} },
    settings: {},
    log: { info() {}, warn() {}, error() {}, debug() {}, trace() {} },
    httpAdmin: { get() {}, post() {}, use() {} },
    auth: { needsPermission: () => (req, res, next) => next() },
    util: {},
    events: { on() {}, off() {}, once() {} },
  };
  return { RED, registered };
}

function measureRequire() {
  const before = rss();
  const t = performance.now();
  const register = require(path.join(ROOT, spec.file));
  const requireMs = performance.now() - t;
  const afterRequire = rss();
  const { RED, registered } = stubRED();
  const t2 = performance.now();
  let registerError;
  try {
    (register.default ?? register)(RED);
  } catch (err) {
    registerError = err.message; // a stub too small for this node: the require figures still stand
  }
  return { requireMs, rssDelta: afterRequire - before, registerMs: performance.now() - t2, types: registered.length, registerError };
}

async function measureNodeRed() {
  const t = performance.now();
  const RED = require("node-red");
  const userDir = fs.mkdtempSync(path.join(os.tmpdir(), "hf-bench-startup-"));
  try {
    fs.writeFileSync(path.join(userDir, "package.json"), JSON.stringify({ name: "node-red-project", private: true }));
    fs.writeFileSync(path.join(userDir, "flows.json"), "[]");
    if (spec.withPack) {
      const scope = path.join(userDir, "node_modules", "@hf-nodes");
      fs.mkdirSync(scope, { recursive: true });
      fs.symlinkSync(ROOT, path.join(scope, "node-red-inference"), "dir");
    }
    let onStarted;
    const started = new Promise((resolve) => (onStarted = resolve));
    const server = http.createServer();
    RED.init(server, {
      userDir,
      flowFile: "flows.json",
      httpAdminRoot: "/",
      httpNodeRoot: "/",
      diagnostics: { enabled: false },
      telemetry: { enabled: false, updateNotification: false },
      externalModules: { palette: { allowInstall: false } },
      editorTheme: { tours: false, palette: { catalogues: [] } },
      logging: {
        console: { level: "off" },
        bench: { level: "info", handler: () => (msg) => /Started flows/.test(msg.msg) && onStarted() },
      },
    });
    await RED.start();
    await started;
    const startMs = performance.now() - t;
    const types = RED.nodes.getNodeList().filter((n) => n.module === "@hf-nodes/node-red-inference").flatMap((n) => n.types);
    if (spec.withPack && types.length === 0) throw new Error("the pack did not load into Node-RED");
    const result = { startMs, rss: rss(), packTypes: types.length };
    await RED.stop();
    return result;
  } finally {
    fs.rmSync(userDir, { recursive: true, force: true });
  }
}

(spec.kind === "require" ? Promise.resolve(measureRequire()) : measureNodeRed()).then(
  (result) => {
    console.log(JSON.stringify(result));
    process.exit(0);
  },
  (err) => {
    console.error(err.stack || String(err));
    process.exit(1);
  },
);
