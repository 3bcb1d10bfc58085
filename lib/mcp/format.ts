import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";

/** Default cap on the text of one tool result handed to a model (characters). */
export const DEFAULT_MAX_RESULT_CHARS = 50_000;

/**
 * A tool result as text for a model, as Tiny Agents formats it: text as is, binary content summarised (type and
 * size, never the bytes), and the whole cut to `maxChars` with a note saying how much was left out.
 */
export function formatToolResult(result: CallToolResult, maxChars = DEFAULT_MAX_RESULT_CHARS): string {
  const parts: string[] = [];
  for (const item of result.content ?? []) {
    switch (item.type) {
      case "text":
        parts.push(item.text);
        break;
      case "image":
      case "audio":
        parts.push(`[Binary Content: ${item.type === "image" ? "Image" : "Audio"} ${item.mimeType}, ${base64Size(item.data)} bytes]`);
        break;
      case "resource": {
        const r = item.resource as { uri?: string; text?: string; blob?: string; mimeType?: string };
        if (typeof r.text === "string") parts.push(r.text);
        else if (typeof r.blob === "string") {
          parts.push(`[Binary Content${r.uri ? ` (${r.uri})` : ""}: ${r.mimeType ?? "unknown type"}, ${base64Size(r.blob)} bytes]`);
        }
        break;
      }
      case "resource_link":
        parts.push(`[Resource: ${item.uri}${item.name ? ` (${item.name})` : ""}]`);
        break;
    }
  }
  if (!parts.length && result.structuredContent) parts.push(JSON.stringify(result.structuredContent));
  let text = parts.length ? parts.join("\n") : "[No content]";
  if (result.isError) text = `Error: ${text}`;
  return capText(text, maxChars);
}

/** Cuts `text` to `maxChars`, saying so at the end (the note is counted in the limit). */
export function capText(text: string, maxChars: number): string {
  if (!(maxChars > 0) || text.length <= maxChars) return text;
  const note = `\n[... truncated: ${text.length - maxChars} more characters of ${text.length}]`;
  return text.slice(0, Math.max(0, maxChars - note.length)) + note;
}

function base64Size(data: string): number {
  const clean = data.includes(",") ? data.slice(data.indexOf(",") + 1) : data;
  const padding = clean.endsWith("==") ? 2 : clean.endsWith("=") ? 1 : 0;
  return Math.max(0, Math.floor((clean.length * 3) / 4) - padding);
}
