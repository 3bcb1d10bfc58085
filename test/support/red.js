"use strict";
// One place that sets up node-red-node-test-helper: against the Node-RED in NODE_RED_HOME when set (CI runs the
// node tests again on Node-RED 5), else the devDependency; plus paths to the core nodes tests wire in.
const path = require("node:path");
const helper = require("node-red-node-test-helper");

const redPath = process.env.NODE_RED_HOME ? require.resolve("node-red", { paths: [process.env.NODE_RED_HOME] }) : require.resolve("node-red");
helper.init(redPath, { logging: { console: { level: "off" } } });

const coreDir = path.join(path.dirname(require.resolve("@node-red/nodes/package.json", { paths: [path.dirname(redPath)] })), "core");

/** A core node module, e.g. coreNode("common/25-catch.js"). */
function coreNode(relative) {
  return require(path.join(coreDir, relative));
}

const dist = path.resolve(__dirname, "../../dist/nodes");
/** One of our node modules from dist/nodes, e.g. ourNode("hf-config"). */
function ourNode(name) {
  return require(path.join(dist, `${name}.js`));
}

/** Records every status a node shows, keeping the node's own behaviour. */
function recordStatus(node) {
  const seen = [];
  const original = node.status.bind(node);
  node.status = (s) => {
    seen.push(s);
    return original(s);
  };
  return seen;
}

/** Resolves with the next `count` msgs a helper node receives. */
function nextMessages(node, count = 1) {
  return new Promise((resolve) => {
    const msgs = [];
    node.on("input", (msg) => {
      msgs.push(msg);
      if (msgs.length === count) resolve(count === 1 ? msgs[0] : msgs);
    });
  });
}

const HF_ENV = ["HF_ENDPOINT", "HF_ROUTER_URL", "HF_TOKEN", "HF_HOME", "HF_TOKEN_PATH"];

/**
 * Mocha hooks for node tests routed through a local server standing in for the Hub and the router: the server,
 * a clean mapping cache, no token from the environment or a token file, and a fresh Node-RED per test. Call inside
 * a describe(); the returned holder's `server` is set once `before` has run.
 */
function useLocalHub() {
  const { FakeServer } = require("./fake-server");
  const lib = require("../../dist/lib");
  const os = require("node:os");
  const local = { server: undefined };
  const saved = {};
  before(async function () {
    local.server = await new FakeServer().start();
    for (const k of HF_ENV) saved[k] = process.env[k];
  });
  after(async function () {
    await local.server.stop();
    for (const [k, v] of Object.entries(saved)) (v === undefined ? delete process.env[k] : (process.env[k] = v));
  });
  beforeEach(function (done) {
    local.server.reset();
    lib.clearMappingCache();
    process.env.HF_ENDPOINT = local.server.url;
    process.env.HF_ROUTER_URL = local.server.url;
    delete process.env.HF_TOKEN;
    process.env.HF_HOME = path.join(os.tmpdir(), "hf-home-that-does-not-exist");
    delete process.env.HF_TOKEN_PATH;
    helper.startServer(done);
  });
  afterEach(function (done) {
    helper.unload().then(() => helper.stopServer(done));
  });
  return local;
}

module.exports = { helper, coreNode, ourNode, recordStatus, nextMessages, useLocalHub };
