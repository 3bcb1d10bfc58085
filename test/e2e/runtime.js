"use strict";
// A real Node-RED with the pack installed as a user would install it: `npm pack` of the checkout, `npm install` of
// the tarball into a fresh user dir, then `node red.js --settings scripts/node-red-settings.js` on 127.0.0.1 with
// a free port. NODE_RED_HOME (a folder node-red resolves from, e.g. .ci/node-red-5) and NODE_BIN (e.g. Node 22)
// pick another Node-RED / Node.js. Shared by the e2e and browser suites; the pack is installed once per process.
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const net = require("node:net");
const { spawn, execFileSync } = require("node:child_process");

const ROOT = path.resolve(__dirname, "../..");
const SETTINGS = path.join(ROOT, "scripts", "node-red-settings.js");
const PKG = require(path.join(ROOT, "package.json"));

function nodeRedScript() {
  const home = process.env.NODE_RED_HOME;
  return require.resolve("node-red/red.js", home ? { paths: [path.resolve(home)] } : undefined);
}

function nodeRedVersion() {
  return JSON.parse(fs.readFileSync(path.join(path.dirname(nodeRedScript()), "package.json"), "utf8")).version;
}

/**
 * Runs the npm that runs this test (npm_execpath), not node_modules/.bin/npm (Node-RED's own npm 10, which mocha's
 * PATH puts first and which runs `prepare` on pack even with scripts ignored).
 */
function npm(args, options) {
  const cli = process.env.npm_execpath;
  if (cli && /npm-cli\.js$/.test(cli)) return execFileSync(process.execPath, [cli, ...args], options);
  const dirs = (process.env.PATH ?? "").split(path.delimiter).filter((d) => d && !d.includes(`node_modules${path.sep}.bin`));
  const found = dirs.map((d) => path.join(d, "npm")).find((f) => fs.existsSync(f));
  return execFileSync(found ?? "npm", args, options);
}

function nodeBin() {
  return process.env.NODE_BIN || process.execPath;
}

let installed;
let cleanupRegistered = false;
/**
 * Packs the checkout (dist/ must be built: `npm test` builds first) and installs the tarball with its runtime
 * dependencies into a temporary folder; resolves with that folder (its node_modules holds the pack).
 */
function installPack() {
  if (installed) return installed;
  installed = (async () => {
    if (!fs.existsSync(path.join(ROOT, "dist", "nodes"))) throw new Error("dist/ is missing: run `npm run build` first");
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "hf-e2e-pack-"));
    if (!cleanupRegistered) {
      cleanupRegistered = true;
      process.on("exit", () => fs.rmSync(work, { recursive: true, force: true }));
    }
    // --ignore-scripts: `prepare` would rebuild; the test run has just built.
    const out = npm(["pack", "--json", "--pack-destination", work], {
      cwd: ROOT,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, npm_config_ignore_scripts: "true" },
    });
    const tarball = path.join(work, JSON.parse(out)[0].filename);
    const dir = path.join(work, "install");
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "node-red-project", private: true }));
    npm(["install", tarball, "--no-audit", "--no-fund", "--omit=dev", "--prefer-offline", "--no-package-lock"], {
      cwd: dir,
      stdio: ["ignore", "ignore", "pipe"],
      env: { ...process.env, npm_config_loglevel: "error" },
    });
    return { work, dir, tarball };
  })();
  return installed;
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** One running Node-RED: its base URL, its log, the admin API, and stop(). */
class NodeRed {
  constructor(userDir, env) {
    this.userDir = userDir;
    this.env = env;
    this.lines = [];
    this.waiters = [];
  }

