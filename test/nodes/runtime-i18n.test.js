"use strict";
// Node statuses come from the catalogs' runtime section (nodes/locales/<lang>/runtime.json, merged into each node
// set's catalog by the build): every key the code uses exists in every language, and the translator uses the
// catalog when Node-RED answers, the English in the code when it does not.
const should = require("should");
const fs = require("node:fs");
const path = require("node:path");
const { translator } = require("../../dist/nodes/shared/i18n");

const root = path.resolve(__dirname, "../..");
const localesDir = path.join(root, "nodes", "locales");

function sources(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "locales" ? [] : sources(p);
    return e.name.endsWith(".ts") ? [p] : [];
  });
}

describe("runtime text (statuses) in every language", function () {
  const used = new Set();
  for (const file of sources(path.join(root, "nodes"))) {
    for (const m of fs.readFileSync(file, "utf8").matchAll(/\bt\(\s*"(status\.[A-Za-z]+)"/g)) used.add(m[1]);
  }
  // Kinds the runner translates through a template key.
  for (const kind of ["timeout", "aborted", "invalidInput", "error"]) used.add(`status.${kind}`);

  it("finds the keys the code uses", function () {
    used.size.should.be.above(10);
  });

  for (const lang of fs.readdirSync(localesDir)) {
    it(`${lang}: has every key`, function () {
      const runtime = JSON.parse(fs.readFileSync(path.join(localesDir, lang, "runtime.json"), "utf8"));
      const missing = [...used].filter((key) => typeof key.split(".").reduce((o, k) => o?.[k], runtime) !== "string");
      missing.should.eql([], `${lang} lacks ${missing.join(", ")}`);
    });
    it(`${lang}: the build put the runtime section into every node set's catalog`, function () {
      const dir = path.join(root, "dist", "nodes", "locales", lang);
      for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".json") && !["runtime.json", "task-help.json"].includes(f))) {
        JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")).runtime.status.requesting.should.be.a.String();
      }
    });
  }

  it("translates through RED._ and falls back to the English in the code", function () {
    const fr = translator({ _: (key, subs) => (key === "runtime.status.requestingQueued" ? `requêtes (${subs.active}, ${subs.queued} en attente)` : key) });
    fr("status.requestingQueued", "requesting (__active__, __queued__ queued)", { active: 2, queued: 5 }).should.equal("requêtes (2, 5 en attente)");
    fr("status.done", "__ms__ ms", { ms: 12 }).should.equal("12 ms");
    const namespaced = translator({ _: (key) => `@hf-nodes/node-red-inference/hf-tasks:${key}` });
    namespaced("status.requesting", "requesting").should.equal("requesting");
  });
});
