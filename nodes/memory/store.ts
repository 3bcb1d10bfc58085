/**
 * The one conversation memory interface hf-chat and hf-agent use. Two backends implement it: Node-RED context
 * (`context-store.ts`, one instance) and Redis (`redis-store.ts`, several instances, survives restarts); an
 * `hf-memory` config node picks one, a chat node without one keeps its history in its own context as before.
 *
 * A turn is what one msg adds: its user message(s), tool messages and the answer. Backends keep whole turns and
 * append one turn at once, so a reader never sees half a turn and two writers never overwrite each other's turn.
 */

/** What memory keeps of a message: JSON only, so any store can hold it. */
export interface StoredMessage {
  role: string;
  content?: unknown;
  [key: string]: unknown;
}

export interface ConversationStore {
  /** The session's messages, oldest first. */
  load(session: string): Promise<StoredMessage[]>;
  /** Adds one turn to the session and trims it to the last turns kept. */
  append(session: string, turn: StoredMessage[]): Promise<void>;
  clear(session: string): Promise<void>;
  /**
   * Runs `job` while holding the session in this process, so two msgs of one conversation take turns instead of
   * both reading the same history. Across processes only appends are atomic (see the README).
   */
  withSession<T>(session: string, job: () => Promise<T>): Promise<T>;
}

export const DEFAULT_TURNS = 10;
/** The most turns a conversation keeps: every turn is sent back to the model on each msg. */
export const MAX_TURNS = 200;

/** A turns setting (node or hf-memory): blank means the default; anything outside 1..MAX_TURNS is refused. */
export function turnsSetting(value: unknown): number {
  if (value === undefined || value === null || value === "") return DEFAULT_TURNS;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_TURNS) {
    throw new MemoryError(`Turns kept must be a whole number from 1 to ${MAX_TURNS} (got ${JSON.stringify(value)})`);
  }
  return n;
}

/** A failure of conversation memory (store unreachable, too slow, misconfigured): the msg fails, nothing is sent. */
export class MemoryError extends Error {
  override name = "MemoryError";
}

/** Rejects with a MemoryError when `work` has not settled after `ms` (a store that never answers). */
export function bounded<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new MemoryError(`Conversation memory did not answer within ${ms} ms (${what})`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Per-session chains of jobs in this process. */
export class SessionLocks {
  private readonly locks = new Map<string, Promise<unknown>>();

  run<T>(session: string, job: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(session) ?? Promise.resolve();
    const run = previous.then(job, job);
    const tail = run.catch(() => undefined);
    this.locks.set(session, tail);
    void tail.then(() => {
      if (this.locks.get(session) === tail) this.locks.delete(session);
    });
    return run;
  }
}

/** Keeps the last `turns` user turns; what precedes the first kept user message is dropped. */
export function trimTurns(messages: StoredMessage[], turns: number): StoredMessage[] {
  const starts = messages.flatMap((m, i) => (m.role === "user" ? [i] : []));
  if (starts.length <= turns) return messages;
  return messages.slice(starts[starts.length - turns]);
}

/** The session of a msg: the value at `path` (default `topic`, e.g. `_client.socketId`), or "default". */
export function sessionOf(msg: Record<string, unknown>, path = "topic"): string {
  let value: unknown = msg;
  for (const part of (path.trim().replace(/^msg\./, "") || "topic").split(".")) {
    value = value !== null && typeof value === "object" ? (value as Record<string, unknown>)[part] : undefined;
  }
  if (typeof value === "string" && value.trim()) return value.trim();
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return "default";
}
