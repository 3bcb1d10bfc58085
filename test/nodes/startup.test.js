"use strict";
// Loading the pack must stay cheap: Node-RED requires every node file at start, so nothing heavy or optional may
// load before a node needs it (issue 15). Each check runs in a fresh Node.js process, whose require.cache then
// lists everything those files pulled in.
const should = require("should");
const path = require("node:path");
const { execFileSync } = require("node:child_process");

const ROOT = path.resolve(__dirname, "../..");
const NODE_FILES = Object.values(require(path.join(ROOT, "package.json"))["node-red"].nodes).map((f) => path.join(ROOT, f));
/** Heavy or optional modules, matched on their path inside node_modules. */
const HEAVY = [/node_modules[\\/]@modelcontextprotocol[\\/]sdk[\\/]/, /node_modules[\\/]@huggingface[\\/]transformers[\\/]/, /node_modules[\\/]node-llama-cpp[\\/]/, /node_modules[\\/](@redis[\\/]|redis[\\/])/, /node_modules[\\/]onnxruntime/];

/** The heavy modules in require.cache of a fresh process after requiring `files` (in that order). */
function heavyAfterRequiring(files) {
  const script = `for (const f of JSON.parse(process.argv[1])) require(f); console.log(JSON.stringify(Object.keys(require.cache)));`;
  const loaded = JSON.parse(execFileSync(process.execPath, ["-e", script, JSON.stringify(files)], { cwd: ROOT, encoding: "utf8" }));
  return loaded.filter((file) => HEAVY.some((re) => re.test(file)));
}

describe("start-up cost: requiring the node files", function () {
  this.timeout(30000);

  it("lists every node file of package.json, all built", function () {
    NODE_FILES.length.should.be.above(5);
    for (const f of NODE_FILES) require("node:fs").existsSync(f).should.be.true(`${f} is missing: npm run build`);
  });

  it("loads none of the MCP SDK, transformers.js, node-llama-cpp, redis or onnxruntime", function () {
    should(heavyAfterRequiring(NODE_FILES)).eql([]);
  });

  it("would see a heavy module loaded at require time (the check itself works)", function () {
    const found = heavyAfterRequiring([...NODE_FILES, require.resolve("redis", { paths: [ROOT] })]);
    found.length.should.be.above(0);
  });
});
