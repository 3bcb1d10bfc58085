import { Binary, binaryInputKind, describeValue, sniffContentType } from "../binary";
import { InferenceClientInputError, InferenceClientProviderOutputError } from "../errors";
import type { ProviderAnswer } from "../providers/types";

/** Small shared checks for task definitions: inputs fail fast, outputs fail loudly. */

export interface Label {
  label: string;
  score: number;
}

export function isLabelList(value: unknown): value is Label[] {
  return Array.isArray(value) && value.every((x) => typeof x?.label === "string" && typeof x?.score === "number");
}

/** Highest score first, as every classification output is presented. */
export function sortByScore<T extends { score: number }>(list: T[]): T[] {
  return [...list].sort((a, b) => b.score - a.score);
}

export function malformed(task: string, expected: string): InferenceClientProviderOutputError {
  return new InferenceClientProviderOutputError(`Received malformed response from ${task} API: expected ${expected}`);
}

export function requireText(value: unknown, field = "inputs"): void {
  if (typeof value !== "string") {
    throw new InferenceClientInputError(`Expected "${field}" to be a string, got ${value === null ? "null" : typeof value}`);
  }
  if (!value.trim()) throw new InferenceClientInputError(`"${field}" is empty`);
}

export function requireTextOrTexts(value: unknown, field = "inputs"): void {
  if (Array.isArray(value)) {
    if (!value.length) throw new InferenceClientInputError(`"${field}" is an empty array`);
    value.forEach((v, i) => requireText(v, `${field}[${i}]`));
    return;
  }
  requireText(value, field);
}

export function jsonOf(answer: ProviderAnswer, task: string): unknown {
  if (answer.json === undefined) throw malformed(task, `JSON, got ${answer.head.contentType || "no content type"}`);
  return answer.json;
}

/** A binary answer (image, audio, video) as a Blob; JSON answers carrying base64 are decoded. */
export function blobOf(answer: ProviderAnswer, task: string): Blob {
  if (answer.blob) return answer.blob;
  const json = answer.json as { data?: Array<{ b64_json?: string }>; image?: string; audio?: string } | undefined;
  const b64 = json?.data?.[0]?.b64_json;
  if (typeof b64 === "string") return base64Blob(b64);
  throw malformed(task, "binary data");
}

export function base64Blob(b64: string, type?: string): Blob {
  const match = /^data:([^;,]+);base64,(.*)$/s.exec(b64);
  const bytes = Buffer.from(match ? match[2] : b64, "base64");
  return new Blob([bytes as Uint8Array<ArrayBuffer>], { type: match?.[1] ?? type ?? sniffOr(bytes) });
}

function sniffOr(bytes: Uint8Array): string {
  return sniffContentType(bytes) ?? "application/octet-stream";
}

/** Largest binary input accepted before anything is sent: images and documents, then audio and video. */
export const MAX_INPUT_BYTES: Record<string, number> = {
  image: 25 * 1024 * 1024,
  document: 25 * 1024 * 1024,
  audio: 100 * 1024 * 1024,
  video: 100 * 1024 * 1024,
};

/**
 * Checks a binary input without reading the network or the disk: its kind, that it is not empty, not oversize,
 * and, for images and documents, that its bytes are an image format providers take. Blobs are checked by
 * declared type; URLs and paths are checked once read (by the engine).
 */
export function requireBinary(value: unknown, what: "image" | "audio" | "document" | "video", field = "inputs"): void {
  const kind = binaryInputKind(value);
  if (!kind) {
    throw new InferenceClientInputError(
      `Expected "${field}" to be the ${what} as a Blob, ArrayBuffer, Buffer, base64 string or data URL, got ${describeValue(value)}`,
    );
  }
  if (kind === "url" || kind === "path") return;
  const head = leadingBytes(value, kind);
  if (head.size === 0) throw new InferenceClientInputError(`The ${what} "${field}" is empty (0 bytes)`);
  const max = MAX_INPUT_BYTES[what];
  if (head.size > max) {
    throw new InferenceClientInputError(
      `The ${what} "${field}" is ${mib(head.size)} MiB; the largest accepted is ${mib(max)} MiB`,
    );
  }
  if (what !== "image" && what !== "document") return;
  const type = head.bytes ? sniffContentType(head.bytes) : head.declared || undefined;
  if (head.bytes && !type?.startsWith("image/")) {
    throw new InferenceClientInputError(
      `The ${what} "${field}" is not a known image format (expected PNG, JPEG, GIF, WebP, BMP, TIFF, AVIF or HEIC` +
        (type ? `, got ${type}` : "") +
        ")",
    );
  }
  if (!head.bytes && type && !type.startsWith("image/")) {
    throw new InferenceClientInputError(`The ${what} "${field}" is a ${type} Blob; expected an image`);
  }
}

/**
 * Audio or video read from a file or URL whose bytes are plain text (a config file, JSON, an environment dump) is
 * refused: no provider transcribes text, and such a file must not be posted as "audio". Formats the sniffer does not
 * know are binary and pass, so this is never stricter than a provider.
 */
export function refuseTextAsMedia(binary: Binary, what: string, field: string): void {
  if (what !== "audio" && what !== "video") return;
  const head = binary.bytes.subarray(0, 512);
  if (sniffContentType(head) || !head.every((b) => b === 0x09 || b === 0x0a || b === 0x0d || (b >= 0x20 && b !== 0x7f))) return;
  throw new InferenceClientInputError(`The ${what} "${field}" is text, not ${what}`);
}

