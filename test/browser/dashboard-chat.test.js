"use strict";
// The Dashboard 2 chat example (docs/examples/dashboard-chat.json) in a real Node-RED and real Chromium: two
// browser contexts hold two separate conversations (hf-chat keys memory by msg._client.socketId), answers stream.
// DASHBOARD_SCREENSHOT=<file> also saves a screenshot of the first browser (the README's picture).
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
require("should");
const { startNodeRed, ROOT } = require("../e2e/runtime");
const { OpenAiServer } = require("../support/openai-server");

const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"];

describe("browser: Dashboard 2 chat, one conversation per browser client", function () {
  this.timeout(120000);
  let red;
  let model;
  const browsers = [];
  const profiles = [];

  before(async function () {
    if (!fs.existsSync(CHROMIUM)) {
      console.log(`    (skipped: no Chromium at ${CHROMIUM})`);
      this.skip();
    }
    model = await new OpenAiServer().start();
    model.defaultScript = { echo: true };
    red = await startNodeRed();
    const nodes = await red.api("GET", "/nodes");
    if (!nodes.json.some((s) => (s.types ?? []).includes("ui-template"))) {
      console.log("    (skipped: @flowfuse/node-red-dashboard is not installed beside Node-RED)");
      this.skip();
    }
    const flow = JSON.parse(fs.readFileSync(path.join(ROOT, "docs/examples/dashboard-chat.json"), "utf8"));
    const account = flow.find((n) => n.type === "hf-config");
    account.endpointUrl = model.url;
    account.credentials = { token: "hf_dashboardTestToken" };
    await red.deploy(flow);
  });

  after(async function () {
    for (const b of browsers) await b.close().catch(() => undefined);
    for (const p of profiles) fs.rmSync(p, { recursive: true, force: true });
    if (red) await red.stop();
    if (model) await model.stop();
  });

  async function openChat() {
    const { chromium } = require("playwright-core");
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), "hf-dash-chromium-"));
    profiles.push(profile);
    const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 1000, height: 700 } });
    browsers.push(context);
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(30000);
    await page.goto(`${red.url}/dashboard/chat`);
    await page.waitForSelector(".hf-chat-input");
    return page;
  }
  async function ask(page, text) {
    const before = await page.locator(".hf-chat-assistant").count();
    await page.fill(".hf-chat-input", text);
    await page.click(".hf-chat-send");
    await page.waitForFunction(([n, want]) => {
      const answers = document.querySelectorAll(".hf-chat-assistant");
      return answers.length === n + 1 && answers[n].textContent.trim() === want;
    }, [before, `re: ${text}`]);
  }
  const log = (page) => page.$$eval(".hf-chat-msg", (els) => els.map((e) => e.textContent.trim()));
  const sentWith = (text) => model.requests.find((r) => r.json && r.json.messages.at(-1).content === text).json.messages.filter((m) => m.role !== "system").map((m) => m.content);

  it("two browsers, two conversations: each sees only its own, the model gets only that browser's history", async function () {
    const [alice, bob] = [await openChat(), await openChat()];
    await ask(alice, "I am Alice");
    await ask(bob, "I am Bob");
    await ask(alice, "Who am I?");
    await ask(bob, "And me?");
    (await log(alice)).should.eql(["I am Alice", "re: I am Alice", "Who am I?", "re: Who am I?"]);
    (await log(bob)).should.eql(["I am Bob", "re: I am Bob", "And me?", "re: And me?"]);
    sentWith("Who am I?").should.eql(["I am Alice", "re: I am Alice", "Who am I?"]);
    sentWith("And me?").should.eql(["I am Bob", "re: I am Bob", "And me?"]);
    // Streamed: the model was asked to stream, the widget grew the answer from the pieces.
    model.requests.filter((r) => r.json && r.json.messages).every((r) => r.json.stream === true).should.be.true();
    if (process.env.DASHBOARD_SCREENSHOT) await alice.screenshot({ path: process.env.DASHBOARD_SCREENSHOT });
  });
});
