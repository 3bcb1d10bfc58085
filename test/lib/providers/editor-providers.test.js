"use strict";
// The task nodes' editor code, as built (dist/nodes/hf-tasks.html), run against a minimal RED: each node offers
// the providers serving its task, and a provider that does not serve it makes the node invalid.
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");
const should = require("should");
const { lib } = require("./support");

const html = fs.readFileSync(path.resolve(__dirname, "../../../dist/nodes/hf-tasks.html"), "utf8");

function registeredTypes() {
  const types = {};
  const RED = { nodes: { registerType: (type, def) => (types[type] = def) }, _: (k) => k };
  const scripts = [...html.matchAll(/<script type="text\/javascript">([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  scripts.length.should.be.above(0);
  const context = vm.createContext({ RED, window: {}, $: () => ({}) });
  for (const code of scripts) vm.runInContext(code, context);
  return types;
}

describe("editor: providers per task node", function () {
  const types = registeredTypes();
  const ROWS = JSON.parse(/var ROWS = (\[.*?\]);\n/s.exec(html)[1]);
  const node = () => ({ _: (key, vars) => `${key}:${vars.provider}` });

  it("each task node lists exactly the providers whose table row serves its task", function () {
    ROWS.length.should.be.above(10);
    // Plus "local" where the in-process provider runs the task.
    for (const row of ROWS) {
      const local = lib.LOCAL_TASK_IDS.includes(row.task) ? [lib.LOCAL_PROVIDER] : [];
      row.providers.should.eql([...lib.providersForTask(row.task), ...local], row.type);
    }
    ROWS.find((r) => r.task === "text-to-video").providers.should.eql(["fal-ai", "hf-inference", "novita", "replicate", "together", "wavespeed"]);
  });

  it("a provider that does not serve the task makes the node invalid, with the reason", function () {
    const def = types["hf-text-to-image"];
    should(def).be.ok();
    const validate = def.defaults.provider.validate;
    validate.call(node(), "").should.equal(true);
    validate.call(node(), "fal-ai").should.equal(true);
    validate.call(node(), "groq").should.equal("hf-tasks.provider.notServing:groq");
    types["hf-automatic-speech-recognition"].defaults.provider.validate.call(node(), "deepinfra").should.equal(true);
    types["hf-automatic-speech-recognition"].defaults.provider.validate.call(node(), "cohere").should.not.equal(true);
  });
});
