/**
 * The `redis` memory backend: each conversation is a Redis list under `keyPrefix + session`, one element per turn
 * (the JSON array of that turn's messages). A turn is appended with its trim and expiry in one MULTI, so two
 * Node-RED instances appending to one session never lose a turn, and `LTRIM -maxTurns -1` drops whole turns.
 *
 * The client (`redis` from npm) is loaded on first use. It queues nothing while disconnected
 * (`disableOfflineQueue`): a call made while Redis is down fails at once with a MemoryError, the client keeps
 * reconnecting in the background, and every call is bounded by `timeoutMs` whatever the socket does.
 */
import { bounded, MemoryError, SessionLocks, type ConversationStore, type StoredMessage } from "./store";

export interface RedisStoreOptions {
  /** `redis://host:port/db` or `rediss://` (TLS); a user name may be in it, never a password. */
  url: string;
  password?: string;
  keyPrefix: string;
  /** Seconds a conversation lives after its last turn; 0 = forever. */
  ttl: number;
  maxTurns: number;
  timeoutMs: number;
  /** Connection changes, for the status of the nodes using the store. */
  onState?(state: "connected" | "disconnected", detail?: string): void;
}

type Client = {
  isReady: boolean;
  connect(): Promise<unknown>;
  destroy(): void;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  lRange(key: string, start: number, stop: number): Promise<string[]>;
  del(key: string): Promise<number>;
  multi(): Multi;
};
type Multi = {
  rPush(key: string, value: string): Multi;
  lTrim(key: string, start: number, stop: number): Multi;
  expire(key: string, seconds: number): Multi;
  exec(): Promise<unknown[]>;
};

/** Checks an hf-memory URL; returns a description without credentials for messages ("host:port/db"). */
export function checkRedisUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new MemoryError(`Invalid Redis URL (expected redis://host:port/db)`);
  }
  if (parsed.protocol !== "redis:" && parsed.protocol !== "rediss:") throw new MemoryError(`Redis URL must start with redis:// or rediss://`);
  if (parsed.password) throw new MemoryError("The Redis URL must not hold a password: put it in the node's Password field");
  return `${parsed.hostname}:${parsed.port || 6379}${parsed.pathname && parsed.pathname !== "/" ? parsed.pathname : "/0"}`;
}

export class RedisConversationStore implements ConversationStore {
  private client?: Client;
  private starting?: Promise<Client>;
  /** Why the last connection attempt failed; cleared when the client is ready again. */
  private lastError?: string;
  private readyWaiters: Array<() => void> = [];
  private closed = false;
  private readonly locks = new SessionLocks();
  readonly where: string;

  constructor(private readonly options: RedisStoreOptions) {
    this.where = checkRedisUrl(options.url);
  }

  async load(session: string): Promise<StoredMessage[]> {
    const turns = await this.call("read", (c) => c.lRange(this.key(session), 0, -1));
    return turns.flatMap((t) => {
      const parsed: unknown = JSON.parse(t);
      return Array.isArray(parsed) ? (parsed as StoredMessage[]) : [];
    });
  }

  async append(session: string, turn: StoredMessage[]): Promise<void> {
    const messages = turn.filter((m) => m.role !== "system");
    if (!messages.length) return;
    const key = this.key(session);
    await this.call("write", (c) => {
      const tx = c.multi().rPush(key, JSON.stringify(messages)).lTrim(key, -this.options.maxTurns, -1);
      return (this.options.ttl > 0 ? tx.expire(key, this.options.ttl) : tx).exec();
    });
  }

  async clear(session: string): Promise<void> {
    await this.call("clear", (c) => c.del(this.key(session)));
  }

  withSession<T>(session: string, job: () => Promise<T>): Promise<T> {
    return this.locks.run(session, job);
  }

  key(session: string): string {
    return this.options.keyPrefix + session;
  }

  close(): void {
    this.closed = true;
    const client = this.client;
    this.client = undefined;
    this.starting = undefined;
    try {
      client?.destroy();
    } catch {
      /* already closed */
    }
  }

  /** Runs one command on a ready client, bounded by the timeout, with any failure as a MemoryError. */
  private async call<T>(what: string, command: (c: Client) => Promise<T>): Promise<T> {
    const label = `Redis ${this.where}, ${what}`;
    try {
      return await bounded(
        this.ready().then((c) => command(c)),
        this.options.timeoutMs,
        label,
      );
    } catch (err) {
      if (err instanceof MemoryError) throw err;
      throw new MemoryError(`Conversation memory failed (${label}): ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /** The client once ready. While it is reconnecting after a failure, fails at once rather than wait. */
  private async ready(): Promise<Client> {
    if (this.closed) throw new MemoryError("The hf-memory node is closed");
    const client = await (this.starting ??= this.start());
    if (client.isReady) return client;
    if (this.lastError) throw new MemoryError(`Redis ${this.where} is not reachable (${this.lastError}); reconnecting`);
    await new Promise<void>((resolve) => this.readyWaiters.push(resolve));
    if (!client.isReady) throw new MemoryError(`Redis ${this.where} is not reachable (${this.lastError ?? "connection closed"}); reconnecting`);
    return client;
  }

  private async start(): Promise<Client> {
    const { createClient } = await import("redis");
    if (this.closed) throw new MemoryError("The hf-memory node is closed");
    const client = createClient({
      url: this.options.url,
      ...(this.options.password ? { password: this.options.password } : {}),
      disableOfflineQueue: true,
      socket: {
        connectTimeout: Math.min(this.options.timeoutMs, 10000),
        // Retry every 0.1 s at first, then every 2 s at most: forever, as a broker connection does.
        reconnectStrategy: (retries: number) => Math.min(100 * 2 ** Math.min(retries, 5), 2000),
      },
    }) as unknown as Client;
    const wake = () => this.readyWaiters.splice(0).forEach((w) => w());
    client.on("ready", () => {
      this.lastError = undefined;
      this.options.onState?.("connected");
      wake();
    });
    client.on("error", (err) => {
      // Without an error listener the client's errors would crash Node-RED.
      const text = err instanceof Error ? err.message || err.constructor.name : String(err);
      const first = this.lastError === undefined;
      this.lastError = text;
      if (first) this.options.onState?.("disconnected", text);
      wake();
    });
    client.on("end", wake);
    client.connect().catch((err: unknown) => {
      this.lastError ??= err instanceof Error ? err.message : String(err);
      wake();
    });
    this.client = client;
    return client;
  }
}
