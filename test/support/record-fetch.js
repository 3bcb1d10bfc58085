"use strict";
// Preloaded (node -r) into a child process and its worker threads: every fetch is written to the file named by
// RECORD_FETCH_FILE and fails, so a test can tell whether anything tried to reach the network.
const fs = require("node:fs");
globalThis.fetch = async (url) => {
  fs.appendFileSync(process.env.RECORD_FETCH_FILE, `${String(url?.url ?? url)}\n`);
  throw new Error("network disabled by the test");
};
