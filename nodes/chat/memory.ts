/**
 * The `context` memory backend, Node-RED context: one history per session (the msg's topic), kept in a node's context
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
import { DEFAULT_TURNS, MAX_TURNS, SessionLocks, trimTurns, type ConversationStore, type StoredMessage } from "../memory/store";

export { sessionOf, trimTurns, type StoredMessage } from "../memory/store";

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

/**
 * Read-modify-write of one context key: atomic within this process only (the session lock), so a context store
 * shared by several Node-RED instances can lose turns. One instance only; `redis` is for several.
 */
export class ConversationMemory implements ConversationStore {
  private readonly store: string | undefined;
  private readonly turns: number;
  private readonly prefix: string;
  private readonly locks = new SessionLocks();

  constructor(
    private readonly context: ContextLike,
    options: MemoryOptions = {},
  ) {
    this.store = options.store?.trim() || undefined;
    const turns = Number(options.turns);
    this.turns = Number.isFinite(turns) && turns >= 1 ? Math.min(Math.floor(turns), MAX_TURNS) : DEFAULT_TURNS;
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

  /** Adds messages to a session and trims it to the last turns. */
  async append(session: string, messages: StoredMessage[]): Promise<void> {
    await this.write(session, trimTurns([...(await this.load(session)), ...messages.filter((m) => m.role !== "system")], this.turns));
  }

  async clear(session: string): Promise<void> {
    await this.write(session, undefined);
  }

  withSession<T>(session: string, job: () => Promise<T>): Promise<T> {
    return this.locks.run(session, job);
  }

  private write(session: string, value: StoredMessage[] | undefined): Promise<void> {
    return new Promise<void>((resolve, reject) =>
      this.context.set(this.key(session), value, this.store, (err) => (err ? reject(err) : resolve())),
    );
  }
}
