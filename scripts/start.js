#!/usr/bin/env node
// `npm start`: a local Node-RED on 127.0.0.1:1880 with this checkout installed in a git-ignored user dir,
// so its nodes are in the palette and its examples under Import > Examples.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { spawn } = require("node:child_process");

const root = path.resolve(__dirname, "..");
const settingsFile = path.join(__dirname, "node-red-settings.js");
const settings = require(settingsFile);
const userDir = settings.userDir;
const pkg = require(path.join(root, "package.json"));

if (!fs.existsSync(path.join(root, "dist", "nodes", "hf-tasks.js"))) {
  console.error("dist/ is missing: run `npm ci` (or `npm run build`) first");
  process.exit(1);
}
linkPack(userDir, pkg.name, root);

const nodeRed = require.resolve("node-red/red.js");
const child = spawn(process.execPath, [nodeRed, "--settings", settingsFile, "--userDir", userDir, ...process.argv.slice(2)], {
  stdio: "inherit",
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(signal ? 0 : (code ?? 0)));

/** Installs the checkout into the user dir as npm would for `npm install <folder>`: a symlink. */
function linkPack(dir, name, target) {
  const modules = path.join(dir, "node_modules", ...name.split("/"));
  fs.mkdirSync(path.dirname(modules), { recursive: true });
  try {
    if (fs.realpathSync(modules) === fs.realpathSync(target)) return;
    fs.rmSync(modules, { recursive: true, force: true });
  } catch {
    /* not there yet */
  }
  fs.symlinkSync(target, modules, "dir");
  const manifest = path.join(dir, "package.json");
  const userPkg = fs.existsSync(manifest) ? JSON.parse(fs.readFileSync(manifest, "utf8")) : { name: "node-red-project", private: true };
  userPkg.dependencies = { ...userPkg.dependencies, [name]: `file:${path.relative(dir, target)}` };
  fs.writeFileSync(manifest, JSON.stringify(userPkg, null, 2) + "\n");
}
