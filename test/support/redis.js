"use strict";
// A real redis-server for the memory tests, started by the test itself on 127.0.0.1 and a free port (no
// persistence, its own temp dir), so a test can stop and restart it. `redis-server` comes from the Debian package
// (.ci/run installs it); REDIS_SERVER names another binary. Without one, the suites that need it skip with one line.
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const net = require("node:net");
const { spawn, execFileSync } = require("node:child_process");

/** The redis-server to run: REDIS_SERVER when set (only that one), else the usual places or PATH. */
function redisBinary() {
  if (process.env.REDIS_SERVER) return fs.existsSync(process.env.REDIS_SERVER) ? process.env.REDIS_SERVER : undefined;
  const candidates = ["/usr/bin/redis-server", "/usr/local/bin/redis-server"];
  const found = candidates.find((f) => fs.existsSync(f));
  if (found) return found;
  try {
    return execFileSync("sh", ["-c", "command -v redis-server"], { encoding: "utf8" }).trim() || undefined;
  } catch {
    return undefined;
  }
}

let warned = false;
/** Skips the calling suite (in a `before`) when there is no redis-server, saying so once per run. */
function requireRedis(ctx) {
  if (redisBinary()) return;
  if (!warned) {
    warned = true;
    console.log("    (skipped: no redis-server found; install the Debian package redis-server to run the Redis memory tests)");
  }
  ctx.skip();
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Servers still running when the test process exits (a failed test, Ctrl-C) are killed with it. */
const live = new Set();
process.on("exit", () => {
  for (const child of live) child.kill("SIGKILL");
});

class RedisServer {
  /** `args`: extra redis-server options (e.g. ["--requirepass", "x"]); `tls`: {cert, key, ca} files to serve TLS only. */
  constructor({ args = [], tls } = {}) {
    this.args = args;
    this.tls = tls;
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), "hf-redis-"));
  }

  get url() {
    return `${this.tls ? "rediss" : "redis"}://127.0.0.1:${this.port}/0`;
  }

  async start() {
    this.port ??= await freePort();
    const listen = this.tls
      ? ["--port", "0", "--tls-port", String(this.port), "--tls-cert-file", this.tls.cert, "--tls-key-file", this.tls.key, "--tls-ca-cert-file", this.tls.ca, "--tls-auth-clients", "no"]
      : ["--port", String(this.port)];
    const args = ["--bind", "127.0.0.1", ...listen, "--save", "", "--appendonly", "no", "--dir", this.dir, ...this.args];
    this.child = spawn(redisBinary(), args, { stdio: ["ignore", "pipe", "pipe"] });
    const child = this.child;
    live.add(child);
    this.exited = new Promise((resolve) => child.on("exit", resolve));
    void this.exited.then(() => live.delete(child));
    let log = "";
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${log}`)), 10000);
      this.child.stdout.on("data", (d) => {
        log += d;
        if (/Ready to accept connections/.test(log)) {
          clearTimeout(timer);
          resolve();
        }
      });
      this.child.stderr.on("data", (d) => (log += d));
      this.child.on("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited (${code}):\n${log}`));
      });
    });
    return this;
  }

  /** Stops the server (SIGKILL: as a crash or a lost host would); the port stays reserved for start(). */
  async stop() {
    if (!this.child || this.child.exitCode !== null) return;
    this.child.kill("SIGKILL");
    await this.exited;
  }

  async destroy() {
    await this.stop();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A connected client of the `redis` package, to look at what the nodes stored. */
async function redisClient(url, options = {}) {
  const { createClient } = require("redis");
  const client = createClient({ url, ...options });
  client.on("error", () => undefined);
  await client.connect();
  return client;
}

module.exports = { RedisServer, requireRedis, redisBinary, redisClient };
