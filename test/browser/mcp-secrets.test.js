"use strict";
// Editing an hf-mcp-server in the real editor (headless Chromium, real Node-RED): the dialog lists the header
// names with blank values (the values never reach the browser); changing only the URL keeps every value; typing
// one value changes that one only. What the deployed server receives is read at local MCP servers.
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const should = require("should");
const { startNodeRed } = require("../e2e/runtime");
const { tab, inject, uid } = require("../e2e/flows");
const { startMcpHttpServer } = require("../support/mcp-http-server");
const { eventually } = require("../lib/mcp/everything");

const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"];
const SECRET = "Bearer mcpSecret_Browser_Kq71";
const OTHER = "other-secret-Browser-Lm52";

describe("browser: editing an hf-mcp-server keeps its secrets without showing them", function () {
  this.timeout(180000);
  let red;
  let first;
  let second;
  let context;
  let page;
  let profile;
  const t = tab("mcp secrets");
  const serverId = uid("srv");
  const toolId = uid("tool");
  const inj = inject(t.id, '{"text":"hi"}', "json", [toolId]);

  before(async function () {
    if (!fs.existsSync(CHROMIUM)) {
      console.log(`    (skipped: no Chromium at ${CHROMIUM})`);
      this.skip();
    }
    first = await startMcpHttpServer();
    second = await startMcpHttpServer();
    red = await startNodeRed();
    await red.deploy([
      t,
      { id: serverId, type: "hf-mcp-server", name: "secret server", transport: "http", url: first.url, credentials: { headers: JSON.stringify({ Authorization: SECRET, "X-Other": OTHER }) } },
      { id: toolId, type: "hf-mcp-tool", z: t.id, server: serverId, action: "call", tool: "echo", timeout: 10, x: 300, y: 100, wires: [] },
      inj,
    ]);
    const { chromium } = require("playwright-core");
    profile = fs.mkdtempSync(path.join(os.tmpdir(), "hf-e2e-chromium-"));
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 1400, height: 1000 } });
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto(red.url, { timeout: 90000 });
    page.setDefaultTimeout(15000);
    await page.waitForFunction((id) => window.RED && RED.nodes && RED.nodes.getType("hf-mcp-server") && RED.nodes.node(id), serverId, { timeout: 60000 });
  });

  after(async function () {
    if (context) await context.close();
    if (red) {
      await red.stop();
      red.killGroup();
    }
    if (first) await first.stop();
    if (second) await second.stop();
    if (profile) fs.rmSync(profile, { recursive: true, force: true });
  });

  /** Runs the tool once; resolves with the headers `server` got on the tools/call request. */
  async function callHeaders(server) {
    const before = server.requests.length;
    (await red.api("POST", `/inject/${inj.id}`)).status.should.equal(200);
    const found = await eventually(() => server.requests.slice(before).find((r) => r.method === "POST" && r.headers["x-other"] !== undefined), 500);
    should.exist(found, "the MCP server got no request");
    return found.headers;
  }

  async function openServer() {
    await page.evaluate((id) => RED.editor.editConfig("", "hf-mcp-server", id), serverId);
    await page.waitForFunction(() => document.querySelectorAll("#hf-mcp-headers-list .hf-mcp-secret-name").length === 2);
    return page.evaluate(() =>
      [...document.querySelectorAll("#hf-mcp-headers-list li")].map((li) => ({
        name: li.querySelector(".hf-mcp-secret-name").value,
        readonly: li.querySelector(".hf-mcp-secret-name").readOnly,
        value: li.querySelector(".hf-mcp-secret-value").value,
        type: li.querySelector(".hf-mcp-secret-value").type,
      })),
    );
  }

  async function doneAndDeploy() {
    await page.locator(".red-ui-tray").last().locator('button:has-text("Update"), button:has-text("Done")').first().click();
    await page.waitForFunction(() => document.querySelectorAll(".red-ui-tray").length === 0);
    const from = red.lines.length;
    await page.locator("#red-ui-header-button-deploy").click();
    await red.waitForLog(/Started flows|Started modified/, from);
  }

  it("the dialog shows the names, blank password fields, and no value anywhere in the page", async function () {
    const rows = await openServer();
    rows.should.eql([
      { name: "Authorization", readonly: true, value: "", type: "password" },
      { name: "X-Other", readonly: true, value: "", type: "password" },
    ]);
    const html = await page.content();
    html.should.not.containEql("mcpSecret_Browser");
    html.should.not.containEql(OTHER);
    await page.locator(".red-ui-tray").last().locator('button:has-text("Cancel")').click();
    await page.waitForFunction(() => document.querySelectorAll(".red-ui-tray").length === 0);
  });

  it("changing only the URL keeps both values", async function () {
    await openServer();
    await page.fill("#node-config-input-url", second.url);
    await doneAndDeploy();
    (await callHeaders(second)).should.match({ authorization: SECRET, "x-other": OTHER });
  });

  it("typing one value changes that one only", async function () {
    await openServer();
    await page.locator("#hf-mcp-headers-list li").nth(1).locator(".hf-mcp-secret-value").fill("typed-in-browser");
    await doneAndDeploy();
    (await callHeaders(second)).should.match({ authorization: SECRET, "x-other": "typed-in-browser" });
    const creds = await red.api("GET", `/credentials/hf-mcp-server/${serverId}`);
    creds.text.should.not.containEql("typed-in-browser");
  });
});
