import { constants } from "node:fs";
import { open, realpath, stat } from "node:fs/promises";
import { isAbsolute, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { InferenceClientInputError } from "./errors";

export interface FileInputLimits {
  /** Folders files may be read from (symbolic links resolved); undefined: any file the process can read. */
  dirs?: string[];
  /** Largest file accepted: a larger one is refused before it is read, or as soon as reading passes it. */
  maxBytes: number;
  what: string;
}

/**
 * Reads a file input (a path or a `file://` URL) within the limits: the real path (links resolved, so a link
 * inside an allowed folder cannot lead outside it) must lie in an allowed folder, and no more than `maxBytes` + 1
 * bytes are ever read (`stat` first; files that do not know their size, as in /proc, are cut off while reading).
 */
export async function readFileInput(input: string, limits: FileInputLimits): Promise<Uint8Array> {
  const { what, maxBytes } = limits;
  const path = filePath(input, what);
  const real = await realpath(path).catch((err) => {
    throw unreadable(what, path, err);
  });
  if (limits.dirs && !(await insideAny(real, limits.dirs))) {
    throw new InferenceClientInputError(
      `Cannot read ${what} from "${path}": it is outside the folders file inputs may read from ` +
        `(fileInputDirs; in Node-RED, hfInference.fileInputDirs in settings.js)`,
    );
  }
  // Checked before opening too: opening a FIFO would wait for a writer.
  const kind = await stat(real).catch((err) => {
    throw unreadable(what, path, err);
  });
  if (!kind.isFile()) throw new InferenceClientInputError(`Cannot read ${what} from "${path}": not a regular file`);
  // O_NOFOLLOW: the real path has no link left, so one appearing now is a swap made after the check.
  const file = await open(real, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0)).catch((err) => {
    throw unreadable(what, path, err);
  });
  try {
    const { size: declared } = await file.stat();
    if (declared > maxBytes) throw tooBig(what, path, declared, maxBytes);
    // Read in pieces up to one byte past the limit, whatever stat said (files in /proc say 0).
    const chunks: Buffer[] = [];
    let size = 0;
    while (size <= maxBytes) {
      const chunk = Buffer.allocUnsafe(Math.min(Math.max(declared + 1 - size, 64 * 1024), maxBytes + 1 - size));
      const { bytesRead } = await file.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      size += bytesRead;
    }
    if (size > maxBytes) throw tooBig(what, path, size, maxBytes);
    return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size);
  } finally {
    await file.close().catch(() => undefined);
  }
}

function filePath(input: string, what: string): string {
  const s = input.trim();
  if (!/^file:/i.test(s)) return resolve(s);
  try {
    return fileURLToPath(s);
  } catch {
    throw new InferenceClientInputError(`Invalid file URL for ${what}: only file:///absolute/path URLs are read`);
  }
}

async function insideAny(real: string, dirs: string[]): Promise<boolean> {
  for (const dir of dirs) {
    const root = await realpath(resolve(dir)).catch(() => undefined);
    if (!root) continue;
    const rel = relative(root, real);
    if (rel === "" || (!rel.startsWith(".." + sep) && rel !== ".." && !isAbsolute(rel))) return true;
  }
  return false;
}

function unreadable(what: string, path: string, err: unknown): InferenceClientInputError {
  const code = (err as { code?: string }).code ?? "";
  return new InferenceClientInputError(
    `Cannot read ${what} from file "${path}" (${code || "unreadable"}); expected a Blob, Buffer, base64, data URL, URL or file path`,
  );
}

function tooBig(what: string, path: string, size: number, max: number): InferenceClientInputError {
  return new InferenceClientInputError(`The ${what} file "${path}" is larger than the limit (${size} > ${max} bytes)`);
}
