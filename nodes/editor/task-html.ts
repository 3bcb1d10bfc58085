import { providersForTask } from "../../lib";
import { TASK_NODES, nodeType, type TaskNodeRow } from "../task-table";
import type { ExtraField } from "../task-table/types";
import { escapeHtml, PALETTE } from "./common";

/**
 * Produces `hf-tasks.html` from the node task table: one editor registration, one form and one help page per
 * row. Run at build time; the output is what Node-RED's editor loads.
 */
export function renderTaskNodesHtml(rows: TaskNodeRow[] = TASK_NODES): string {
  const editorRows = rows.map((row) => ({
    type: nodeType(row),
    task: row.task,
    paletteLabel: row.paletteLabel,
    icon: `hf-${row.family}.svg`,
    binaryInput: hasBinaryInput(row),
    fields: (row.fields ?? []).map((f) => f.name),
    providers: providersForTask(row.task),
  }));
  return [
    `<script type="text/javascript">\n(function () {\n  var ROWS = ${JSON.stringify(editorRows)};\n${EDITOR_JS}\n})();\n</script>`,
    ...rows.map(renderForm),
    ...rows.map(renderHelp),
  ].join("\n\n");
}

export function hasBinaryInput(row: TaskNodeRow): boolean {
  const input = row.input;
  if (input.kind === "binary") return true;
  return input.kind === "composite" && input.fields.some((f) => f.slot.kind === "binary");
}

const EDITOR_JS = `
  function isJsonObject(v) {
    if (!v || !String(v).trim()) return true;
    try { var o = JSON.parse(v); return !!o && typeof o === "object" && !Array.isArray(o); } catch (e) { return false; }
  }
  ROWS.forEach(function (row) {
    var defaults = {
      name: { value: "" },
      config: { value: "", type: "hf-config", required: true },
      model: { value: "" },
      provider: { value: "" },
      parameters: { value: "", validate: isJsonObject },
      allowUrlInputs: { value: false }
    };
    row.fields.forEach(function (f) { defaults[f] = { value: "" }; });
    RED.nodes.registerType(row.type, {
      category: "${PALETTE.category}",
      color: "${PALETTE.color}",
      defaults: defaults,
      inputs: 1,
      outputs: 1,
      icon: row.icon,
      paletteLabel: row.paletteLabel,
      label: function () { return this.name || (this.model ? row.paletteLabel + ": " + this.model.split("/").pop() : row.paletteLabel); },
      labelStyle: function () { return this.name ? "node_label_italic" : ""; },
      oneditprepare: function () {
        var select = $("#node-input-provider");
        row.providers.forEach(function (p) { select.append($("<option></option>").val(p).text(p)); });
        if (this.provider && row.providers.indexOf(this.provider) < 0) {
          select.append($("<option></option>").val(this.provider).text(this.provider + " (does not serve this task)"));
        }
        select.val(this.provider || "");
        $("#node-input-parameters").typedInput({ default: "json", types: ["json"] });
        if (!row.binaryInput) $(".hf-row-allow-url").hide();
      }
    });
  });`;

function renderForm(row: TaskNodeRow): string {
  const type = nodeType(row);
  const extra = (row.fields ?? []).map(renderField).join("\n");
  return `<script type="text/html" data-template-name="${type}">
  <div class="form-row"><label for="node-input-name"><i class="fa fa-tag"></i> Name</label><input type="text" id="node-input-name" placeholder="Name"></div>
  <div class="form-row"><label for="node-input-config"><i class="fa fa-key"></i> Account</label><input type="text" id="node-input-config"></div>
  <div class="form-row"><label for="node-input-model"><i class="fa fa-cube"></i> Model</label><input type="text" id="node-input-model" placeholder="${escapeHtml(row.exampleModel)} (blank: msg.model)"></div>
  <div class="form-row"><label for="node-input-provider"><i class="fa fa-server"></i> Provider</label><select id="node-input-provider" style="width:70%"><option value="">(from the account / msg.provider)</option></select></div>
${extra}
  <div class="form-row"><label for="node-input-parameters"><i class="fa fa-sliders"></i> Parameters</label><input type="text" id="node-input-parameters" placeholder="{}" style="width:70%"></div>
  <div class="form-row hf-row-allow-url"><label for="node-input-allowUrlInputs">&nbsp;</label><input type="checkbox" id="node-input-allowUrlInputs" style="width:auto;margin:0 6px 0 0;vertical-align:middle"><span>Allow URL / file inputs</span></div>
</script>`;
}

function renderField(field: ExtraField): string {
  const id = `node-input-${field.name}`;
  const input =
    field.type === "textarea"
      ? `<textarea id="${id}" rows="3" style="width:70%" placeholder="${escapeHtml(field.placeholder ?? "")}"></textarea>`
      : `<input type="${field.type === "number" ? "number" : "text"}" id="${id}" placeholder="${escapeHtml(field.placeholder ?? "")}">`;
  return `  <div class="form-row"><label for="${id}">${escapeHtml(field.label)}</label>${input}</div>`;
}

function renderHelp(row: TaskNodeRow): string {
  const h = row.help;
  const binary = hasBinaryInput(row);
  const extra = (row.fields ?? [])
    .map((f) => `    <dt class="optional">${escapeHtml(f.name)}</dt><dd>${f.help ?? escapeHtml(f.label)}</dd>`)
    .join("\n");
  return `<script type="text/html" data-help-name="${nodeType(row)}">
  <p>${h.summary}</p>
  <h3>Inputs</h3>
  <dl class="message-properties">
    <dt>payload</dt><dd>${h.input}</dd>
    <dt class="optional">model <span class="property-type">string</span></dt><dd>The model, when the node's Model field is blank.</dd>
    <dt class="optional">provider <span class="property-type">string</span></dt><dd>The provider, when the node's Provider field is blank.</dd>
    <dt class="optional">parameters <span class="property-type">object</span></dt><dd>Merged over the node's parameters.</dd>
${extra}
  </dl>
  <h3>Outputs</h3>
  <dl class="message-properties">
    <dt>payload</dt><dd>${h.output}</dd>
    <dt>hf <span class="property-type">object</span></dt><dd><code>{task, model, provider, durationMs, requestId, output}</code>: <code>task</code> is <code>${row.task}</code>; <code>output</code> the full result.</dd>
  </dl>
  <h3>Details</h3>
  <p>${h.details ?? ""}</p>
  <p>The node sends one request per msg through its account's queue (see <i>Concurrency</i> on the account).
  Errors go to a <b>Catch</b> node with <code>msg.hf</code> (task, model, provider, status, requestId) beside <code>msg.error</code>.</p>
  ${binary ? "<p>Binary inputs: a <code>Buffer</code>, a base64 string or a data URL. URLs and file paths are refused unless <i>Allow URL / file inputs</i> is on: a msg from an <code>http in</code> node must not make the node read local files or fetch internal addresses.</p>" : ""}
  <h3>References</h3>
  <ul>
    <li><a href="https://huggingface.co/tasks/${row.task}">${row.task}</a> on Hugging Face</li>
    <li><a href="https://huggingface.co/models?pipeline_tag=${row.task}&inference_provider=all">Models</a> served by inference providers</li>
  </ul>
</script>`;
}
