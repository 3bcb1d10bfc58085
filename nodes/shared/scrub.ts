/**
 * Scrubbing of the account's token out of what the nodes send: errors, statuses, and results too (a model or a
 * server may quote the token back, say from a prompt that held it). Only the exact token is replaced (by
 * `[redacted]`): other `hf_...` strings in a result are the flow's business, and rewriting them would corrupt
 * answers that legitimately talk about tokens. The token itself stays in this closure, never on an object that
 * could be logged or inspected.
 */
export interface Redactor {
  /** `text` with every occurrence of the token replaced. */
  text(text: string): string;
  /** A copy of `value` with the token replaced in every string it holds (the value itself when nothing changes). */
  value<T>(value: T): T;
  /** For text sent in pieces: holds back a tail that could be the start of the token until the next piece shows. */
  stream(): StreamRedactor;
}

export interface StreamRedactor {
  push(piece: string): string;
  /** What is still held back (scrubbed), for the last piece. */
  end(): string;
}

const REDACTED = "[redacted]";
const MIN_SECRET = 8;

export function createRedactor(token: string | undefined): Redactor {
  const secret = token && token.length >= MIN_SECRET ? token : undefined;
  const text = (s: string) => (secret && s.includes(secret) ? s.split(secret).join(REDACTED) : s);
  const value = <T>(v: T): T => (secret ? (deepScrub(v, secret, 0) as T) : v);
  const stream = (): StreamRedactor => {
    let held = "";
    return {
      push(piece) {
        if (!secret) return piece;
        const all = text(held + piece);
        const keep = heldTail(all, secret);
        held = all.slice(all.length - keep);
        return all.slice(0, all.length - keep);
      },
      end() {
        const rest = held;
        held = "";
        return rest;
      },
    };
  };
  return { text, value, stream };
}

/** Length of the longest end of `text` that is a beginning of `secret` (shorter than it). */
function heldTail(text: string, secret: string): number {
  for (let n = Math.min(secret.length - 1, text.length); n > 0; n--) {
    if (text.endsWith(secret.slice(0, n))) return n;
  }
  return 0;
}

/** Strings replaced in arrays and plain objects, copied only along the paths that changed. Bounded depth. */
function deepScrub(value: unknown, secret: string, depth: number): unknown {
  if (typeof value === "string") return value.includes(secret) ? value.split(secret).join(REDACTED) : value;
  if (!value || typeof value !== "object" || depth > 32 || ArrayBuffer.isView(value)) return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item, i) => {
      const scrubbed = deepScrub(item, secret, depth + 1);
      if (scrubbed !== item) (copy ??= [...value])[i] = scrubbed;
    });
    return copy ?? value;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  let copy: Record<string, unknown> | undefined;
  for (const [key, item] of Object.entries(value)) {
    const scrubbed = deepScrub(item, secret, depth + 1);
    if (scrubbed !== item) (copy ??= { ...(value as Record<string, unknown>) })[key] = scrubbed;
  }
  return copy ?? value;
}
