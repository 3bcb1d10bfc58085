import { binaryInputKind, describeValue, InferenceClientInputError, toBinary } from "../../lib";
import { isImageType } from "../../lib/binary";
import { MAX_INPUT_BYTES } from "../../lib/tasks/checks";
import type { ChatCompletionInputMessage, ChatCompletionInputMessageChunk } from "../../lib";
import type { InputPolicy } from "../shared/input-policy";
import type { NodeMessage } from "../shared/red";
import type { StoredMessage } from "./memory";

/** What one msg asks for: the messages of this turn, and parameters given beside them in the payload. */
export interface ChatTurn {
  messages: ChatCompletionInputMessage[];
  params: Record<string, unknown>;
}

/**
 * Reads a msg into this turn's messages. `msg.payload` may be a string (a user message), an array of OpenAI
 * messages, one message object, `{messages, ...parameters}`, or an image Buffer with the text in `msg.prompt`.
 * Images in `msg.images` are added to the turn's last user message.
 */
/** URL / file images: off (false), or on within the settings' policy. */
export type UrlInputs = false | InputPolicy;

export async function turnFromMsg(msg: NodeMessage, allowUrlInputs: UrlInputs): Promise<ChatTurn> {
  const payload = msg.payload;
  let messages: ChatCompletionInputMessage[];
  let params: Record<string, unknown> = {};
  let images = listImages(msg.images);
  if (typeof payload === "string") {
    if (!payload.trim()) throw new InferenceClientInputError("msg.payload is an empty string");
    messages = [{ role: "user", content: payload }];
  } else if (Array.isArray(payload)) {
    messages = checkMessages(payload, "msg.payload");
  } else if (Buffer.isBuffer(payload) || payload instanceof Uint8Array) {
    const prompt = typeof msg.prompt === "string" && msg.prompt.trim() ? msg.prompt : "Describe this image.";
    messages = [{ role: "user", content: prompt }];
    images = [payload, ...images];
  } else if (isPlainObject(payload) && Array.isArray(payload.messages)) {
    const { messages: list, ...rest } = payload;
    messages = checkMessages(list as unknown[], "msg.payload.messages");
    params = rest;
  } else if (isPlainObject(payload) && typeof payload.role === "string") {
    messages = checkMessages([payload], "msg.payload");
  } else {
    throw new InferenceClientInputError(
      `Expected msg.payload to be a string, an array of chat messages or {messages: [...]}, got ${describeValue(payload)}`,
    );
  }
  messages = await Promise.all(messages.map((m, i) => normaliseMessage(m, `messages[${i}]`, allowUrlInputs)));
  if (images.length) messages = await attachImages(messages, images, allowUrlInputs);
  return { messages, params };
}

function listImages(images: unknown): unknown[] {
  if (images === undefined || images === null) return [];
  return Array.isArray(images) ? images : [images];
}

function checkMessages(list: unknown[], where: string): ChatCompletionInputMessage[] {
  if (!list.length) throw new InferenceClientInputError(`${where} is an empty array`);
  return list.map((m, i) => {
    if (!isPlainObject(m) || typeof m.role !== "string" || !m.role) {
      throw new InferenceClientInputError(`Expected ${where}[${i}] to be a chat message {role, content}, got ${describeValue(m)}`);
    }
    return { ...m } as ChatCompletionInputMessage;
  });
}

/**
 * Makes a message sendable: image parts holding Buffers or base64 become data URLs (URLs and paths only when
 * allowed), and tool calls whose arguments are objects (as this node outputs them) get them back as JSON text.
 */
async function normaliseMessage(m: ChatCompletionInputMessage, where: string, allowUrl: UrlInputs): Promise<ChatCompletionInputMessage> {
  const out = { ...m };
  if (Array.isArray(out.content)) {
    out.content = await Promise.all(
      out.content.map(async (part, i) => {
        if (!isPlainObject(part) || part.type !== "image_url") return part;
        const image = part.image_url as { url?: unknown } | undefined;
        const url = await imageUrl(image?.url ?? image, `${where}.content[${i}].image_url.url`, allowUrl);
        return { ...part, image_url: { ...(isPlainObject(image) ? image : {}), url } } as ChatCompletionInputMessageChunk;
      }),
    );
  }
  if (Array.isArray(out.tool_calls)) {
    out.tool_calls = out.tool_calls.map((call) => {
      const args = call?.function?.arguments as unknown;
      if (args === undefined || typeof args === "string") return call;
      return { ...call, function: { ...call.function, arguments: JSON.stringify(args) } };
    });
  }
  return out;
}

async function attachImages(messages: ChatCompletionInputMessage[], images: unknown[], allowUrl: UrlInputs) {
  const index = messages.map((m) => m.role).lastIndexOf("user");
  if (index < 0) throw new InferenceClientInputError("msg.images needs a user message to go with (none in msg.payload)");
  const parts: ChatCompletionInputMessageChunk[] = await Promise.all(
    images.map(async (img, i) => ({ type: "image_url", image_url: { url: await imageUrl(img, `msg.images[${i}]`, allowUrl) } })),
  );
  const target = messages[index];
  const content = target.content;
  const textParts: ChatCompletionInputMessageChunk[] =
    typeof content === "string" ? [{ type: "text", text: content }] : Array.isArray(content) ? content : [];
  const copy = [...messages];
  copy[index] = { ...target, content: [...textParts, ...parts] };
  return copy;
}

/** An image as the URL the chat API takes: a data URL for bytes, the URL itself when URLs are allowed. */
async function imageUrl(value: unknown, where: string, allowUrl: UrlInputs): Promise<string> {
  const kind = binaryInputKind(value);
  if (!kind) throw new InferenceClientInputError(`Expected ${where} to be an image (Buffer, base64 or data URL), got ${describeValue(value)}`);
  if ((kind === "url" || kind === "path") && !allowUrl) {
    throw new InferenceClientInputError(
      `${where} is a URL or file path; these are off (turn on "Allow URL / file inputs" in the node to allow them)`,
    );
  }
  // The provider fetches image URLs itself; bytes, base64 and files are sent inline.
  if (kind === "url") return (value as string).trim();
  // Files only from the settings' folders, and no larger than an image input may be.
  const files = allowUrl ? { fileDirs: allowUrl.fileInputDirs, maxFileBytes: MAX_INPUT_BYTES.image } : {};
  const binary = await toBinary(value, { what: "image", ...files });
  if (!isImageType(binary.type)) throw new InferenceClientInputError(`${where} is not an image (its bytes look like ${binary.type})`);
  return binary.toDataUrl();
}

/** What memory keeps of a user turn: the text, with images marked but not stored (they can be megabytes). */
export function forMemory(messages: ChatCompletionInputMessage[]): StoredMessage[] {
  return messages
    .filter((m) => m.role !== "system")
    .map((m) => {
      if (!Array.isArray(m.content)) return { ...m };
      const text = m.content.map((p) => (p.type === "text" ? (p.text ?? "") : p.type === "image_url" ? "[image]" : "")).filter(Boolean);
      return { ...m, content: text.join("\n") };
    });
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === "object" && !Array.isArray(value) && !ArrayBuffer.isView(value);
}
