#!/usr/bin/env node
// Builds the pack: TypeScript to CommonJS in dist/, then the editor HTML produced from the task and provider tables.
"use strict";
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const dist = path.join(root, "dist");

// dist/ is not wiped first: parallel builds (tests in several terminals) must not pull files from under each other.
execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", root], { stdio: "inherit", cwd: root });

const pkg = require(path.join(root, "package.json"));
const versionFile = path.join(dist, "lib", "version.js");
fs.writeFileSync(versionFile, fs.readFileSync(versionFile, "utf8").replace(/PACKAGE_VERSION = "[^"]*"/, `PACKAGE_VERSION = "${pkg.version}"`));

const { renderTaskNodesHtml } = require(path.join(dist, "nodes", "editor", "task-html.js"));
const { INFERENCE_PROVIDERS } = require(path.join(dist, "lib"));
const nodesOut = path.join(dist, "nodes");

fs.writeFileSync(path.join(nodesOut, "hf-tasks.html"), renderTaskNodesHtml());

// Hand-written editor files: copied, with the provider list filled in from the provider table.
for (const file of fs.readdirSync(path.join(root, "nodes"))) {
  if (!file.endsWith(".html")) continue;
  const html = fs.readFileSync(path.join(root, "nodes", file), "utf8").replace("__PROVIDERS__", JSON.stringify(INFERENCE_PROVIDERS));
  fs.writeFileSync(path.join(nodesOut, file), html);
}
// Locales sit beside the node files, as Node-RED looks for them.
const locales = path.join(root, "nodes", "locales");
if (fs.existsSync(locales)) fs.cpSync(locales, path.join(nodesOut, "locales"), { recursive: true });
if (fs.existsSync(locales)) require(path.join(nodesOut, "editor", "locale-html.js")).writeTaskLocales(locales, path.join(nodesOut, "locales"));
// Runtime text (statuses) is shared by every node set: each set's catalog gets it as its "runtime" section.
for (const lang of fs.existsSync(locales) ? fs.readdirSync(path.join(nodesOut, "locales")) : []) {
  const dir = path.join(nodesOut, "locales", lang);
  const runtimeFile = path.join(dir, "runtime.json");
  if (!fs.existsSync(runtimeFile)) continue;
  const runtime = JSON.parse(fs.readFileSync(runtimeFile, "utf8"));
  for (const file of fs.readdirSync(dir)) {
    if (!file.endsWith(".json") || file === "runtime.json" || file === "task-help.json") continue;
    const catalog = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));
    fs.writeFileSync(path.join(dir, file), JSON.stringify({ ...catalog, runtime }, null, 2) + "\n");
  }
}
// Node-RED looks for icons beside the node files (dist/nodes/icons), not at the package root.
fs.cpSync(path.join(root, "icons"), path.join(nodesOut, "icons"), { recursive: true });
// The README's provider x task table is generated from the provider table, so it cannot drift.
require("./provider-table").writeReadme();
console.log("built dist/ (lib, nodes, editor HTML)");
