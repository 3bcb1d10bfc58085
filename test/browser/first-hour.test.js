"use strict";
// The first hour of a Node-RED user (issue 16), in real headless Chromium against a real Node-RED with the packed
// pack installed and no Hub reachable (offline): every example imported leaves one account; the agent example
// deploys without an "unused configuration nodes" warning; statuses fit and are cut on a word; every dialog opens
// and its model picker answers "unavailable" with no console error and no bogus account id; the palette is in
// family order with labels that do not break inside a word; the agent and account forms read as the others do.
require("should");
const fs = require("node:fs");
const net = require("node:net");
const os = require("node:os");
const path = require("node:path");
const { startNodeRed, exampleFlows, PKG } = require("../e2e/runtime");
const { PALETTE_TYPES } = require("../../dist/nodes/editor/palette-order");
const { STATUS_LIMIT } = require("../../dist/nodes/shared/status-text");
const { EXAMPLE_ACCOUNT } = require("../../dist/nodes/task-table/examples");

const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"];

describe("browser: the first hour in the editor (offline)", function () {
  this.timeout(240000);
  let red;
  let context;
  let page;
  let profile;
  let deadPort;
  const consoleErrors = [];
  const searches = [];

  before(async function () {
    if (!fs.existsSync(CHROMIUM)) {
      console.log(`    (skipped: no Chromium at ${CHROMIUM})`);
      this.skip();
    }
    const { chromium } = require("playwright-core");
    deadPort = await freePort();
    // Offline: the Hub (model search) is a port nobody listens on; no token anywhere.
    red = await startNodeRed({ HF_ENDPOINT: `http://127.0.0.1:${deadPort}`, HF_TOKEN: "", HF_HOME: path.join(os.tmpdir(), "hf-home-none") });
    profile = fs.mkdtempSync(path.join(os.tmpdir(), "hf-first-hour-chromium-"));
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 1400, height: 1000 } });
    page = context.pages()[0] ?? (await context.newPage());
    page.on("console", (m) => {
      if (m.type() === "error") consoleErrors.push(m.text());
    });
    page.on("pageerror", (err) => consoleErrors.push(`pageerror: ${err.message}`));
    page.on("request", (r) => {
      if (r.url().includes("hf-inference/models")) searches.push(new URL(r.url()));
    });
    await page.goto(red.url);
    page.setDefaultTimeout(15000);
    await page.waitForFunction(() => window.RED && RED.nodes && RED.nodes.getType("inject") && document.querySelector(".red-ui-palette-node"), null, { timeout: 60000 });
    // The editor loads node definitions after its own start: wait for the pack's last node files.
    await page.waitForFunction(() => ["hf-chat", "hf-zero-shot-image-classification", "hf-mcp-tool"].every((t) => document.querySelector(`.red-ui-palette-node[data-palette-type="${t}"]`)), null, { timeout: 60000 });
  });

  after(async function () {
    if (context) await context.close();
    if (red) {
      await red.stop();
      red.killGroup();
    }
    if (profile) fs.rmSync(profile, { recursive: true, force: true });
  });

  it("the palette shows the pack's nodes by family (chat and agents, text, vision, ... MCP, tools)", async function () {
    const shown = await page.evaluate(() =>
      [...document.querySelectorAll(".red-ui-palette-node[data-palette-type]")].map((el) => el.getAttribute("data-palette-type")).filter((t) => /^hf-/.test(t)),
    );
    const expected = PALETTE_TYPES.filter((t) => shown.includes(t));
    shown.should.eql(expected);
    shown.length.should.be.above(30);
  });

  it("palette labels do not break inside a word (no \"zero - shot\")", async function () {
    const labels = await page.evaluate(() =>
      [...document.querySelectorAll(".red-ui-palette-node[data-palette-type^='hf-'] .red-ui-palette-label")].map((el) => ({
        type: el.closest(".red-ui-palette-node").getAttribute("data-palette-type"),
        lines: el.innerHTML.split(/<br\s*\/?>/).map((s) => s.replace(/&nbsp;/g, " ").trim()),
        label: el.closest(".red-ui-palette-node").getAttribute("data-palette-label"),
        text: el.textContent,
      })),
    );
    labels.length.should.be.above(30);
    for (const l of labels) {
      l.text.should.not.match(/ - /, l.type);
      // Every line is made of whole words of the label: nothing cut inside a word.
      const words = l.label.split(" ");
      for (const line of l.lines) for (const w of line.split(" ").filter(Boolean)) words.should.containEql(w, `${l.type}: ${l.lines.join(" / ")}`);
    }
    labels.find((l) => l.type === "hf-zero-shot-classification").text.should.match(/zero\u2011shot/);
  });

  it("deploying the agent example shows no unused-configuration warning; its MCP server counts as used", async function () {
    const agent = exampleFlows().find(([file]) => file.endsWith("03-agent.json"))[1];
    await importLikeTheMenu(page, agent);
    const users = await page.evaluate(() => {
      const out = [];
      RED.nodes.eachConfig((n) => {
        if (n.type === "hf-mcp-server") out.push(n.users.map((u) => u.type));
      });
      return out;
    });
    users.should.eql([["hf-agent"]]);
    await deploy(page);
    const notes = await page.evaluate(() => [...document.querySelectorAll(".red-ui-notification")].map((n) => n.textContent));
    notes.join("\n").should.not.match(/unused/i);
    // The search behind the Configuration nodes sidebar's "unused" filter and "delete unused" offers nothing of ours.
    const unused = await page.evaluate(() => {
      const out = [];
      RED.nodes.eachConfig((n) => {
        if (n._def.hasUsers !== false && n.users.length === 0) out.push(n.type);
      });
      return out;
    });
    unused.should.not.containEql("hf-mcp-server");
    unused.should.not.containEql("hf-config");
    // Editing the agent (servers removed) and undoing keep the bookkeeping right.
    const afterEdit = await page.evaluate(() => {
      const a = RED.nodes.filterNodes({ type: "hf-agent" })[0];
      const before = a.servers.slice();
      a.servers = [];
      RED.events.emit("nodes:change", a);
      const server = RED.nodes.node(before[0]);
      const emptied = server.users.length;
      a.servers = before;
      RED.events.emit("nodes:change", a);
      return { emptied, restored: server.users.length };
    });
    afterEdit.should.eql({ emptied: 0, restored: 1 });
  });

  it("importing every example leaves one account, used by every node that needs one", async function () {
    for (const [, flow] of exampleFlows()) await importLikeTheMenu(page, flow);
    const all = await page.evaluate(() => {
      const out = [];
      RED.nodes.eachConfig((n) => {
        if (n.type === "hf-config") out.push({ id: n.id, users: n.users.length, provider: n.provider });
      });
      return out;
    });
    // The local examples share one account of their own (provider local: models on this machine, no token).
    all.filter((a) => a.provider === "local").length.should.equal(1);
    const accounts = all.filter((a) => a.provider !== "local");
    accounts.length.should.equal(1);
    accounts[0].id.should.equal(EXAMPLE_ACCOUNT.id);
    accounts[0].users.should.be.above(30);
    // The Configuration nodes sidebar lists it once.
    await page.evaluate(() => RED.sidebar.config.show());
    await page.waitForSelector(".red-ui-palette-node-config");
    const listed = await page.evaluate(() =>
      [...document.querySelectorAll(".red-ui-palette-node-config")].filter((el) => /Hugging Face/.test(el.textContent)).length,
    );
    listed.should.equal(1);
    await page.evaluate(() => RED.sidebar.show("info"));
  });

  it("a failing node's status fits under the node and is cut on a word, with an ellipsis", async function () {
    const id = "firsthour0status";
    const tab = await page.evaluate(() => RED.workspaces.active());
    await page.evaluate(
      ({ id, tab, port }) => {
        RED.view.importNodes(
          [
            { id: "firsthour0acct", type: "hf-config", name: "dead end", endpointUrl: `http://127.0.0.1:${port}/a/rather/long/path/for/an/endpoint`, maxRetries: 0, timeout: 5 },
            { id, type: "hf-text-classification", z: tab, config: "firsthour0acct", x: 300, y: 600, wires: [] },
            { id: "firsthour0inj", type: "inject", z: tab, props: [{ p: "payload" }], payload: "hello", payloadType: "str", repeat: "", crontab: "", once: false, onceDelay: 0.1, topic: "", x: 120, y: 600, wires: [[id]] },
          ],
          { generateIds: false, addFlow: false },
        );
      },
      { id, tab, port: deadPort },
    );
    await deploy(page);
    const res = await red.api("POST", "/inject/firsthour0inj");
    res.status.should.equal(200);
    await page.waitForFunction((nodeId) => {
      const el = document.querySelector(`g.red-ui-flow-node-group[id="${nodeId}"] .red-ui-flow-node-status-label`);
      return el && /ECONN|error|reach/i.test(el.textContent);
    }, id);
    const text = await page.evaluate((nodeId) => document.querySelector(`g.red-ui-flow-node-group[id="${nodeId}"] .red-ui-flow-node-status-label`).textContent, id);
    text.length.should.be.belowOrEqual(STATUS_LIMIT);
    text.should.endWith("…");
    text.slice(0, -1).should.not.match(/\s$/);
  });

  it("every node's dialog, with the model picker searching offline: no console error, no HTTP error, no bogus account id", async function () {
    const types = await page.evaluate((pkgName) => RED.nodes.registry.getNodeList().filter((s) => s.module === pkgName).flatMap((s) => s.types), PKG.name);
    const before = consoleErrors.length;
    for (const type of types) {
      const id = await page.evaluate((t) => {
        const def = RED.nodes.getType(t);
        const n = { id: RED.nodes.id(), type: t, x: 500, y: 300 };
        if (def.category !== "config") n.z = RED.workspaces.active();
        RED.view.importNodes([n], { generateIds: false, addFlow: false });
        const node = RED.nodes.node(n.id);
        if (def.category === "config") RED.editor.editConfig("", t, n.id);
        else RED.editor.edit(node);
        return n.id;
      }, type);
      await page.waitForSelector(".red-ui-tray .red-ui-tray-body form", { state: "visible" });
      const model = page.locator(".red-ui-tray").last().locator("#node-input-model");
      if (await model.count()) {
        // A new node has no account chosen: the select shows "Add new hf-config...", whose value is _ADD_.
        const n = searches.length;
        await model.click();
        await model.pressSequentially("llama", { delay: 20 });
        await page.locator(".red-ui-tray").last().locator(".hf-picker-note").waitFor({ state: "visible" });
        const note = await page.locator(".red-ui-tray").last().locator(".hf-picker-note").textContent();
        note.should.match(/unavailable/i);
        searches.length.should.be.above(n);
      }
      await closeDialog(page);
      await page.evaluate((nodeId) => {
        const n = RED.nodes.node(nodeId);
        if (n) RED.nodes.remove(nodeId);
      }, id);
    }
    searches.length.should.be.above(0);
    for (const s of searches) (s.searchParams.get("config") ?? "").should.not.equal("_ADD_");
    consoleErrors.slice(before).should.eql([]);
  });

  it("hf-agent: Name is the first field, a blank model is valid (msg.model), and its icon is the MCP one", async function () {
    const result = await page.evaluate(() => {
      const n = { id: RED.nodes.id(), type: "hf-agent", z: RED.workspaces.active(), x: 600, y: 500, config: "", model: "" };
      RED.view.importNodes([n], { generateIds: false, addFlow: false });
      const node = RED.nodes.node(n.id);
      const def = RED.nodes.getType("hf-agent");
      return { id: n.id, icon: def.icon, modelRequired: !!def.defaults.model.required, modelValid: RED.editor.validateNode ? (RED.editor.validateNode(node), node.valid) : true };
    });
    result.icon.should.equal("hf-mcp.svg");
    result.modelRequired.should.be.false();
    await page.evaluate((id) => RED.editor.edit(RED.nodes.node(id)), result.id);
    await page.waitForSelector(".red-ui-tray .red-ui-tray-body form", { state: "visible" });
    const first = await page.locator(".red-ui-tray .red-ui-tray-body form .form-row").first().locator("input").first().getAttribute("id");
    first.should.equal("node-input-name");
    const placeholder = await page.locator("#node-input-model").getAttribute("placeholder");
    placeholder.should.match(/msg\.model/);
    await closeDialog(page);
  });

  it("the blank Provider option reads the same on every node, and model placeholders say blank: msg.model", async function () {
    const seen = {};
    for (const type of ["hf-chat", "hf-agent", "hf-text-classification", "hf-text-to-image"]) {
      await page.evaluate((t) => {
        const n = { id: RED.nodes.id(), type: t, z: RED.workspaces.active(), x: 700, y: 100 };
        RED.view.importNodes([n], { generateIds: false, addFlow: false });
        RED.editor.edit(RED.nodes.node(n.id));
      }, type);
      await page.waitForSelector(".red-ui-tray .red-ui-tray-body form", { state: "visible" });
      seen[type] = {
        blank: await page.locator('#node-input-provider option[value=""]').textContent(),
        model: await page.locator("#node-input-model").getAttribute("placeholder"),
      };
      await closeDialog(page);
    }
    const blanks = new Set(Object.values(seen).map((s) => s.blank));
    blanks.size.should.equal(1, JSON.stringify(seen));
    for (const [t, s] of Object.entries(seen)) s.model.should.match(/^blank: msg\.model/, t);
  });

  it("the account dialog: placeholders fit their fields, Queue limit shows 1000, the /v1 hint shows for an OpenAI URL", async function () {
    await page.evaluate(() => {
      const n = { id: RED.nodes.id(), type: "hf-config", name: "" };
      RED.view.importNodes([n], { generateIds: false, addFlow: false });
      RED.editor.editConfig("", "hf-config", n.id);
    });
    await page.waitForSelector(".red-ui-tray .red-ui-tray-body form", { state: "visible" });
    const overflow = await page.evaluate(() => {
      const canvas = document.createElement("canvas").getContext("2d");
      return [...document.querySelectorAll(".red-ui-tray form input[placeholder]")]
        .filter((el) => el.offsetParent && el.placeholder)
        .map((el) => {
          const css = getComputedStyle(el);
          canvas.font = `${css.fontSize} ${css.fontFamily}`;
          const room = el.clientWidth - parseFloat(css.paddingLeft) - parseFloat(css.paddingRight);
          return { id: el.id, placeholder: el.placeholder, fits: canvas.measureText(el.placeholder).width <= room };
        })
        .filter((p) => !p.fits);
    });
    overflow.should.eql([]);
    const queue = await page.locator("#node-config-input-queueLimit").evaluate((el) => el.value || el.placeholder);
    queue.should.equal("1000");
    (await page.locator(".hf-config-endpoint-hint").isVisible()).should.be.false();
    await page.locator("#node-config-input-endpointUrl").fill("http://127.0.0.1:11434/v1");
    (await page.locator(".hf-config-endpoint-hint").isVisible()).should.be.true();
    await page.locator("#node-config-input-endpointUrl").fill("");
    await closeDialog(page);
  });

  it("logged no console error in the whole session", function () {
    consoleErrors.should.eql([]);
  });
});

