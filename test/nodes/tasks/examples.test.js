"use strict";
// The example flows in examples/tasks: one per task node, in sync with the node task table, made of this pack's
// and core nodes only, with an hf-config that holds no token; and each one runs in a real runtime: the inject
// (or file in) reaches the task node, whose result reaches the debug / file nodes.
const should = require("should");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { helper, coreNode, ourNode, nextMessages } = require("../../support/red");
const { FakeServer, mappingAnswer } = require("../../support/fake-server");
const lib = require("../../../dist/lib");
const { TASK_NODES, nodeType } = require("../../../dist/nodes/task-table");
const { exampleFlow, exampleFileName } = require("../../../dist/nodes/task-table/examples");
const { ROW_CASES } = require("./row-cases");

const dir = path.resolve(__dirname, "../../../examples/tasks");
const CORE_TYPES = new Set(["comment", "inject", "debug", "file", "file in", "join"]);
const modules = [
  ourNode("hf-config"),
  ourNode("hf-tasks"),
  coreNode("common/20-inject.js"),
  coreNode("common/21-debug.js"),
  coreNode("common/90-comment.js"),
  coreNode("storage/10-file.js"),
  coreNode("sequence/17-split.js"),
];
const load = (flow) => new Promise((resolve, reject) => helper.load(modules, flow, {}, (err) => (err ? reject(err) : resolve())));

describe("examples/tasks", function () {
  it("has one example per task node, numbered in table order, in sync with the table", function () {
    const files = fs.readdirSync(dir).filter((f) => f.endsWith(".json")).sort();
    files.should.eql(TASK_NODES.map((row, i) => exampleFileName(row, i)));
    TASK_NODES.forEach((row, i) => {
      const onDisk = JSON.parse(fs.readFileSync(path.join(dir, exampleFileName(row, i)), "utf8"));
      onDisk.should.eql(exampleFlow(row), `${exampleFileName(row, i)} is stale: regenerate the examples`);
    });
  });

  for (const [i, row] of TASK_NODES.entries()) {
    it(`${exampleFileName(row, i)}: a comment first, only this pack and core nodes, a config without a token`, function () {
      const flow = JSON.parse(fs.readFileSync(path.join(dir, exampleFileName(row, i)), "utf8"));
      flow[0].type.should.equal("comment");
      flow[0].name.should.startWith(nodeType(row));
      for (const n of flow) (CORE_TYPES.has(n.type) || n.type === "hf-config" || n.type === nodeType(row)).should.be.true(n.type);
      const configs = flow.filter((n) => n.type === "hf-config");
      configs.length.should.equal(1);
      should(configs[0].credentials).be.undefined();
      JSON.stringify(flow).should.not.match(/hf_[A-Za-z0-9]{10,}/);
      const task = flow.find((n) => n.type === nodeType(row));
      task.model.should.equal(row.exampleModel);
      task.config.should.equal(configs[0].id);
    });
  }

  describe("runs in a real runtime", function () {
    let server;
    let tmp;
    const savedEnv = {};
    before(async function () {
      server = await new FakeServer().start();
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), "hf-examples-"));
      for (const k of ["HF_ENDPOINT", "HF_ROUTER_URL", "HF_TOKEN"]) savedEnv[k] = process.env[k];
    });
    after(async function () {
      await server.stop();
      fs.rmSync(tmp, { recursive: true, force: true });
      for (const [k, v] of Object.entries(savedEnv)) (v === undefined ? delete process.env[k] : (process.env[k] = v));
    });
    beforeEach(function (done) {
      server.reset();
      lib.clearMappingCache();
      process.env.HF_ENDPOINT = server.url;
      process.env.HF_ROUTER_URL = server.url;
      process.env.HF_TOKEN = "hf_exampleRunToken_0123456789"; // as a user would set it
      helper.startServer(done);
    });
    afterEach(function (done) {
      helper.unload().then(() => helper.stopServer(done));
    });

    for (const [i, row] of TASK_NODES.entries()) {
      it(exampleFileName(row, i), async function () {
        const flow = JSON.parse(fs.readFileSync(path.join(dir, exampleFileName(row, i)), "utf8"));
        const task = flow.find((n) => n.type === nodeType(row));
        const c = ROW_CASES[row.task];
        const model = row.exampleModel;
        server.on(`GET /api/models/${model}`, mappingAnswer(model, { "hf-inference": { providerId: model, status: "live", task: row.task } }));
        const answer = row.streaming && task[row.streaming.field] ? streamAnswer() : c.answer;
        server.on(`POST /hf-inference/models/${model}${c.path ?? ""}`, answer);
        for (const n of flow) {
          if (n.type === "file") n.filename = path.join(tmp, path.basename(n.filename));
          if (n.type === "file in") {
            n.filename = path.join(tmp, "document.png");
            fs.writeFileSync(n.filename, require("./row-cases").PNG);
          }
        }
        // As the editor does on import: the nodes go on a tab. A helper listens beside the example's own nodes.
        for (const n of flow) if (n.type !== "hf-config") n.z = "tab";
        task.wires[task.wires.length - 1].push("probe");
        flow.push({ id: "tab", type: "tab", label: "example" }, { id: "probe", type: "helper", z: "tab" });
        await load(flow);
        const result = nextMessages(helper.getNode("probe"));
        helper.getNode(flow.find((n) => n.type === "inject").id).receive({});
        const msg = await result;
        msg.hf.task.should.equal(row.task);
        should.exist(msg.payload);
        const post = server.requests.find((r) => r.method === "POST");
        post.headers.authorization.should.equal(`Bearer ${process.env.HF_TOKEN}`);
        const file = flow.find((n) => n.type === "file");
        if (file) {
          await waitFor(() => fs.existsSync(file.filename));
          await waitFor(() => fs.readFileSync(file.filename).length === msg.payload.length);
          fs.readFileSync(file.filename).equals(msg.payload).should.be.true();
        }
      });
    }
  });
});

function streamAnswer() {
  return (req, res) => {
    res.writeHead(200, { "content-type": "text/event-stream" });
    res.end(`data: ${JSON.stringify({ choices: [{ index: 0, text: "and then", finish_reason: "length" }] })}\n\ndata: [DONE]\n\n`);
  };
}

async function waitFor(check) {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
  check().should.be.true();
}
