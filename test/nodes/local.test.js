"use strict";
// The local provider in a real Node-RED runtime: the examples in examples/local run with their models swapped
// for the committed tiny ones (same tasks), no network involved; the status says "loading model" the first time.
const should = require("should");
const fs = require("node:fs");
const path = require("node:path");
const { helper, coreNode, ourNode, nextMessages, recordStatus } = require("../support/red");
const { MODELS_DIR } = require("../support/local-models");
const { stopLocalWorker } = require("../../dist/lib");

const dir = path.resolve(__dirname, "../../examples/local");
const modules = [ourNode("hf-config"), ourNode("hf-tasks"), coreNode("common/20-inject.js"), coreNode("common/21-debug.js"), coreNode("common/90-comment.js")];
const load = (flow) => new Promise((resolve, reject) => helper.load(modules, flow, {}, (err) => (err ? reject(err) : resolve())));

/** The tiny fixture model standing in for each example's real one. */
const TINY = {
  "hf-text-classification": "tiny/text-classification",
  "hf-feature-extraction": "tiny/feature-extraction",
  "hf-token-classification": "tiny/token-classification",
  "hf-zero-shot-classification": "tiny/nli",
  "hf-image-classification": "tiny/image-classification",
  "hf-object-detection": "tiny/object-detection",
  "hf-automatic-speech-recognition": "tiny/automatic-speech-recognition",
};

/** What each node's msg.payload must look like. */
const SHAPE = {
  "hf-text-classification": (p) => p.should.be.an.Array().and.matchEach((l) => l.label.should.be.a.String() && l.score.should.be.a.Number()),
  "hf-zero-shot-classification": (p) => p.map((l) => l.label).sort().should.eql(["billing", "maintenance", "safety"]),
  "hf-feature-extraction": (p) => p.should.be.an.Array().and.have.length(8),
  "hf-token-classification": (p) => p.should.be.an.Array().and.matchEach((e) => e.entity_group.should.be.a.String() && e.start.should.be.a.Number()),
  "hf-image-classification": (p) => p.should.be.an.Array().and.have.length(3),
  "hf-object-detection": (p) => p[0].box.should.have.keys("xmin", "ymin", "xmax", "ymax"),
  "hf-automatic-speech-recognition": (p) => p.should.be.a.String(),
};

describe("examples/local in a real runtime", function () {
  this.timeout(60_000);
  beforeEach(function (done) {
    helper.startServer(done);
  });
  afterEach(function (done) {
    helper.unload().then(() => helper.stopServer(done));
  });
  after(() => stopLocalWorker());

  for (const file of ["text.json", "vision.json", "audio.json"]) {
    it(`${file}: every inject reaches its node, which answers from the model folder`, async function () {
      const flow = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));
      const config = flow.find((n) => n.type === "hf-config");
      config.provider.should.equal("local");
      config.allowModelDownload.should.equal(false);
      config.localModelsDir = MODELS_DIR;
      const tasks = flow.filter((n) => n.type.startsWith("hf-") && n.type !== "hf-config");
      tasks.length.should.be.above(0);
      for (const n of flow) if (n.type !== "hf-config") n.z = "tab";
      for (const task of tasks) {
        task.model = TINY[task.type];
        task.wires[0].push(`probe-${task.id}`);
        flow.push({ id: `probe-${task.id}`, type: "helper", z: "tab" });
      }
      flow.push({ id: "tab", type: "tab", label: "example" });
      await load(flow);
      for (const task of tasks) {
        const node = helper.getNode(task.id);
        const statuses = recordStatus(node);
        const answer = nextMessages(helper.getNode(`probe-${task.id}`));
        const inject = flow.find((n) => n.type === "inject" && n.wires[0].includes(task.id));
        helper.getNode(inject.id).receive({});
        const msg = await answer;
        should.not.exist(msg.error);
        msg.hf.provider.should.equal("local");
        msg.hf.model.should.equal(TINY[task.type]);
        SHAPE[task.type](msg.payload);
        statuses.map((s) => s.text).should.containEql("loading model");
        statuses[statuses.length - 1].fill.should.equal("green");
      }
    });
  }

  it("a missing model folder: a red status and node.error with the msg, naming the folder", async function () {
    const flow = [
      { id: "cfg", type: "hf-config", provider: "local", localModelsDir: MODELS_DIR },
      { id: "task", type: "hf-text-classification", config: "cfg", model: "acme/not-here", wires: [[]] },
    ];
    await load(flow);
    const node = helper.getNode("task");
    const statuses = recordStatus(node);
    const errors = [];
    node.error = (text, msg) => errors.push({ text, msg });
    node.receive({ payload: "good" });
    for (let i = 0; i < 100 && !errors.length; i++) await new Promise((r) => setTimeout(r, 20));
    errors.length.should.equal(1);
    errors[0].msg.payload.should.equal("good");
    String(errors[0].text).should.match(new RegExp(`not found.*${path.join(MODELS_DIR, "acme", "not-here").replace(/[/\\]/g, ".")}`));
    statuses[statuses.length - 1].fill.should.equal("red");
  });

  it("the model picker lists the models in the config's folder", async function () {
    await load([{ id: "cfg", type: "hf-config", provider: "local", localModelsDir: MODELS_DIR }]);
    const res = await helper.request().get("/hf-inference/models").query({ provider: "local", config: "cfg", search: "class" }).expect(200);
    res.body.models.map((m) => m.id).should.eql(["tiny/image-classification", "tiny/text-classification", "tiny/token-classification", "tiny/zero-shot-image-classification"]);
  });
});
