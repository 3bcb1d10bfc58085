"use strict";
// Image / audio preview: the runner publishes a bounded data URL on Node-RED's comms when a node's preview is on,
// and nothing when it is off. Runs the real runner in a real Node-RED runtime; the probe node below is the smallest
// inference node there is (its handler returns a fixed binary result instead of calling a provider).
require("should");
const { helper } = require("../support/red");
const hfConfig = require("../../dist/nodes/hf-config.js");
const { attachInference } = require("../../dist/nodes/shared/runner.js");
const { PREVIEW_MAX_BYTES, PREVIEW_TOPIC, previewOf } = require("../../dist/nodes/shared/preview.js");


const PNG = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex");

function probeModule(RED) {
  RED.nodes.registerType("preview-probe", function (def) {
    RED.nodes.createNode(this, def);
    attachInference(RED, this, def.config, {
      task: "text-to-image",
      preview: def.preview === true,
      model: () => "acme/model",
      async handle({ msg }) {
        msg.payload = Buffer.alloc(msg.size ?? PNG.length, PNG);
        msg.contentType = msg.type ?? "image/png";
        return { msg, output: { contentType: msg.contentType, bytes: msg.payload.length } };
      },
    });
  });
}

function flow(preview) {
  return [
    { id: "cfg", type: "hf-config", provider: "hf-inference" },
    { id: "p1", type: "preview-probe", config: "cfg", preview, wires: [["out"]] },
    { id: "out", type: "helper" },
  ];
}

describe("preview (RED.comms)", function () {
  let published;
  const onComms = (event) => {
    if (event.topic.startsWith(PREVIEW_TOPIC)) published.push(event);
  };

  beforeEach(function (done) {
    published = [];
    helper._events.on("comms", onComms);
    helper.startServer(done);
  });
  afterEach(function (done) {
    helper._events.removeListener("comms", onComms);
    helper.unload().then(() => helper.stopServer(done));
  });

  function run(msg) {
    return new Promise((resolve) => {
      helper.getNode("out").once("input", resolve);
      helper.getNode("p1").receive(msg);
    });
  }

  it("publishes the image as a data URL on the node's topic when preview is on", async function () {
    await helper.load([hfConfig, probeModule], flow(true));
    const out = await run({ payload: "a cat" });
    Buffer.isBuffer(out.payload).should.be.true();
    published.should.have.length(1);
    published[0].topic.should.equal(`${PREVIEW_TOPIC}/p1`);
    published[0].retain.should.be.false();
    const data = published[0].data;
    data.should.containEql({ id: "p1", kind: "image", contentType: "image/png", bytes: PNG.length });
    data.data.should.equal("data:image/png;base64," + PNG.toString("base64"));
  });

  it("sends only type and size for a result over the limit", async function () {
    await helper.load([hfConfig, probeModule], flow(true));
    await run({ payload: "big", size: PREVIEW_MAX_BYTES + 1 });
    published.should.have.length(1);
    published[0].data.should.eql({ id: "p1", kind: "too-large", contentType: "image/png", bytes: PREVIEW_MAX_BYTES + 1 });
    JSON.stringify(published[0].data).length.should.be.below(200);
  });

  it("previews audio as audio, other types (video) by type and size only", async function () {
    await helper.load([hfConfig, probeModule], flow(true));
    await run({ payload: "say hi", type: "audio/flac" });
    await run({ payload: "a clip", type: "video/mp4" });
    published.map((e) => e.data.kind).should.eql(["audio", "other"]);
    published[0].data.data.should.startWith("data:audio/flac;base64,");
    (published[1].data.data === undefined).should.be.true();
  });

  it("publishes nothing when preview is off", async function () {
    await helper.load([hfConfig, probeModule], flow(false));
    const out = await run({ payload: "a cat" });
    out.contentType.should.equal("image/png");
    published.should.have.length(0);
  });

  it("clears the preview when the node stops", async function () {
    await helper.load([hfConfig, probeModule], flow(true));
    await run({ payload: "a cat" });
    await helper.unload();
    published.map((e) => e.data.kind).should.eql(["image", "clear"]);
    published[1].data.id.should.equal("p1");
  });

  it("ignores non-binary payloads", function () {
    (previewOf("n", { payload: "text" }) === undefined).should.be.true();
    previewOf("n", { payload: Buffer.from("x") }).should.eql({ id: "n", kind: "other", contentType: "application/octet-stream", bytes: 1 });
  });
});
