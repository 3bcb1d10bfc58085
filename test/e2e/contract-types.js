"use strict";
// The node types the product contract (shared/CONTRACT.md, "The nodes") promises, in one place. The e2e and
// browser suites check each is registered by a real Node-RED; a type missing here or there fails them.
const CONFIG_TYPES = ["hf-config", "hf-mcp-server", "hf-memory"];

const TASK_TYPES = [
  "hf-audio-classification",
  "hf-audio-to-audio",
  "hf-automatic-speech-recognition",
  "hf-document-question-answering",
  "hf-feature-extraction",
  "hf-fill-mask",
  "hf-image-classification",
  "hf-image-segmentation",
  "hf-image-to-image",
  "hf-image-to-text",
  "hf-image-to-video",
  "hf-object-detection",
  "hf-question-answering",
  "hf-sentence-similarity",
  "hf-summarization",
  "hf-table-question-answering",
  "hf-tabular-classification",
  "hf-tabular-regression",
  "hf-text-classification",
  "hf-text-generation",
  "hf-text-to-image",
  "hf-text-to-speech",
  "hf-text-to-video",
  "hf-token-classification",
  "hf-translation",
  "hf-visual-question-answering",
  "hf-zero-shot-classification",
  "hf-zero-shot-image-classification",
];

const FLOW_TYPES = ["hf-chat", "hf-mcp-tool", "hf-agent", "hf-tool-in", "hf-tool-out", "hf-mcp-endpoint", ...TASK_TYPES];

module.exports = { CONFIG_TYPES, TASK_TYPES, FLOW_TYPES, ALL_TYPES: [...CONFIG_TYPES, ...FLOW_TYPES] };