function mib(n: number): string {
  return (n / 1024 / 1024).toFixed(1).replace(/\.0$/, "");
}

/** Size and first bytes of an in-memory binary input (Blobs only have a size and a declared type). */
function leadingBytes(value: unknown, kind: string): { size: number; bytes?: Uint8Array; declared?: string } {
  if (value instanceof Binary) return { size: value.bytes.byteLength, bytes: value.bytes.subarray(0, 32), declared: value.declaredType };
  if (value instanceof Blob) return { size: value.size, declared: value.type };
  if (value instanceof ArrayBuffer) return { size: value.byteLength, bytes: new Uint8Array(value, 0, Math.min(32, value.byteLength)) };
  if (ArrayBuffer.isView(value)) {
    return { size: value.byteLength, bytes: new Uint8Array(value.buffer, value.byteOffset, Math.min(32, value.byteLength)) };
  }
  let b64 = (value as string).trim();
  if (kind === "data-url") {
    const match = /^data:([^;,]*)(?:;[^;,]*)*?(;base64)?,(.*)$/is.exec(b64);
    if (!match) throw new InferenceClientInputError("Invalid data URL");
    if (!match[2]) {
      const bytes = Buffer.from(decodeURIComponent(match[3]), "utf8");
      return { size: bytes.length, bytes: bytes.subarray(0, 32) };
    }
    b64 = match[3];
  }
  const body = b64.replace(/[\r\n]/g, "");
  const size = Math.floor((body.replace(/=+$/, "").length * 3) / 4);
  return { size, bytes: Buffer.from(body.slice(0, 44), "base64") };
}

export function requireObject(value: unknown, field: string, expected: string): Record<string, unknown> {
  if (!value || typeof value !== "object" || Array.isArray(value) || ArrayBuffer.isView(value) || value instanceof Blob) {
    throw new InferenceClientInputError(`Expected "${field}" to be ${expected}, got ${describeValue(value)}`);
  }
  return value as Record<string, unknown>;
}

/** A non-empty list of non-empty strings. */
export function requireTexts(value: unknown, field: string): void {
  if (!Array.isArray(value) || !value.length) {
    throw new InferenceClientInputError(`Expected "${field}" to be a non-empty array of strings, got ${describeValue(value)}`);
  }
  value.forEach((v, i) => requireText(v, `${field}[${i}]`));
}

/** A table as column name -> cell values, every column as long as the others. */
export function requireColumns(value: unknown, field: string): void {
  const table = requireObject(value, field, "a table: an object of column name -> array of values");
  const columns = Object.entries(table);
  if (!columns.length) throw new InferenceClientInputError(`"${field}" has no columns`);
  let rows: number | undefined;
  for (const [name, cells] of columns) {
    if (!Array.isArray(cells)) {
      throw new InferenceClientInputError(`Expected column "${field}.${name}" to be an array of values, got ${describeValue(cells)}`);
    }
    if (rows !== undefined && cells.length !== rows) {
      throw new InferenceClientInputError(`Column "${field}.${name}" has ${cells.length} values; the others have ${rows}`);
    }
    rows = cells.length;
  }
}

/** The candidate labels of a zero-shot task, from `parameters.candidate_labels`. */
export function requireCandidateLabels(args: Record<string, unknown>): void {
  const parameters = args.parameters as Record<string, unknown> | undefined;
  const labels = parameters?.candidate_labels;
  if (!Array.isArray(labels) || !labels.length || labels.some((l) => typeof l !== "string" || !l.trim())) {
    throw new InferenceClientInputError(
      `Expected "parameters.candidate_labels" to be a non-empty array of strings, got ${describeValue(labels)}`,
    );
  }
}

/** Copies a composite `inputs` object, so checks and base64 conversion never touch the caller's object. */
export function ownInputs(args: Record<string, unknown>, expected: string): Record<string, unknown> {
  const inputs = { ...requireObject(args.inputs, "inputs", expected) };
  args.inputs = inputs;
  return inputs;
}

export function isNumberList(value: unknown): value is number[] {
  return Array.isArray(value) && value.every((x) => typeof x === "number");
}

/** An hf-inference list answer: one item unwraps (as the reference does), several stay a list in input order. */
export function oneOrMany<T>(answer: ProviderAnswer, task: string, check: (item: Record<string, unknown>) => boolean, expected: string): T | T[] {
  const json = jsonOf(answer, task);
  if (Array.isArray(json) && json.length && json.every(check)) return json.length === 1 ? (json[0] as T) : (json as T[]);
  if (!Array.isArray(json) && check(json as Record<string, unknown>)) return json as T;
  throw malformed(task, expected);
}

export function hasString(item: unknown, field: string): boolean {
  return !!item && typeof item === "object" && typeof (item as Record<string, unknown>)[field] === "string";
}

/** A label list answer, highest score first. */
export function labelsOf(answer: ProviderAnswer, task: string): Label[] {
  const json = jsonOf(answer, task);
  if (!isLabelList(json)) throw malformed(task, "Array<{label: string, score: number}>");
  return sortByScore(json);
}

type ItemCheck = (item: Record<string, unknown>) => boolean;

/** The first element of an hf-inference list answer (or the answer itself when it is one object), checked. */
export function firstOf<T>(answer: ProviderAnswer, task: string, check: ItemCheck, expected: string): T {
  const json = jsonOf(answer, task);
  const ok = Array.isArray(json) ? json.length > 0 && json.every(check) : check(json as Record<string, unknown>);
  if (!ok) throw malformed(task, expected);
  return (Array.isArray(json) ? json[0] : json) as T;
}
