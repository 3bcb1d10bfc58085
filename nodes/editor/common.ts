/** The palette look shared by every node of the pack. */
export const PALETTE = {
  category: "Hugging Face",
  /** From Node-RED's own palette colours, so the nodes sit well beside core nodes. */
  color: "#FFCC66",
};

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
