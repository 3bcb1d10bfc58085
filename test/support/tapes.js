"use strict";
// Real recorded provider traffic (test/fixtures/hfjs-tapes.json, see its README), looked up loosely by method and URL path.
const fs = require("node:fs");
const path = require("node:path");

const file = path.resolve(__dirname, "../fixtures/hfjs-tapes.json");

let tapes;
function load() {
  if (tapes) return tapes;
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
