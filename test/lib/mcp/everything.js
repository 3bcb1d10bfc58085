"use strict";
// server-everything run with node directly (not npx): quicker, and no network.
const path = require("node:path");

const EVERYTHING_BIN = require.resolve("@modelcontextprotocol/server-everything/dist/index.js");
const FILESYSTEM_BIN = require.resolve("@modelcontextprotocol/server-filesystem/dist/index.js");

const everything = (extra = {}) => ({ type: "stdio", command: process.execPath, args: [EVERYTHING_BIN, "stdio"], ...extra });

/** True while a process with this pid exists. */
function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === "EPERM";
  }
}

/** Resolves when `emitter` emits `event` with args satisfying `test`. */
function until(emitter, event, test = () => true) {
  return new Promise((resolve) => {
    const on = (...args) => {
      if (!test(...args)) return;
      emitter.off(event, on);
      resolve(args);
    };
    emitter.on(event, on);
  });
}

/** Polls `fn` until it returns truthy (a condition that becomes true by an event we cannot hook). */
async function eventually(fn, tries = 100) {
  for (let i = 0; i < tries; i++) {
    const value = fn();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 20));
  }
  return fn();
}

module.exports = { EVERYTHING_BIN, FILESYSTEM_BIN, everything, alive, until, eventually, path };
