"use strict";
// URL and file inputs get the checks in-memory inputs get (format, size) before anything is sent, read no more than
// the size limit, and reach only what the policy allows: files in `fileInputDirs` (links resolved), URLs on public
// addresses unless `allowPrivateUrlInputs` says otherwise, at every redirect and where the socket connects.
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const should = require("should");
const { FakeServer } = require("../support/fake-server");
const lib = require("../../dist/lib");
const { blockedAddress } = require("../../dist/lib/http/address-policy");

const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=", "base64");
const LABELS = [{ label: "cat", score: 0.9 }];

describe("lib URL and file inputs: checks and address policy", function () {
  this.timeout(20_000);
  let server;
  let dir;
  before(async function () {
    server = await new FakeServer().start();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "hf-inputs-"));
    fs.writeFileSync(path.join(dir, "cat.png"), PNG);
    fs.writeFileSync(path.join(dir, "notes.txt"), "just some text, not an image at all");
    fs.symlinkSync("/etc/passwd", path.join(dir, "escape.png"));
    // 300 MB that take no disk (sparse): refused by its size alone.
    const fd = fs.openSync(path.join(dir, "huge.png"), "w");
    fs.writeSync(fd, PNG, 0, PNG.length, 0);
    fs.ftruncateSync(fd, 300 * 1024 * 1024);
    fs.closeSync(fd);
  });
  after(async function () {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(function () {
    server.reset();
    server.on("POST /ep", { json: LABELS });
  });

  const client = (opts = {}) => new lib.InferenceClient("hf_tok", { endpointUrl: `${server.url}/ep`, maxRetries: 0, timeout: 10_000, ...opts });
  const classify = (inputs, opts) => client(opts).imageClassification({ inputs }).then(() => null, (e) => e);
  const posts = () => server.requests.filter((r) => r.method === "POST");

  describe("addresses", function () {
    it("loopback, private, link-local, CGNAT, unspecified and multicast addresses are not public", function () {
      const blocked = ["127.0.0.1", "127.8.9.10", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1", "::1", "::", "fe80::1", "fd00::1", "fc00::2", "::ffff:127.0.0.1", "::ffff:7f00:1", "[::1]"];
      for (const a of blocked) should(blockedAddress(a), a).be.a.String();
      for (const a of ["8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700::1111", "example.com"]) should(blockedAddress(a), a).be.undefined();
    });
  });

  describe("files", function () {
    const inDir = { fileInputDirs: [] };
    before(function () {
      inDir.fileInputDirs = [dir];
    });

    it("a file in an allowed folder is read and sent", async function () {
      should(await classify(path.join(dir, "cat.png"), inDir)).be.null();
      posts()[0].body.equals(PNG).should.be.true();
    });

    it("/etc/passwd and file:///proc/self/environ are refused outside the allowed folders", async function () {
      for (const input of ["/etc/passwd", "file:///proc/self/environ", `${dir}/../../etc/passwd`]) {
        const err = await classify(input, inDir);
        should(err).be.instanceOf(lib.InferenceClientInputError);
        err.message.should.match(/outside the folders file inputs may read from/);
      }
      posts().should.have.length(0);
    });

    it("a symbolic link inside the allowed folder that leads out of it is refused", async function () {
      const err = await classify(path.join(dir, "escape.png"), inDir);
      err.message.should.match(/escape\.png.*outside the folders/);
      posts().should.have.length(0);
    });

    it("an oversize file is refused by its size, before it is read", async function () {
      const err = await classify(path.join(dir, "huge.png"), inDir);
      should(err).be.instanceOf(lib.InferenceClientInputError);
      // The size stat gave: nothing was read to learn it.
      err.message.should.match(/larger than the limit \(314572800 > 26214400 bytes\)/);
      posts().should.have.length(0);
    });

    it("a file that is not an image is refused for an image task (also with no folder limit)", async function () {
      for (const [input, opts] of [[path.join(dir, "notes.txt"), inDir], ["/etc/passwd", {}], ["file:///proc/self/environ", {}]]) {
        const err = await classify(input, opts);
        should(err, input).be.instanceOf(lib.InferenceClientInputError);
        err.message.should.match(/not a known image format/);
      }
      posts().should.have.length(0);
    });
  });

  describe("URLs", function () {
    beforeEach(function () {
      server.on("GET /cat.png", { body: PNG, headers: { "content-type": "image/png" } });
      server.on("GET /to-loopback", (req, res) => {
        res.writeHead(302, { location: `${server.url}/cat.png` });
        res.end();
      });
      server.on("GET /to-metadata", (req, res) => {
        res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" });
        res.end();
      });
    });
    const gets = () => server.requests.filter((r) => r.method === "GET").map((r) => r.path);

    it("a URL on 127.0.0.1 is refused by default, before any request", async function () {
      const err = await classify(`${server.url}/cat.png`);
      should(err).be.instanceOf(lib.InferenceClientInputError);
      err.message.should.match(/127\.0\.0\.1 is a loopback address/);
      server.requests.should.have.length(0);
    });

    it("allowed with allowPrivateUrlInputs: true, or with the host named", async function () {
      should(await classify(`${server.url}/cat.png`, { allowPrivateUrlInputs: true })).be.null();
      should(await classify(`${server.url}/cat.png`, { allowPrivateUrlInputs: ["127.0.0.1"] })).be.null();
      posts().map((p) => p.body.equals(PNG)).should.eql([true, true]);
    });

    it("a host name is checked where the socket connects: localhost is refused though its name looks harmless", async function () {
      const port = new URL(server.url).port;
      const err = await classify(`http://localhost:${port}/cat.png`, { allowPrivateUrlInputs: ["cdn.example"] });
      should(err).be.instanceOf(lib.InferenceClientInputError);
      err.message.should.match(/localhost \((127\.0\.0\.1|::1)\) is a loopback address/);
      server.requests.should.have.length(0);
    });

    it("a redirect from an allowed host to a private address is refused (every hop is checked)", async function () {
      const port = new URL(server.url).port;
      // localhost is allowed by name; the redirect goes to 127.0.0.1, which is not.
      let err = await classify(`http://localhost:${port}/to-loopback`, { allowPrivateUrlInputs: ["localhost"] });
      should(err).be.instanceOf(lib.InferenceClientInputError);
      err.message.should.match(/127\.0\.0\.1 is a loopback address/);
      err = await classify(`http://localhost:${port}/to-metadata`, { allowPrivateUrlInputs: ["localhost"] });
      err.message.should.match(/169\.254\.169\.254 is a link-local address/);
      gets().should.eql(["/to-loopback", "/to-metadata"]);
      posts().should.have.length(0);
    });

    it("a file:// URL is a file input: limited to the folders like a path", async function () {
      // Not a URL input at all: a file path; with the folders limited, refused there.
      const err = await classify("file:///etc/hostname", { fileInputDirs: [dir] });
      err.message.should.match(/outside the folders/);
    });

    it("an oversize or non-image download is refused before anything is sent, the download cut off at the limit", async function () {
      let written = 0;
      let closed = false;
      server.on("GET /huge.png", (req, res) => {
        res.writeHead(200, { "content-type": "image/png" });
        res.on("close", () => (closed = true));
        const block = Buffer.alloc(256 * 1024);
        PNG.copy(block);
        const pump = () => {
          while (!closed && written < 200 * 1024 * 1024) {
            written += block.length;
            if (!res.write(block)) return res.once("drain", pump);
          }
          res.end();
        };
        pump();
      });
      server.on("GET /notes.txt", { body: "plain text", headers: { "content-type": "image/png" } });
      let err = await classify(`${server.url}/huge.png`, { allowPrivateUrlInputs: true });
      err.message.should.match(/Download from 127\.0\.0\.1:\d+ is larger than the limit \(\d+ > 26214400 bytes\)/);
      await waitFor(() => closed);
      written.should.be.below(64 * 1024 * 1024);
      err = await classify(`${server.url}/notes.txt`, { allowPrivateUrlInputs: true });
      err.message.should.match(/not a known image format/);
      posts().should.have.length(0);
    });
  });
});

async function waitFor(predicate, ms = 5000) {
  const until = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > until) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 10));
  }
}
