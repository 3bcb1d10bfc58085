#!/usr/bin/env node
"use strict";
// `node-red-dev validate` (the Node-RED flow library's scorecard) on this checkout, usable offline.
// The tool fetches catalogue.nodered.org (P08 similar names, N01 duplicate node types), which this workplace cannot
// reach; a failed fetch aborts the whole run. Those two requests, and only those, are answered here with an empty
// catalogue and the two checks are reported as NOT CHECKED. Everything else runs as the tool wrote it, including
// the npm registry look-ups (P06, P07, D02, D03), which reach the registry.
// Prints the scorecard and exits 1 when a check that ran failed, except the deliberate exceptions below.
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "../..");
const CATALOGUE = "catalogue.nodered.org";
const UNCHECKED = { P08: `similar package names: needs ${CATALOGUE}`, N01: `node type names unique in the catalogue: needs ${CATALOGUE}` };
/** Dependencies kept behind their latest major on purpose (D03), with the reason. */
const PINNED = {
  undici: "undici 8 needs Node.js >= 22.19; the pack supports Node.js 20.18+ (Node-RED 4)",
  "eventsource-parser": "eventsource-parser 4 needs Node.js >= 22.12; the pack supports Node.js 20.18+ (Node-RED 4)",
};

const devPkg = require.resolve("node-red-dev/package.json");
const axios = require(require.resolve("axios", { paths: [path.dirname(devPkg)] }));
axios.interceptors.request.use((config) => {
  if (new URL(config.url).hostname === CATALOGUE) {
    config.adapter = async () => ({ data: { modules: [] }, status: 200, statusText: "OK", headers: {}, config, request: {} });
  }
  return config;
});

async function main() {
  const ValidateCommand = require(path.join(path.dirname(devPkg), "src", "commands", "validate.js"));
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "hf-validate-")), "scorecard.json");
  const printed = [];
  const log = console.log;
  console.log = (...args) => {
    printed.push(args.join(" "));
    log(...args);
  };
  await ValidateCommand.run(["--path", ROOT, "--output", out, "--embed", "true"]);
  console.log = log;
  const scorecard = JSON.parse(fs.readFileSync(out, "utf8"));
  fs.rmSync(path.dirname(out), { recursive: true, force: true });

  const failures = [];
  const report = [];
  for (const [id, result] of Object.entries(scorecard)) {
    if (!/^[PND]\d\d$/.test(id)) continue;
    if (UNCHECKED[id]) {
      report.push(`  ${id} NOT CHECKED (${UNCHECKED[id]})`);
      continue;
    }
    let ok = result.test === true;
    let note = "";
    if (!ok && id === "D03" && (result.packages ?? []).every((p) => PINNED[p])) {
      ok = true;
      note = ` (accepted: ${result.packages.map((p) => `${p}: ${PINNED[p]}`).join("; ")})`;
    }
    if (!ok && id === "N02") note = ` (nodes that have an example: ${(result.nodes ?? []).join(", ") || "none"}; the tool's warning names the others)`;
    report.push(`  ${id} ${ok ? "pass" : "FAIL"}${note}${ok ? "" : " " + JSON.stringify(result)}`);
    if (!ok) failures.push(id);
  }
  // The tool parses each node's HTML for literal RED.nodes.registerType("type", {...}) calls; a file it cannot
  // parse is silently left out of N02 and of the flow library's node list, so it counts as a failure here.
  const unparsed = printed.filter((l) => /Unable to parse/.test(l));
  for (const l of unparsed) {
    report.push(`  HTML FAIL ${l.trim()}: node-red-dev needs literal RED.nodes.registerType("type", { ...inline defaults }) calls`);
    failures.push("HTML");
  }
  log(`\nnode-red-dev validate scorecard:\n${report.join("\n")}`);
  return { scorecard, failures };
}

if (require.main === module) {
  main().then(
    ({ failures }) => process.exit(failures.length ? 1 : 0),
    (err) => {
      console.error(err);
      process.exit(2);
    },
  );
}

module.exports = { main, UNCHECKED, PINNED };
