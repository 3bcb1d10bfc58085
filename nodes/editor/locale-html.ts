import { readFileSync, writeFileSync, existsSync, mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { TASK_NODES, nodeType, type TaskNodeRow } from "../task-table";
import { escapeHtml } from "./common";

/**
 * The localised side of the generated task nodes, written at build time beside the copied locale folders:
 * `locales/<lang>/hf-tasks.html` (one help page per task) and the generated keys of `locales/<lang>/hf-tasks.json`
 * (palette labels and extra-field labels). English comes from the node task table; every other language from its
 * `locales/<lang>/task-help.json`, one entry per task. Shared help sentences are catalog keys (`hf-tasks.help.*`).
 */

/** The words of one task node in one language. Help strings may hold inline HTML (`<code>`). */
export interface TaskTexts {
  paletteLabel: string;
  summary: string;
  input: string;
  output: string;
  details?: string;
  fields?: Record<string, { label: string; placeholder?: string; help?: string }>;
}

export type TaskTextTable = Record<string, TaskTexts>;

/** The English texts, straight from the task table. */
export function englishTexts(rows: TaskNodeRow[] = TASK_NODES): TaskTextTable {
  return Object.fromEntries(
    rows.map((row) => [
      row.task,
      {
        paletteLabel: row.paletteLabel,
        ...row.help,
        fields: Object.fromEntries(
          (row.fields ?? []).map((f) => [f.name, { label: f.label, ...(f.placeholder ? { placeholder: f.placeholder } : {}), help: f.help ?? escapeHtml(f.label) }]),
        ),
      },
    ]),
  );
}

type Catalog = { "hf-tasks": Record<string, unknown> & { help: Record<string, string> } };

/** Writes help pages and generated catalog keys for every language folder under `outLocales`. */
export function writeTaskLocales(srcLocales: string, outLocales: string, rows: TaskNodeRow[] = TASK_NODES): void {
  const english = englishTexts(rows);
  for (const lang of readdirSync(srcLocales)) {
    const dir = join(outLocales, lang);
    const catalogFile = join(srcLocales, lang, "hf-tasks.json");
    if (!existsSync(catalogFile)) continue;
    const catalog = JSON.parse(readFileSync(catalogFile, "utf8")) as Catalog;
    const textsFile = join(srcLocales, lang, "task-help.json");
    const own = lang === "en-US" ? english : existsSync(textsFile) ? (JSON.parse(readFileSync(textsFile, "utf8")) as TaskTextTable) : {};
    // A task missing from a language falls back to English, as Node-RED falls back for missing keys.
    const texts = Object.fromEntries(rows.map((row) => [row.task, own[row.task] ?? english[row.task]]));
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "hf-tasks.json"), JSON.stringify(withTaskKeys(catalog, rows, texts), null, 2) + "\n");
    writeFileSync(join(dir, "hf-tasks.html"), renderTaskHelp(rows, texts, catalog["hf-tasks"].help));
  }
}

/** The catalog with `palette.<task>` and `field.<task>.<name>` filled in for the editor's data-i18n keys. */
export function withTaskKeys(catalog: Catalog, rows: TaskNodeRow[], texts: TaskTextTable): Catalog {
  const palette: Record<string, string> = {};
  const field: Record<string, Record<string, string>> = {};
  const placeholder: Record<string, Record<string, string>> = {};
  for (const row of rows) {
    const t = texts[row.task];
    palette[row.task] = t.paletteLabel;
    for (const f of row.fields ?? []) {
      const ft = t.fields?.[f.name];
      (field[row.task] ??= {})[f.name] = ft?.label ?? f.label;
      (placeholder[row.task] ??= {})[f.name] = ft?.placeholder ?? f.placeholder ?? "";
    }
  }
  return { "hf-tasks": { ...catalog["hf-tasks"], palette, field, fieldPlaceholder: placeholder } };
}

/** One `data-help-name` page per task, following Node-RED's help style (Inputs / Outputs / Details / References). */
export function renderTaskHelp(rows: TaskNodeRow[], texts: TaskTextTable, help: Record<string, string>): string {
  return rows.map((row) => renderOne(row, texts[row.task], help)).join("\n\n") + "\n";
}

function renderOne(row: TaskNodeRow, t: TaskTexts, help: Record<string, string>): string {
  const say = (key: string) => (help[key] ?? key).replace(/__task__/g, row.task);
  const extra = (row.fields ?? [])
    .map((f) => `    <dt class="optional">${escapeHtml(f.name)}</dt><dd>${t.fields?.[f.name]?.help ?? escapeHtml(t.fields?.[f.name]?.label ?? f.label)}</dd>`)
    .join("\n");
  const binaryIn = row.input.kind === "binary" || (row.input.kind === "composite" && row.input.fields.some((f) => f.slot.kind === "binary"));
  const binaryOut = row.output.kind === "binary";
  return `<script type="text/html" data-help-name="${nodeType(row)}">
  <p>${t.summary}</p>
  <h3>${say("inputs")}</h3>
  <dl class="message-properties">
    <dt>payload</dt><dd>${t.input}</dd>
    <dt class="optional">model <span class="property-type">string</span></dt><dd>${say("model")}</dd>
    <dt class="optional">provider <span class="property-type">string</span></dt><dd>${say("provider")}</dd>
    <dt class="optional">parameters <span class="property-type">object</span></dt><dd>${say("parameters")}</dd>
${extra}
  </dl>
  <h3>${say("outputs")}</h3>
  <dl class="message-properties">
    <dt>payload</dt><dd>${t.output}</dd>
    <dt>hf <span class="property-type">object</span></dt><dd>${say("hf")}</dd>
  </dl>
  <h3>${say("details")}</h3>
  ${t.details ? `<p>${t.details}</p>\n  ` : ""}<p>${say("modelPicker")}</p>
  <p>${say("queue")}</p>
  ${binaryIn ? `<p>${say("binaryInput")}</p>\n  ` : ""}${binaryOut ? `<p>${say("preview")}</p>\n  ` : ""}<h3>${say("references")}</h3>
  <ul>
    <li><a href="https://huggingface.co/tasks/${row.task}">${say("taskPage")}</a></li>
    <li><a href="https://huggingface.co/models?pipeline_tag=${row.task}&amp;inference_provider=all">${say("models")}</a></li>
  </ul>
</script>`;
}