/**
 * Imports a flow as Import > Examples does (no new ids); when Node-RED reports that some nodes exist already (the
 * shared account), does what its "Import copy" button does.
 */
async function importLikeTheMenu(page, flow) {
  await page.evaluate((nodes) => {
    try {
      RED.view.importNodes(JSON.parse(JSON.stringify(nodes)), { generateIds: false, addFlow: true });
    } catch (err) {
      if (err.code !== "import_conflict") throw err;
      RED.view.importNodes(JSON.parse(JSON.stringify(nodes)), { generateIds: true, addFlow: true });
    }
  }, flow);
}

async function deploy(page) {
  // The import dialog marks the workspace changed; importNodes alone does not.
  await page.evaluate(() => RED.nodes.dirty(true));
  await page.locator("#red-ui-header-button-deploy").click();
  // A confirmation (invalid nodes, unused config) would be a dialog; our flows must need none.
  const deployed = await page.waitForFunction(() => !RED.nodes.dirty(), null, { timeout: 20000 }).then(() => true, () => false);
  if (!deployed) {
    const asked = await page.evaluate(() => [...document.querySelectorAll(".red-ui-notification")].map((n) => n.textContent).join("\n"));
    throw new Error(`the deploy asked for confirmation: ${asked}`);
  }
}

/** Clicks Done and waits for the tray to close (a config node's dialog may sit above its user's). */
async function closeDialog(page) {
  while ((await page.locator(".red-ui-tray").count()) > 0) {
    const trays = await page.locator(".red-ui-tray").count();
    await page.locator(".red-ui-tray").last().locator('button:has-text("Done"), button:has-text("Add"), button:has-text("Update")').first().click();
    await page.waitForFunction((n) => document.querySelectorAll(".red-ui-tray").length < n, trays);
  }
}

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}
