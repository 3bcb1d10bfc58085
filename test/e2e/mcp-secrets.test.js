"use strict";
// hf-mcp-server's env variables and headers are password credentials, in a real Node-RED with its admin API: the
// editor's GET /credentials never returns their values (only has_env / has_headers), the names come from the
// pack's own admin route, a redeploy that does not touch them keeps them, and `secretChanges` changes only the
// values it names. The deployed server is a local MCP server that records the headers it receives.
const should = require("should");
const { startNodeRed } = require("./runtime");
const { tab, inject, uid } = require("./flows");
const { startMcpHttpServer } = require("../support/mcp-http-server");
const { eventually } = require("../lib/mcp/everything");

const SECRET = "Bearer mcpSecret_Ab12Cd34Ef56";
const OTHER = "other-secret-Xy98Wv76";

describe("e2e: hf-mcp-server secrets are passwords", function () {
  this.timeout(120000);
  let red;
  let mcp;
  before(async function () {
    mcp = await startMcpHttpServer();
    red = await startNodeRed();
  });
  after(async function () {
    if (red) {
      await red.stop();
      red.killGroup();
    }
    if (mcp) await mcp.stop();
  });

  const t = tab("mcp secrets");
  const serverId = uid("srv");
  const server = (extra = {}) => ({ id: serverId, type: "hf-mcp-server", name: "secret server", transport: "http", url: mcp.url, ...extra });
  const toolId = uid("tool");
  const tool = { id: toolId, type: "hf-mcp-tool", z: t.id, server: serverId, action: "call", tool: "echo", timeout: 10, x: 300, y: 100, wires: [] };
  const inj = inject(t.id, '{"text":"hi"}', "json", [toolId]);

  /** Runs the tool once; resolves with the headers the MCP server got on the tools/call request. */
  async function callHeaders() {
    const before = mcp.requests.length;
    (await red.api("POST", `/inject/${inj.id}`)).status.should.equal(200);
    const found = await eventually(() => mcp.requests.slice(before).find((r) => r.method === "POST" && r.headers["x-other"] !== undefined), 500);
    should.exist(found, "the MCP server got no request");
    return found.headers;
  }

  it("GET /credentials shows that values exist, never the values; the names come from the pack's route", async function () {
    await red.deploy([t, server({ credentials: { headers: JSON.stringify({ Authorization: SECRET, "X-Other": OTHER }) } }), tool, inj]);
    const creds = await red.api("GET", `/credentials/hf-mcp-server/${serverId}`);
    creds.status.should.equal(200);
    creds.text.should.not.containEql("mcpSecret_Ab12");
    creds.text.should.not.containEql(OTHER);
    creds.json.should.match({ has_headers: true });
    const names = await red.api("GET", `/hf-mcp-server/${serverId}/secret-names`);
    names.json.should.eql({ env: [], headers: ["Authorization", "X-Other"] });
    (await callHeaders()).should.match({ authorization: SECRET, "x-other": OTHER });
  });

  it("a redeploy that changes only the URL keeps the secrets", async function () {
    await red.deploy([t, server({ url: `${mcp.url}?v=2` }), tool, inj]);
    (await callHeaders()).should.match({ authorization: SECRET, "x-other": OTHER });
  });

  it("secretChanges replaces one value, removes one, adds one; the rest is kept and nothing is returned", async function () {
    const changes = { headers: { set: { "X-Other": "changed-Qq11" }, remove: [] } };
    await red.deploy([t, server({ credentials: { secretChanges: JSON.stringify(changes) } }), tool, inj]);
    (await callHeaders()).should.match({ authorization: SECRET, "x-other": "changed-Qq11" });
    const creds = await red.api("GET", `/credentials/hf-mcp-server/${serverId}`);
    creds.text.should.not.containEql("changed-Qq11");
    creds.text.should.not.containEql("mcpSecret_Ab12");

    const more = { headers: { set: { "X-Added": "added-Zz" }, remove: ["Authorization"] } };
    await red.deploy([t, server({ credentials: { secretChanges: JSON.stringify(more) } }), tool, inj]);
    const headers = await callHeaders();
    headers.should.match({ "x-other": "changed-Qq11", "x-added": "added-Zz" });
    should(headers.authorization).be.undefined();
    (await red.api("GET", `/hf-mcp-server/${serverId}/secret-names`)).json.should.eql({ env: [], headers: ["X-Other", "X-Added"] });
  });
});
