import { InferenceClientInputError } from "./errors";
import { readFileInput } from "./file-input";

/** What callers may pass wherever a task takes an image, audio clip or document. */
export type BinaryInput = Blob | ArrayBuffer | ArrayBufferView | string;

export type BinaryInputKind = "bytes" | "base64" | "data-url" | "url" | "path";

/** Normalised bytes with their content type; serialises to base64 inside JSON bodies. */
export class Binary {
  constructor(
    readonly bytes: Uint8Array,
    /** Sniffed from the bytes, else declared by the input, else `application/octet-stream`. */
    readonly type: string,
    /**
     * The type the input itself declared (a Blob's type, a data URL's), sent as the upload's Content-Type. Bytes
     * with no declared type go without one, as `@huggingface/inference` sends them; Node-RED nodes declare the
     * sniffed type of the Buffers they pass.
     */
    readonly declaredType = "",
  ) {}
  toBase64(): string {
    return Buffer.from(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength).toString("base64");
  }
  toDataUrl(): string {
    return `data:${this.type};base64,${this.toBase64()}`;
  }
  toBlob(): Blob {
    return new Blob([this.bytes as Uint8Array<ArrayBuffer>], { type: this.type });
  }
  /** The bytes as an upload (a multipart file part): typed only when the input declared its type. */
  toUploadBlob(): Blob {
    return new Blob([this.bytes as Uint8Array<ArrayBuffer>], { type: this.declaredType });
  }
  toJSON(): string {
    return this.toBase64();
  }
}

/** For each Blob the library made with its bytes kept (option `keepBlobBytes`), the bytes it was made from. */
const blobSources = new WeakMap<Blob, Uint8Array>();

/**
 * A result Blob. With `keepBytes`, the bytes it was made from stay reachable through it ({@link blobToBuffer}): a
 * caller that wants a Buffer anyway (a Node-RED node) then skips reading the Blob back, a third copy of what may be
 * a large file. Without it nothing is kept, so a Blob costs no more than its own copy.
 */
export function resultBlob(bytes: Uint8Array, type: string, keepBytes = false): Blob {
  const blob = new Blob([bytes as Uint8Array<ArrayBuffer>], { type });
  if (keepBytes) blobSources.set(blob, bytes);
  return blob;
}

/** A Blob's bytes as a Buffer: the bytes the library kept for it when it did, else read from the Blob. */
export async function blobToBuffer(blob: Blob): Promise<Buffer> {
  const kept = blobSources.get(blob);
  if (kept) return Buffer.from(kept.buffer, kept.byteOffset, kept.byteLength);
  return Buffer.from(await blob.arrayBuffer());
}

const BASE64 = /^[A-Za-z0-9+/\r\n]+={0,2}$|^[A-Za-z0-9\-_\r\n]+={0,2}$/;

/**
 * Says what a binary input is without touching the network or the disk, so a caller (a Node-RED node) can refuse
 * URLs and paths before anything is read. A string is a data URL, an http(s) URL, base64 (long enough and only
 * base64 characters: a JPEG's base64 starts with "/9j/", so a leading slash alone does not make a path), or a path.
 */
