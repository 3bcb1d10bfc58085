"use strict";
// Flow building blocks for the e2e suite: results leave Node-RED through core nodes only (a function node that
// serialises the msg, an http request node that posts it to the fake server's /collect/...), so the test reads
// what a user's flow would see without reaching into the runtime.
let counter = 0;
const uid = (prefix) => `${prefix}${(++counter).toString(16).padStart(6, "0")}e2e`;

// Runs inside Node-RED: turns a msg into JSON that keeps Buffers (base64) and the fields the contract names.
const SERIALISE = `
const out = { payload: msg.payload, hf: msg.hf, contentType: msg.contentType, parts: msg.parts, complete: msg.complete,
  tool_calls: msg.tool_calls, topic: msg.topic, keep: msg.keep };
if (Buffer.isBuffer(msg.payload)) out.payload = { buffer: msg.payload.toString("base64") };
if (msg.error) out.error = { message: msg.error.message, source: msg.error.source && { id: msg.error.source.id, type: msg.error.source.type } };
msg.headers = { "content-type": "application/json" };
msg.payload = JSON.stringify(out);
return msg;`;

/** A function + http request pair on tab `z` that posts every msg it gets to `${url}/collect/${tag}`. */
function collector(z, url, tag) {
  const post = uid("post");
  const fn = uid("ser");
  return {
    entry: fn,
    nodes: [
      { id: fn, type: "function", z, name: `serialise ${tag}`, func: SERIALISE, outputs: 1, x: 600, y: 500, wires: [[post]] },
      {
        id: post,
        type: "http request",
        z,
        name: `collect ${tag}`,
        method: "POST",
        ret: "txt",
        paytoqs: "ignore",
        url: `${url}/collect/${tag}`,
        tls: "",
        persist: false,
        proxy: "",
        insecureHTTPParser: false,
        authType: "",
        senderr: false,
        headers: [],
        x: 800,
        y: 500,
        wires: [[]],
      },
    ],
  };
}

/** A catch node (all nodes of tab `z`) feeding a collector tagged `error`. */
function errorCollector(z, url) {
  const c = collector(z, url, "error");
  const id = uid("catch");
  return [{ id, type: "catch", z, name: "", scope: null, uncaught: false, x: 400, y: 560, wires: [[c.entry]] }, ...c.nodes];
}

/** A complete node watching node `target` (it fires when the node calls done() without error). */
function doneCollector(z, url, target) {
  const c = collector(z, url, `done-${target}`);
  return [{ id: uid("done"), type: "complete", z, name: "", scope: [target], uncaught: false, x: 400, y: 620, wires: [[c.entry]] }, ...c.nodes];
}

function tab(label) {
  return { id: uid("tab"), type: "tab", label, disabled: false, info: "" };
}

function inject(z, payload, payloadType, wires) {
  return {
    id: uid("inj"),
    type: "inject",
    z,
    name: "",
    props: [{ p: "payload" }],
    repeat: "",
    crontab: "",
    once: false,
    onceDelay: 0.1,
    topic: "",
    payload,
    payloadType,
    x: 100,
    y: 100,
    wires: [wires],
  };
}

module.exports = { uid, collector, errorCollector, doneCollector, tab, inject };
