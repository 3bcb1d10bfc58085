/**
 * The order of the pack's flow nodes in the palette, by family, in one place. Node-RED shows a category's nodes in
 * the order their types are registered: node files in the order of package.json "node-red".nodes, then the order
 * of the registrations inside each file. So: the build writes the task nodes (hf-tasks.html) in this order, and
 * package.json lists the node files in the order of their families here (test/nodes/palette-order.test.js checks
 * both, and the browser suite checks the palette itself).
 *
 * A new node type joins the family it belongs to (a new family goes where it reads best); its node file goes in
 * package.json where its family's place says.
 */
export const PALETTE_ORDER: ReadonlyArray<{ family: string; types: readonly string[] }> = [
  { family: "chat and agents", types: ["hf-chat", "hf-agent"] },
  {
    family: "text",
    types: [
      "hf-text-generation",
      "hf-text-classification",
      "hf-zero-shot-classification",
      "hf-token-classification",
      "hf-summarization",
      "hf-translation",
      "hf-question-answering",
      "hf-fill-mask",
      "hf-feature-extraction",
      "hf-sentence-similarity",
    ],
  },
  {
    family: "vision",
    types: [
      "hf-image-classification",
      "hf-zero-shot-image-classification",
      "hf-object-detection",
      "hf-image-segmentation",
      "hf-image-to-text",
      "hf-text-to-image",
      "hf-image-to-image",
    ],
  },
  { family: "audio", types: ["hf-automatic-speech-recognition", "hf-text-to-speech", "hf-audio-classification", "hf-audio-to-audio"] },
  { family: "video", types: ["hf-text-to-video", "hf-image-to-video"] },
  { family: "multimodal", types: ["hf-visual-question-answering", "hf-document-question-answering"] },
  { family: "tabular", types: ["hf-table-question-answering", "hf-tabular-classification", "hf-tabular-regression"] },
  { family: "MCP", types: ["hf-mcp-tool"] },
  { family: "tools", types: ["hf-tool-in", "hf-tool-out", "hf-mcp-endpoint"] },
];

/** Every type in palette order. */
export const PALETTE_TYPES: readonly string[] = PALETTE_ORDER.flatMap((f) => f.types);

/** Where a type sits in the palette; a type missing from the table sorts last (and fails the palette test). */
export function paletteRank(type: string): number {
  const i = PALETTE_TYPES.indexOf(type);
  return i < 0 ? PALETTE_TYPES.length : i;
}
