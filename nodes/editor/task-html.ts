import { LOCAL_PROVIDER, LOCAL_TASK_IDS, OPENAI_ENDPOINT_TASKS, PACKAGE_NAME, providersForTask } from "../../lib";
import { TASK_NODES, nodeType, outputCount, type TaskNodeRow } from "../task-table";
import type { ExtraField } from "../task-table/types";
import { PALETTE } from "./common";
import { paletteRank } from "./palette-order";

/**
 * Produces `hf-tasks.html` from the node task table: one editor registration, one form and one help page per
 * row. Run at build time; the output is what Node-RED's editor loads.
 */
export function renderTaskNodesHtml(tableRows: TaskNodeRow[] = TASK_NODES): string {
  // Registered in palette order (families), not table order: the palette shows types in registration order.
  const rows = [...tableRows].sort((a, b) => paletteRank(nodeType(a)) - paletteRank(nodeType(b)));
  const editorRows = rows.map((row) => ({
    type: nodeType(row),
    task: row.task,
    paletteLabel: row.paletteLabel,
    binaryInput: hasBinaryInput(row),
    providers: [...providersForTask(row.task), ...(LOCAL_TASK_IDS.includes(row.task) ? [LOCAL_PROVIDER] : [])],
    openAiServes: OPENAI_ENDPOINT_TASKS.includes(row.task),
  }));
  return [
    // Shared editor scripts (model picker, preview), served from the module's resources/ folder.
    `<script src="resources/${PACKAGE_NAME}/model-picker.js"></script>\n<script src="resources/${PACKAGE_NAME}/preview.js"></script>`,
    `<script type="text/javascript">\n(function () {\n  var ROWS = ${JSON.stringify(editorRows)};\n${EDITOR_JS}\n${rows.map(renderRegistration).join("\n")}\n})();\n</script>`,
    ...rows.map(renderForm),
    // Help pages are localised: locales/<lang>/hf-tasks.html, written by locale-html.ts.
  ].join("\n\n");
}

/**
 * One literal `RED.nodes.registerType("hf-...", {...})` per row, with literal defaults, as Node-RED's own nodes
 * are written (and as node-red-dev validate reads them); the behaviour is shared through the helpers above.
 */
function renderRegistration(row: TaskNodeRow): string {
  const type = nodeType(row);
  const extra = (row.fields ?? []).map((f) => `\n      ${JSON.stringify(f.name)}: { value: ${f.type === "checkbox" ? "false" : '""'} },`).join("");
  const preview = hasBinaryOutput(row) ? `\n      preview: { value: false },` : "";
  const outputLabels = row.streaming ? `\n    outputLabels: ["text pieces (streaming)", "result"],` : "";
  return `  RED.nodes.registerType("${type}", {
    category: "${PALETTE.category}",
    color: "${PALETTE.color}",
    defaults: {
      name: { value: "" },
      config: { value: "", type: "hf-config", required: true },
      model: { value: "" },
      provider: { value: "", validate: providerCheck("${type}") },
      parameters: { value: "", validate: isJsonObject },
      allowUrlInputs: { value: false },${extra}${preview}
    },
    inputs: 1,
    outputs: ${outputCount(row)},${outputLabels}
    icon: "hf-${row.family}.svg",
    paletteLabel: function () { return paletteLabel(this); },
    label: function () { return nodeLabel(this); },
    labelStyle: function () { return this.name ? "node_label_italic" : ""; },
    oneditprepare: function () { prepareForm(this); }
  });`;
}

/** A result the editor can preview under the node (an image, audio): a Buffer in msg.payload. */
export function hasBinaryOutput(row: TaskNodeRow): boolean {
  return row.output.kind === "binary" || (row.output.kind === "binaryItems" && row.output.first === true);
}

export function hasBinaryInput(row: TaskNodeRow): boolean {
  const input = row.input;
  if (input.kind === "binary") return true;
  return input.kind === "composite" && input.fields.some((f) => f.slot.kind === "binary");
}

