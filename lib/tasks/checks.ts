import { sniffContentType } from "../binary";
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
