import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import type { NodeMessage } from "../shared/red";
import { errorResult } from "./registry";

/**
 * The MCP result an `hf-tool-out` msg gives: `msg.toolError` (a string) an error result; a Buffer with an image or
 * audio `msg.contentType` that content (the model sees its type and size); any other Buffer an embedded blob; a
 * string as is; anything else as JSON.
 */
export function resultFromMsg(msg: NodeMessage): CallToolResult {
  if (typeof msg.toolError === "string" && msg.toolError) return errorResult(msg.toolError);
  const payload = msg.payload;
  if (Buffer.isBuffer(payload)) {
    const type = typeof msg.contentType === "string" ? msg.contentType.trim().toLowerCase() : "";
    const data = payload.toString("base64");
    if (type.startsWith("image/")) return { content: [{ type: "image", data, mimeType: type }] };
    if (type.startsWith("audio/")) return { content: [{ type: "audio", data, mimeType: type }] };
    return { content: [{ type: "resource", resource: { uri: "node-red://tool-result", blob: data, mimeType: type || "application/octet-stream" } }] };
  }
  if (typeof payload === "string") return { content: [{ type: "text", text: payload }] };
  if (payload === undefined) return { content: [] };
  return { content: [{ type: "text", text: JSON.stringify(payload) }] };
}