export function binaryInputKind(input: unknown): BinaryInputKind | undefined {
  if (input instanceof Binary || input instanceof Blob || input instanceof ArrayBuffer || ArrayBuffer.isView(input)) return "bytes";
  if (typeof input !== "string") return undefined;
  const s = input.trim();
  if (/^data:/i.test(s)) return "data-url";
  if (/^https?:\/\//i.test(s)) return "url";
  if (/^file:\/\//i.test(s)) return "path";
  if (s.length >= 16 && s.length % 4 !== 1 && BASE64.test(s)) return "base64";
  return "path";
}

export interface ToBinaryOptions {
  /** Downloads a URL input (without our credentials); given by the client so it uses its dispatcher. */
  download?: (url: string) => Promise<Binary>;
  /** What the input is, for error messages ("image", "audio"). */
  what?: string;
  /** Folders a file path input may be read from (undefined: any); see `readFileInput`. */
  fileDirs?: string[];
  /** Largest file path input read. Default 256 MiB. */
  maxFileBytes?: number;
}

export async function toBinary(input: unknown, opts: ToBinaryOptions = {}): Promise<Binary> {
  const what = opts.what ?? "binary input";
  if (input instanceof Binary) return nonEmpty(input, what);
  const kind = binaryInputKind(input);
  let bytes: Uint8Array;
  let declared = "";
  switch (kind) {
    case "bytes":
      if (input instanceof Blob) {
        declared = input.type;
        bytes = new Uint8Array(await input.arrayBuffer());
      } else if (input instanceof ArrayBuffer) {
        bytes = new Uint8Array(input);
      } else {
        const view = input as ArrayBufferView;
        bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
      }
      break;
    case "data-url": {
      const match = /^data:([^;,]*)((?:;[^;,]*)*?)(;base64)?,(.*)$/is.exec((input as string).trim());
      if (!match) throw new InferenceClientInputError(`Invalid data URL for ${what}`);
      declared = match[1];
      bytes = match[3] ? Buffer.from(match[4], "base64") : Buffer.from(decodeURIComponent(match[4]), "utf8");
      break;
    }
    case "base64":
      bytes = Buffer.from((input as string).trim(), "base64");
      break;
    case "url":
      if (!opts.download) throw new InferenceClientInputError(`URL inputs are not allowed for ${what}`);
      return nonEmpty(await opts.download((input as string).trim()), what);
    case "path":
      bytes = await readFileInput(input as string, { what, dirs: opts.fileDirs, maxBytes: opts.maxFileBytes ?? 256 * 1024 * 1024 });
      break;
    default:
      throw new InferenceClientInputError(
        `Expected ${what} as a Blob, ArrayBuffer, Buffer, base64 string, data URL, URL or file path; got ${describeValue(input)}`,
      );
  }
  return nonEmpty(new Binary(bytes, sniffContentType(bytes) ?? (declared || "application/octet-stream"), declared), what);
}

function nonEmpty(binary: Binary, what: string): Binary {
  if (binary.bytes.byteLength === 0) throw new InferenceClientInputError(`The ${what} is empty (0 bytes)`);
  return binary;
}

export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? (value.constructor?.name ?? "an object") : typeof value;
}

function startsWith(bytes: Uint8Array, signature: number[], offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false;
  return signature.every((b, i) => b < 0 || bytes[offset + i] === b);
}

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** Magic numbers of the formats providers take and return. */
const SIGNATURES: Array<[string, number[], number?]> = [
  ["image/png", [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ["image/jpeg", [0xff, 0xd8, 0xff]],
  ["image/gif", ascii("GIF8")],
  ["image/webp", [...ascii("RIFF"), -1, -1, -1, -1, ...ascii("WEBP")]],
  ["audio/wav", [...ascii("RIFF"), -1, -1, -1, -1, ...ascii("WAVE")]],
  ["image/bmp", ascii("BM")],
  ["image/tiff", [0x49, 0x49, 0x2a, 0x00]],
  ["image/tiff", [0x4d, 0x4d, 0x00, 0x2a]],
  ["audio/flac", ascii("fLaC")],
  ["audio/ogg", ascii("OggS")],
  ["audio/mpeg", ascii("ID3")],
  ["application/pdf", ascii("%PDF")],
  ["video/webm", [0x1a, 0x45, 0xdf, 0xa3]],
];

export function sniffContentType(bytes: Uint8Array): string | undefined {
  for (const [type, signature, offset] of SIGNATURES) {
    if (startsWith(bytes, signature, offset ?? 0)) return type;
  }
  // MPEG audio frame sync (MP3 without an ID3 tag).
  if (bytes.length > 2 && bytes[0] === 0xff && (bytes[1] & 0xe0) === 0xe0 && bytes[1] !== 0xff) return "audio/mpeg";
  // ISO BMFF: "ftyp" at offset 4, brand tells audio from video.
  if (startsWith(bytes, ascii("ftyp"), 4)) {
    const brand = String.fromCharCode(...bytes.slice(8, 12));
    if (/^M4A|^M4B/.test(brand)) return "audio/mp4";
    if (/^avif/.test(brand)) return "image/avif";
    if (/^hei|^mif1/.test(brand)) return "image/heic";
    return "video/mp4";
  }
  return undefined;
}

/** A Buffer-like input as a typed Binary (no copy): what a caller that knows its bytes' type hands the library. */
export function typedBinary(bytes: Uint8Array): Binary {
  const type = sniffContentType(bytes);
  return new Binary(bytes, type ?? "application/octet-stream", type ?? "");
}

export function isImageType(type: string): boolean {
  return type.startsWith("image/");
}
