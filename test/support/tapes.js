"use strict";
// Real recorded provider traffic (../shared/fixtures/hfjs-tapes.json), looked up loosely by method and URL path.
const fs = require("node:fs");
const path = require("node:path");

const candidates = [
  process.env.HF_TAPES,
  path.resolve(__dirname, "../../../shared/fixtures/hfjs-tapes.json"),
  path.resolve(__dirname, "../fixtures/hfjs-tapes.json"),
].filter(Boolean);

let tapes;
function load() {
  if (tapes) return tapes;
  const file = candidates.find((f) => fs.existsSync(f));
  if (!file) throw new Error(`hfjs-tapes.json not found (looked in ${candidates.join(", ")})`);
  tapes = Object.values(JSON.parse(fs.readFileSync(file, "utf8")));
  return tapes;
}

/** Every tape whose URL path ends with `pathSuffix` (and whose request body matches `bodyFilter`, if given). */
function findTapes(pathSuffix, bodyFilter) {
  return load().filter((t) => {
    const p = new URL(t.url).pathname;
    if (!p.endsWith(pathSuffix)) return false;
    return !bodyFilter || bodyFilter(t.init.body ?? "");
  });
}

function findTape(pathSuffix, bodyFilter) {
  const t = findTapes(pathSuffix, bodyFilter)[0];
  if (!t) throw new Error(`no tape for ${pathSuffix}`);
  return t;
}

/** A FakeServer handler replaying a tape's response. */
function replay(tape) {
  return (req, res) => {
    const headers = { ...tape.response.headers };
    delete headers["content-length"];
    delete headers["transfer-encoding"];
    delete headers["content-encoding"];
    res.writeHead(tape.response.status, headers);
    res.end(tape.response.body);
  };
}

module.exports = { findTape, findTapes, replay };
