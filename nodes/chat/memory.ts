/**
 * Conversation memory in Node-RED context: one history per session (the msg's topic), kept in a node's context
 * under a store the user picks (memory, disk, Redis...), bounded to the last N turns. Self-contained so any
 * node can use it (hf-chat, hf-agent).
 *
 *   const memory = new ConversationMemory(node.context(), { store: "disk", turns: 10 });
 *   await memory.withSession(topic, async () => {
 *     const history = await memory.load(topic);
 *     ...
 *     await memory.append(topic, [userMessage, assistantMessage]);
 *   });
 */

/** What memory keeps of a message: JSON only, so any context store can hold it. */
export interface StoredMessage {
  role: string;
  content?: unknown;
  [key: string]: unknown;
}

/** The part of a Node-RED context this needs (the callback forms work with every store, sync or async). */
export interface ContextLike {
  get(key: string, store: string | undefined, callback: (err: Error | null | undefined, value?: unknown) => void): void;
  set(key: string, value: unknown, store: string | undefined, callback: (err?: Error | null) => void): void;
}

export interface MemoryOptions {
  /** Context store name; blank or undefined: the default store. */
  store?: string;
  /** User turns kept (a turn is a user message and everything after it up to the next one). Default 10. */
  turns?: number;
  /** Prefix of the context keys. Default "chat:". */
  prefix?: string;
}

export const DEFAULT_TURNS = 10;

export class ConversationMemory {
  private readonly store: string | undefined;
  private readonly turns: number;
  private readonly prefix: string;
  private readonly locks = new Map<string, Promise<unknown>>();

  constructor(
    private readonly context: ContextLike,
    options: MemoryOptions = {},
  ) {
    this.store = options.store?.trim() || undefined;
    const turns = Number(options.turns);
    this.turns = Number.isFinite(turns) && turns >= 1 ? Math.floor(turns) : DEFAULT_TURNS;
    this.prefix = options.prefix ?? "chat:";
  }

  /** The context key of a session, readable in the Context sidebar: `chat:<topic>` with unsafe characters escaped. */
  key(session: string): string {
    const safe = Array.from(Buffer.from(session, "utf8"))
      .map((b) => (/[A-Za-z0-9_\-:@]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, "0")}`))
      .join("");
    return `${this.prefix}${safe}`;
  }

  async load(session: string): Promise<StoredMessage[]> {
    const value = await new Promise<unknown>((resolve, reject) =>
      this.context.get(this.key(session), this.store, (err, v) => (err ? reject(err) : resolve(v))),
    );
    return Array.isArray(value) ? (value as StoredMessage[]) : [];
  }

  /** Adds messages to a session and trims it to the last turns; returns the history kept. */
  async append(session: string, messages: StoredMessage[]): Promise<StoredMessage[]> {
    const kept = trimTurns([...(await this.load(session)), ...messages.filter((m) => m.role !== "system")], this.turns);
    await this.write(session, kept);
    return kept;
  }

  async clear(session: string): Promise<void> {
    await this.write(session, undefined);
  }

  /**
   * Runs `job` while holding the session, so two msgs of one conversation take turns instead of both reading
   * the same history and one answer being lost.
   */
  withSession<T>(session: string, job: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(session) ?? Promise.resolve();
    const run = previous.then(job, job);
    const tail = run.catch(() => undefined);
    this.locks.set(session, tail);
    void tail.then(() => {
      if (this.locks.get(session) === tail) this.locks.delete(session);
    });
    return run;
  }

  private write(session: string, value: StoredMessage[] | undefined): Promise<void> {
    return new Promise<void>((resolve, reject) =>
      this.context.set(this.key(session), value, this.store, (err) => (err ? reject(err) : resolve())),
    );
  }
}

/** Keeps the last `turns` user turns; what precedes the first kept user message is dropped. */
export function trimTurns(messages: StoredMessage[], turns: number): StoredMessage[] {
  const starts = messages.flatMap((m, i) => (m.role === "user" ? [i] : []));
  if (starts.length <= turns) return messages;
  return messages.slice(starts[starts.length - turns]);
}

/** The session of a msg: its topic, or "default". */
export function sessionOf(msg: { topic?: unknown }): string {
  const topic = msg.topic;
  if (typeof topic === "string" && topic.trim()) return topic.trim();
  if (typeof topic === "number") return String(topic);
  return "default";
}
