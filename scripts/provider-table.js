#!/usr/bin/env node
// Prints the README's provider x task table from the provider table (dist/lib PROVIDERS), and with `--write`
// (as the build runs it) rewrites the block between `<!-- providers:start -->` and `<!-- providers:end -->` in
// README.md, so the README cannot drift from the code. `--check` exits 1 when README.md differs.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const START = "<!-- providers:start -->";
const END = "<!-- providers:end -->";

const KEY_STYLE = { bearer: "`Authorization: Bearer`", key: "`Authorization: Key`", "x-key": "`X-Key`" };

function host(url) {
  return new URL(url).host;
}

function seconds(ms) {
  return `${ms / 1000} s`;
}

/** The markdown block (heading, table, notes) for `providers`, tasks in `taskIds` order. */
function renderProviderTable(providers, taskIds) {
  const rows = Object.values(providers).map((p) => {
    const tasks = taskIds.filter((t) => p.tasks[t]);
    const routed = p.routed === false ? "no" : "yes";
    const direct = p.baseUrl.includes("{router}")
      ? "— (`hf_` tokens only)"
      : `${KEY_STYLE[p.keyStyle ?? "bearer"]} to ${[...new Set([p.baseUrl, ...tasks.map((t) => p.tasks[t].directBaseUrl).filter(Boolean)].map(host))].join(", ")}`;
    const polled = [...new Set(tasks.map((t) => p.tasks[t].pollIntervalMs).filter(Boolean))];
    const notes = [];
    if (p.clientSideRoutingOnly) notes.push("own model ids (no Hub mapping)");
    if (polled.length) notes.push(`async: polls every ${polled.map(seconds).join(" / ")}`);
    return `| ${p.id} | ${routed} | ${direct} | ${tasks.join(", ")} | ${notes.join("; ")} |`;
  });
  return [
    "## Providers",
    "Generated from the provider table in `lib/providers/` by `scripts/provider-table.js` (run by the build).",
    "An `hf_` token goes through the Hugging Face router (`https://router.huggingface.co/<provider>`); any other key",
    "goes directly to the provider, sent as the provider wants it. With `endpointUrl` (an Inference Endpoint, TGI, or",
    "an OpenAI-compatible server such as llama.cpp, Ollama, vLLM or LiteLLM) no provider is used.",
    "",
    "| provider | with an `hf_` token (router) | with the provider's key (direct) | tasks | notes |",
    "|---|---|---|---|---|",
    ...rows,
  ].join("\n");
}

function generated() {
  const lib = require(path.join(root, "dist", "lib"));
  return renderProviderTable(lib.PROVIDERS, lib.TASK_IDS);
}

/** README text with the block replaced by `block`. */
function replaceBlock(readme, block) {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${START} ... ${END} block`);
  return `${readme.slice(0, start + START.length)}\n${block}\n${readme.slice(end)}`;
}

/** The block currently in README.md, as `renderProviderTable` would have produced it. */
function readmeBlock(readme) {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) return undefined;
  return readme.slice(start + START.length, end).replace(/^\n/, "").replace(/\n$/, "");
}

function writeReadme(file = path.join(root, "README.md")) {
  const readme = fs.readFileSync(file, "utf8");
  const next = replaceBlock(readme, generated());
  if (next !== readme) fs.writeFileSync(file, next);
  return next !== readme;
}

module.exports = { renderProviderTable, replaceBlock, readmeBlock, generated, writeReadme, START, END };

if (require.main === module) {
  const arg = process.argv[2];
  if (arg === "--write") {
    console.log(writeReadme() ? "README.md provider table updated" : "README.md provider table up to date");
  } else if (arg === "--check") {
    const same = readmeBlock(fs.readFileSync(path.join(root, "README.md"), "utf8")) === generated();
    if (!same) console.error("README.md provider table is out of date: run `node scripts/provider-table.js --write`");
    process.exit(same ? 0 : 1);
  } else {
    console.log(generated());
  }
}
