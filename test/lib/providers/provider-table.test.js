"use strict";
// The provider table as users see it: README's generated block, the editor's provider list, the contract's providers.
const fs = require("node:fs");
const path = require("node:path");
const should = require("should");
const table = require("../../../scripts/provider-table");
const { lib } = require("./support");

const root = path.resolve(__dirname, "../../..");

// The contract's providers: the twenty of the seed table plus baseten, deepinfra, openai, ovhcloud.
const CONTRACT = [
  "black-forest-labs", "cerebras", "clarifai", "cohere", "fal-ai", "featherless-ai", "fireworks-ai", "groq", "hf-inference",
  "hyperbolic", "nebius", "novita", "nscale", "publicai", "replicate", "sambanova", "scaleway", "together", "wavespeed",
  "zai-org", "baseten", "deepinfra", "openai", "ovhcloud",
];

describe("lib providers: the provider table", function () {
  it("has every provider of the contract, each serving at least one task with a route", function () {
    for (const id of CONTRACT) {
      should(lib.PROVIDERS[id]).be.ok();
      lib.PROVIDERS[id].id.should.equal(id);
      const tasks = Object.keys(lib.PROVIDERS[id].tasks);
      tasks.length.should.be.above(0);
      for (const t of tasks) lib.TASK_IDS.should.containEql(t);
    }
    lib.INFERENCE_PROVIDERS.should.containDeep(CONTRACT);
  });

  it("every task route has a task definition behind it", function () {
    const missing = [];
    for (const p of Object.values(lib.PROVIDERS)) {
      for (const t of Object.keys(p.tasks)) if (!lib.TASKS[t]) missing.push(`${p.id}: ${t}`);
    }
    missing.should.eql([]);
  });

  it("README.md's provider block is the generated one (run `npm run build` after changing a provider)", function () {
    const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
    should(table.readmeBlock(readme)).equal(table.generated());
  });

  it("renders routed / direct and the key style per provider, and notes polling", function () {
    const block = table.renderProviderTable(
      {
        a: { id: "a", baseUrl: "https://api.a.test", tasks: { "text-to-image": { path: () => "x", pollIntervalMs: 2000 } } },
        b: { id: "b", baseUrl: "https://b.test/v1", keyStyle: "x-key", routed: false, tasks: { conversational: { path: () => "y" } } },
      },
      lib.TASK_IDS,
    );
    block.should.containEql("| a | yes | `Authorization: Bearer` to api.a.test | text-to-image | async: polls every 2 s |");
    block.should.containEql("| b | no | `X-Key` to b.test | conversational |  |");
    const replaced = table.replaceBlock(`x\n${table.START}\nold\n${table.END}\ny`, "NEW");
    replaced.should.equal(`x\n${table.START}\nNEW\n${table.END}\ny`);
    table.readmeBlock(replaced).should.equal("NEW");
  });

  it("the built config node editor lists every provider", function () {
    const html = fs.readFileSync(path.join(root, "dist", "nodes", "hf-config.html"), "utf8");
    const match = /var PROVIDERS = (\[[^\]]*\]);/.exec(html);
    should(match).be.ok();
    JSON.parse(match[1]).should.eql(lib.INFERENCE_PROVIDERS);
  });
});
