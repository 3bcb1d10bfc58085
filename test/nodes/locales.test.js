"use strict";
// Locales: every user-facing editor string is a catalog key present in English and French, the French task table
// covers every task row, and a real Node-RED serves the catalogs, the localised help and the editor resources.
require("should");
const fs = require("node:fs");
const net = require("node:net");
const os = require("node:os");
const path = require("node:path");
const vm = require("node:vm");
const { spawn } = require("node:child_process");
const { TASK_NODES, nodeType } = require("../../dist/nodes/task-table");

const root = path.resolve(__dirname, "..", "..");
const dist = path.join(root, "dist", "nodes");
const LANGS = ["en-US", "fr"];
const pkg = require(path.join(root, "package.json"));

const readJson = (file) => JSON.parse(fs.readFileSync(file, "utf8"));
const catalog = (lang, base) => readJson(path.join(dist, "locales", lang, `${base}.json`));

/** Every key path ("a.b.c") with a string value. */
function keys(obj, prefix = "") {
  return Object.entries(obj).flatMap(([k, v]) => (v && typeof v === "object" ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}
function lookup(obj, key) {
  return key.split(".").reduce((o, k) => (o && typeof o === "object" ? o[k] : undefined), obj);
}
/** data-i18n keys of an HTML file: "key", "[placeholder]key", "[html]key;[title]key2". */
function i18nKeys(html) {
  return [...html.matchAll(/data-i18n="([^"]+)"/g)].flatMap((m) => m[1].split(";").map((k) => k.replace(/^\[[a-z]+\]/, "")));
}

/** Catalog keys of the editor's scripts: string literals of this file's namespace inside `_(...)` calls. */
function scriptKeys(html, base) {
  const literal = new RegExp(`"(${base.replace(/[-]/g, "\\-")}\\.[A-Za-z_.]+[A-Za-z_])"`, "g");
  return [...html.matchAll(/\b_\(([^()]*)\)/g)].flatMap((m) => [...m[1].matchAll(literal)].map((k) => k[1]));
}

describe("locales", function () {
  describe("French task table", function () {
    const french = readJson(path.join(root, "nodes", "locales", "fr", "task-help.json"));

    it("has an entry for every task row, with the same parts as the English help", function () {
      for (const row of TASK_NODES) {
        const fr = french[row.task];
        should.exist(fr, `no French entry for ${row.task}`);
        for (const part of ["paletteLabel", "summary", "input", "output"]) fr.should.have.property(part).which.is.a.String().and.not.empty();
        if (row.help.details) fr.should.have.property("details").which.is.a.String().and.not.empty();
        for (const field of row.fields ?? []) {
          const f = fr.fields?.[field.name];
          should.exist(f, `no French label for ${row.task}.${field.name}`);
          f.label.should.be.a.String().and.not.empty();
          if (field.placeholder) f.should.have.property("placeholder").which.is.a.String().and.not.empty();
        }
      }
    });

    it("has no entry for a task that has no node", function () {
      const tasks = new Set(TASK_NODES.map((r) => r.task));
      Object.keys(french).filter((t) => !tasks.has(t)).should.eql([]);
    });
  });

  describe("catalogs", function () {
    const nodeFiles = fs.readdirSync(dist).filter((f) => f.endsWith(".html")).map((f) => f.replace(/\.html$/, ""));

    it("the node files are there", function () {
      nodeFiles.should.containDeep(["hf-tasks", "hf-config"]);
    });

    for (const base of nodeFiles) {
      const html = () => fs.readFileSync(path.join(dist, `${base}.html`), "utf8");
      const localised = () => i18nKeys(html()).length > 0;

      it(`${base}: every catalog key is in every language`, function () {
        if (!fs.existsSync(path.join(dist, "locales", "en-US", `${base}.json`))) {
          localised().should.be.false(`${base}.html uses data-i18n but has no catalog`);
          return;
        }
        const english = keys(catalog("en-US", base)).sort();
        english.length.should.be.above(3);
        for (const lang of LANGS) keys(catalog(lang, base)).sort().should.eql(english, lang);
      });

      it(`${base}: every key the editor file uses is in the catalogs`, function () {
        const used = [...new Set([...i18nKeys(html()), ...scriptKeys(html(), base)])];
        for (const lang of LANGS) {
          if (!used.length) continue;
          const cat = catalog(lang, base);
          for (const key of used) (lookup(cat, key) ?? `missing in ${lang}: ${key}`).should.be.a.String().and.not.match(/^missing/);
        }
      });

      it(`${base}: its editor scripts parse (a broken one leaves its nodes "unknown")`, function () {
        const scripts = [...html().matchAll(/<script type="text\/javascript">([\s\S]*?)<\/script>/g)].map((m) => m[1]);
        scripts.length.should.be.above(0);
        for (const code of scripts) (() => new vm.Script(code, { filename: `${base}.html` })).should.not.throw();
      });

      it(`${base}: a localised editor file leaves its help to the locale folders`, function () {
        if (!localised()) return;
        html().should.not.match(/data-help-name/);
        for (const lang of LANGS) fs.existsSync(path.join(dist, "locales", lang, `${base}.html`)).should.be.true(`${lang}/${base}.html`);
      });
    }

    it("every help page has a French counterpart", function () {
      const pages = (lang) =>
        fs
          .readdirSync(path.join(dist, "locales", lang))
          .filter((f) => f.endsWith(".html"))
          .flatMap((f) => [...fs.readFileSync(path.join(dist, "locales", lang, f), "utf8").matchAll(/data-help-name="([^"]+)"/g)].map((m) => m[1]))
          .sort();
      pages("en-US").length.should.be.above(TASK_NODES.length);
      pages("fr").should.eql(pages("en-US"));
    });

    it("French labels are French (not English fallbacks)", function () {
      const fr = catalog("fr", "hf-tasks")["hf-tasks"];
      fr.label.model.should.equal("Modèle");
      fr.palette["text-to-image"].should.equal("texte vers image");
      fr.field["zero-shot-classification"].candidate_labels.should.equal("Étiquettes");
      catalog("en-US", "hf-tasks")["hf-tasks"].palette["text-to-image"].should.equal(TASK_NODES.find((r) => r.task === "text-to-image").paletteLabel);
    });
  });

  describe("help", function () {
    it("the task nodes' editor file has no help: it lives in the locale folders", function () {
      fs.readFileSync(path.join(dist, "hf-tasks.html"), "utf8").should.not.match(/data-help-name/);
      fs.readFileSync(path.join(dist, "hf-config.html"), "utf8").should.not.match(/data-help-name/);
    });

    for (const lang of LANGS) {
      it(`${lang}: one help page per task node, and one for hf-config`, function () {
        const html = fs.readFileSync(path.join(dist, "locales", lang, "hf-tasks.html"), "utf8");
        const pages = [...html.matchAll(/data-help-name="([^"]+)"/g)].map((m) => m[1]);
        pages.should.eql(TASK_NODES.map(nodeType));
        html.should.not.match(/__task__/);
        fs.readFileSync(path.join(dist, "locales", lang, "hf-config.html"), "utf8").should.match(/data-help-name="hf-config"/);
      });
    }

    it("French help uses the French table and French headings", function () {
      const html = fs.readFileSync(path.join(dist, "locales", "fr", "hf-tasks.html"), "utf8");
      html.should.containEql("<h3>Entrées</h3>");
      html.should.containEql("Génère une image à partir d'une consigne textuelle.");
      html.should.not.containEql("Generates an image from a text prompt.");
    });
  });

  describe("in a real Node-RED", function () {
    this.timeout(60000);
    let child;
    let base;
    let userDir;
    let output = "";

    before(async function () {
      userDir = fs.mkdtempSync(path.join(os.tmpdir(), "hf-locales-"));
      const link = path.join(userDir, "node_modules", ...pkg.name.split("/"));
      fs.mkdirSync(path.dirname(link), { recursive: true });
      fs.symlinkSync(root, link, "dir");
      const port = await freePort();
      base = `http://127.0.0.1:${port}`;
      child = spawn(process.execPath, [require.resolve("node-red/red.js"), "--settings", path.join(root, "scripts", "node-red-settings.js"), "--userDir", userDir], {
        env: { ...process.env, NODE_RED_PORT: String(port), NODE_RED_USER_DIR: userDir, NODE_RED_LOG_LEVEL: "warn" },
        stdio: ["ignore", "pipe", "pipe"],
      });
      child.stdout.on("data", (d) => (output += d));
      child.stderr.on("data", (d) => (output += d));
      await waitFor(async () => (await fetch(`${base}/nodes`, { headers: { accept: "application/json" } })).ok, () => output);
    });

    after(function () {
      if (child) child.kill("SIGTERM");
      fs.rmSync(userDir, { recursive: true, force: true });
    });

    it("serves the French catalog of the task nodes", async function () {
      const res = await fetch(`${base}/locales/${pkg.name}/hf-tasks?lng=fr`);
      res.status.should.equal(200);
      const body = await res.json();
      body["hf-tasks"].label.provider.should.equal("Fournisseur");
    });

    it("serves the help in the browser's language", async function () {
      const fr = await (await fetch(`${base}/nodes`, { headers: { accept: "text/html", "accept-language": "fr" } })).text();
      fr.should.containEql("Génère une image à partir d'une consigne textuelle.");
      fr.should.containEql("Un compte Hugging Face");
      const en = await (await fetch(`${base}/nodes`, { headers: { accept: "text/html", "accept-language": "en-US" } })).text();
      en.should.containEql("Generates an image from a text prompt.");
      en.should.containEql("A Hugging Face account");
    });

    it("serves the model picker and preview scripts and the icons", async function () {
      for (const file of ["model-picker.js", "preview.js"]) {
        const res = await fetch(`${base}/resources/${pkg.name}/${file}`);
        res.status.should.equal(200, file);
        (await res.text()).should.match(/RED\./);
      }
      const icon = await fetch(`${base}/icons/${pkg.name}/hf-vision.svg`);
      icon.status.should.equal(200);
      (await icon.text()).should.match(/viewBox="0 0 40 60"/);
    });
  });
});

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(check, log) {
  for (let i = 0; i < 200; i++) {
    try {
      if (await check()) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error("Node-RED did not start:\n" + log());
}
