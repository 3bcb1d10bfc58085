/** MCP content as flows want it: text as text, images and audio as Buffers. */

interface ContentItem {
  type: string;
  text?: string;
  data?: string;
  mimeType?: string;
  [key: string]: unknown;
}

export interface ToolResultLike {
  content?: ContentItem[];
  structuredContent?: unknown;
  isError?: boolean;
}

/** A copy of the content with each image / audio `data` decoded to a Buffer. */
export function contentWithBuffers(content: ContentItem[] | undefined): ContentItem[] {
  return (content ?? []).map((item) =>
    (item.type === "image" || item.type === "audio") && typeof item.data === "string"
      ? { ...item, data: Buffer.from(item.data, "base64") }
      : item,
  ) as ContentItem[];
}

/**
 * msg.payload for a tool result: the text parts joined by newlines; without text, the one Buffer (or the list of
 * Buffers) of its images / audio; else the structured content; else "".
 */
export function payloadOf(result: ToolResultLike, content: ContentItem[]): { payload: unknown; contentType?: string } {
  const texts = content.filter((c) => c.type === "text" && typeof c.text === "string").map((c) => c.text as string);
  if (texts.length) return { payload: texts.join("\n") };
  const binaries = content.filter((c) => (c.type === "image" || c.type === "audio") && Buffer.isBuffer(c.data));
  if (binaries.length === 1) return { payload: binaries[0].data, contentType: binaries[0].mimeType };
  if (binaries.length > 1) return { payload: binaries.map((b) => b.data) };
  if (result.structuredContent !== undefined) return { payload: result.structuredContent };
  return { payload: "" };
}