const EDITOR_JS = `
  var ROWS_BY_TYPE = {};
  ROWS.forEach(function (row) { ROWS_BY_TYPE[row.type] = row; });
  function isJsonObject(v) {
    if (!v || !String(v).trim()) return true;
    try { var o = JSON.parse(v); return !!o && typeof o === "object" && !Array.isArray(o); } catch (e) { return false; }
  }
  /** A provider that does not serve this task marks the node invalid (red triangle, deploy warning). */
  function providerCheck(type) {
    return function (v) {
      var row = ROWS_BY_TYPE[type];
      if (!v || row.providers.indexOf(v) >= 0) return true;
      return this && this._ ? this._("hf-tasks.provider.notServing", { provider: v }) : false;
    };
  }
  /** The palette label in the editor's language (catalog hf-tasks.palette.<task>), else the table's. */
  function paletteLabel(def) {
    var row = ROWS_BY_TYPE[def.type] || {};
    var key = "hf-tasks.palette." + row.task;
    var text = def._ ? def._(key) : key;
    // A non-breaking hyphen: the palette breaks labels at "-" and shows "zero - shot".
    return (text && text !== key ? text : row.paletteLabel).replace(/-/g, "\u2011");
  }
  function nodeLabel(def) {
    return def.name || (def.model ? paletteLabel(def) + ": " + def.model.split("/").pop() : paletteLabel(def));
  }
  function prepareForm(def) {
    var row = ROWS_BY_TYPE[def.type];
    var select = $("#node-input-provider");
    row.providers.forEach(function (p) { select.append($("<option></option>").val(p).text(p)); });
    if (def.provider && row.providers.indexOf(def.provider) < 0) {
      select.append($("<option></option>").val(def.provider).text(def._("hf-tasks.provider.notServing", { provider: def.provider })));
    }
    select.val(def.provider || "");
    $("#node-input-parameters").typedInput({ default: "json", types: ["json"] });
    if (!row.binaryInput) $(".hf-row-allow-url").hide();
    // An account with an OpenAI-style endpoint URL (.../v1) cannot serve most tasks: say so here, not after a 404.
    function endpointHint() {
      var account = RED.nodes.node($("#node-input-config").val());
      var v1 = false;
      try { v1 = new URL(((account && account.endpointUrl) || "").trim()).pathname.split("/").indexOf("v1") !== -1; } catch (e) { v1 = false; }
      $(".hf-row-endpoint").toggle(!row.openAiServes && v1);
    }
    $("#node-input-config").on("change", endpointHint);
    endpointHint();
    if (window.HfModelPicker) {
      HfModelPicker.attach({
        input: "#node-input-model",
        task: row.task,
        provider: function () { return $("#node-input-provider").val(); },
        config: function () { return $("#node-input-config").val(); }
      });
    }
  }`;

function renderForm(row: TaskNodeRow): string {
  const type = nodeType(row);
  const extra = (row.fields ?? []).map((f) => renderField(f, row)).join("\n");
  return `<script type="text/html" data-template-name="${type}">
  <div class="form-row"><label for="node-input-name"><i class="fa fa-tag"></i> <span data-i18n="hf-tasks.label.name"></span></label><input type="text" id="node-input-name" data-i18n="[placeholder]hf-tasks.placeholder.name"></div>
  <div class="form-row"><label for="node-input-config"><i class="fa fa-key"></i> <span data-i18n="hf-tasks.label.config"></span></label><input type="text" id="node-input-config"></div>
  <div class="form-row"><label for="node-input-model"><i class="fa fa-cube"></i> <span data-i18n="hf-tasks.label.model"></span></label><input type="text" id="node-input-model" data-i18n="[placeholder]hf-tasks.placeholder.model"></div>
  <div class="form-tips hf-row-endpoint" style="display:none" data-i18n="hf-tasks.endpointNotServing"></div>
  <div class="form-row"><label for="node-input-provider"><i class="fa fa-server"></i> <span data-i18n="hf-tasks.label.provider"></span></label><select id="node-input-provider" style="width:70%"><option value="" data-i18n="hf-tasks.provider.fromAccount"></option></select></div>
${extra}
  <div class="form-row"><label for="node-input-parameters"><i class="fa fa-sliders"></i> <span data-i18n="hf-tasks.label.parameters"></span></label><input type="text" id="node-input-parameters" placeholder="{}" style="width:70%"></div>
  <div class="form-row hf-row-allow-url"><label for="node-input-allowUrlInputs">&nbsp;</label><input type="checkbox" id="node-input-allowUrlInputs" style="width:auto;margin:0 6px 0 0;vertical-align:middle"><span data-i18n="hf-tasks.label.allowUrlInputs"></span></div>${
    hasBinaryOutput(row)
      ? `\n  <div class="form-row"><label for="node-input-preview"><i class="fa fa-picture-o"></i> <span data-i18n="hf-tasks.label.preview"></span></label><input type="checkbox" id="node-input-preview" style="width:auto;margin:0 6px 0 0;vertical-align:middle"><span data-i18n="hf-tasks.label.previewCheckbox"></span></div>`
      : ""
  }
</script>`;
}

function renderField(field: ExtraField, row: TaskNodeRow): string {
  const id = `node-input-${field.name}`;
  // Catalog keys generated from the table (locale-html.ts): hf-tasks.field.<task>.<name>, fieldPlaceholder.<task>.<name>.
  const i18nPlaceholder = field.placeholder ? ` data-i18n="[placeholder]hf-tasks.fieldPlaceholder.${row.task}.${field.name}"` : "";
  if (field.type === "checkbox") {
    return `  <div class="form-row"><label for="${id}"><span data-i18n="hf-tasks.field.${row.task}.${field.name}"></span></label><input type="checkbox" id="${id}" style="width:auto;margin:0 6px 0 0;vertical-align:middle"></div>`;
  }
  const input =
    field.type === "textarea"
      ? `<textarea id="${id}" rows="3" style="width:70%"${i18nPlaceholder}></textarea>`
      : `<input type="${field.type === "number" ? "number" : "text"}" id="${id}"${i18nPlaceholder}>`;
  return `  <div class="form-row"><label for="${id}"><span data-i18n="hf-tasks.field.${row.task}.${field.name}"></span></label>${input}</div>`;
}