  async start() {
    const port = await freePort();
    this.url = `http://127.0.0.1:${port}`;
    // detached: its own process group, so stop() can check that nothing it started is left behind.
    this.child = spawn(nodeBin(), [nodeRedScript(), "--settings", SETTINGS], {
      cwd: this.userDir,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        NODE_RED_USER_DIR: this.userDir,
        NODE_RED_PORT: String(port),
        NODE_RED_HOST: "127.0.0.1",
        NODE_RED_LOG_LEVEL: "debug",
        HF_TOKEN: "",
        HF_HOME: path.join(this.userDir, "hf-home"),
        ...this.env,
      },
    });
    this.exited = new Promise((resolve) => this.child.on("exit", (code, signal) => resolve({ code, signal })));
    for (const stream of [this.child.stdout, this.child.stderr]) {
      let rest = "";
      stream.setEncoding("utf8");
      stream.on("data", (chunk) => {
        const parts = (rest + chunk).split("\n");
        rest = parts.pop();
        for (const line of parts) this.addLine(line);
      });
    }
    await Promise.race([
      // The runtime starts its (initial) flows after the server listens: a deploy made before that line would
      // take it for its own and resolve early (seen on Node-RED 5), so start() waits for it.
      this.waitForLog(/Server now running at/).then(() => this.waitForLog(/Started flows|Waiting for missing types/, 0)),
      this.exited.then(({ code }) => {
        throw new Error(`Node-RED exited (${code}) before it started:\n${this.lines.join("\n")}`);
      }),
    ]);
    return this;
  }

  addLine(line) {
    this.lines.push(line);
    this.waiters = this.waiters.filter((w) => {
      if (this.lines.length - 1 < w.from || !w.regex.test(line)) return true;
      w.resolve(line);
      return false;
    });
  }

  /** Resolves with the first log line matching `regex` at index `from` or later (default: from now on). */
  waitForLog(regex, from = this.lines.length, timeoutMs = 15000) {
    const hit = this.lines.slice(from).find((l) => regex.test(l));
    if (hit) return Promise.resolve(hit);
    return new Promise((resolve, reject) => {
      const waiter = { regex, from, resolve };
      this.waiters.push(waiter);
      setTimeout(() => {
        if (!this.waiters.includes(waiter)) return;
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`no log line matching ${regex} within ${timeoutMs} ms; log tail:\n${this.lines.slice(-30).join("\n")}`));
      }, timeoutMs).unref();
    });
  }

  /** Log lines since index `from` that report a problem. */
  problems(from = 0) {
    return this.lines.slice(from).filter((l) => /\[(error|warn)\]|Uncaught|UnhandledPromiseRejection|TypeError|ReferenceError/.test(l));
  }

  async api(method, route, body, headers = {}) {
    const res = await fetch(this.url + route, {
      method,
      headers: { accept: "application/json", ...(body !== undefined ? { "content-type": "application/json" } : {}), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let json;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, json, text };
  }

  /** Full deploy; resolves once the runtime reports the flows started, with the log index the deploy began at. */
  async deploy(flows) {
    const from = this.lines.length;
    const started = this.waitForLog(/Started flows|Waiting for missing types/, from);
    const res = await this.api("POST", "/flows", flows, { "Node-RED-Deployment-Type": "full" });
    if (res.status !== 204 && res.status !== 200) throw new Error(`deploy failed: ${res.status} ${res.text}`);
    await started;
    return from;
  }

  /** SIGINT, as Ctrl-C: resolves with the exit {code, signal}; SIGKILL to the whole group after 15 s. */
  async stop() {
    if (!this.child) return undefined;
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill("SIGINT");
    const timer = setTimeout(() => this.killGroup(), 15000);
    const result = await this.exited;
    clearTimeout(timer);
    return result;
  }

  /** Whether any process of Node-RED's process group (its children: MCP servers...) is still alive. */
  groupAlive() {
    try {
      process.kill(-this.child.pid, 0);
      return true;
    } catch (err) {
      return err.code === "EPERM";
    }
  }

  killGroup() {
    try {
      process.kill(-this.child.pid, "SIGKILL");
    } catch {
      /* already gone */
    }
  }
}

/**
 * Starts a Node-RED whose user dir has the installed pack (a fresh user dir per call; node_modules is shared).
 * `env` adds environment variables (e.g. HF_ENDPOINT for the Hub look-ups).
 */
async function startNodeRed(env = {}) {
  const { work, dir } = await installPack();
  const userDir = fs.mkdtempSync(path.join(work, "user-"));
  fs.copyFileSync(path.join(dir, "package.json"), path.join(userDir, "package.json"));
  fs.symlinkSync(path.join(dir, "node_modules"), path.join(userDir, "node_modules"), "dir");
  return new NodeRed(userDir, env).start();
}


/** Every examples/**\/*.json of the checkout, as [relative path, parsed flow]. */
function exampleFlows() {
  // E2E_EXAMPLES_DIR: run the same checks on another folder of flows (e.g. flows a user reported).
  const dir = process.env.E2E_EXAMPLES_DIR ? path.resolve(process.env.E2E_EXAMPLES_DIR) : path.join(ROOT, "examples");
  const found = [];
  const walk = (d) => {
    if (!fs.existsSync(d)) return;
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".json")) found.push([path.relative(ROOT, full), JSON.parse(fs.readFileSync(full, "utf8"))]);
    }
  };
  walk(dir);
  return found.sort((a, b) => a[0].localeCompare(b[0]));
}

module.exports = { ROOT, PKG, startNodeRed, installPack, nodeRedVersion, nodeBin, exampleFlows };
