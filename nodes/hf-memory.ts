import { ConversationMemory } from "./chat/memory";
import type { HfMemoryNode } from "./memory/node-memory";
import { MemoryError, turnsSetting } from "./memory/store";
import { RedisConversationStore } from "./memory/redis-store";
import type { Node, NodeAPI, NodeDef } from "./shared/red";
import { translator } from "./shared/i18n";

interface HfMemoryDef extends NodeDef {
  backend?: string;
  contextStore?: string;
  url?: string;
  keyPrefix?: string;
  ttl?: number | string;
  maxTurns?: number | string;
}

/** How long one Redis command may take, connecting included. */
const REDIS_TIMEOUT_MS = 5000;

/**
 * `hf-memory`: where conversations are kept. `context`: the Node-RED context store named here (one instance);
 * `redis`: a Redis server shared by every instance, surviving restarts.
 */
function register(RED: NodeAPI): void {
  const t = translator(RED);
  function HfMemory(this: HfMemoryNode, def: HfMemoryDef) {
    RED.nodes.createNode(this, def);
    const users = new Set<Node>();
    let offline = false;
    this.register = (user) => {
      users.add(user);
      if (offline) user.status({ fill: "red", shape: "ring", text: t("status.memoryOffline", "memory offline") });
    };
    this.deregister = (user) => users.delete(user);
    const keyPrefix = typeof def.keyPrefix === "string" && def.keyPrefix !== "" ? def.keyPrefix : "hf:memory:";
    try {
      const maxTurns = turnsSetting(def.maxTurns);
      if (def.backend === "redis") {
        const ttl = def.ttl === "" || def.ttl === undefined ? 0 : Number(def.ttl);
        if (!Number.isInteger(ttl) || ttl < 0) throw new MemoryError(`TTL must be a whole number of seconds, 0 for none (got ${JSON.stringify(def.ttl)})`);
        const credentials = (this as unknown as { credentials?: { password?: string } }).credentials;
        this.store = new RedisConversationStore({
          url: def.url?.trim() || "redis://127.0.0.1:6379/0",
          password: credentials?.password || undefined,
          keyPrefix,
          ttl,
          maxTurns,
          timeoutMs: REDIS_TIMEOUT_MS,
          onState: (state, detail) => {
            offline = state === "disconnected";
            if (offline) this.warn(`Redis memory: ${detail ?? "disconnected"}`);
            for (const user of users) {
              user.status(offline ? { fill: "red", shape: "ring", text: t("status.memoryOffline", "memory offline") } : {});
            }
          },
        });
      } else {
        this.store = new ConversationMemory(this.context() as never, { store: def.contextStore, turns: maxTurns, prefix: keyPrefix });
      }
    } catch (err) {
      this.configError = err instanceof Error ? err.message : String(err);
      this.error(this.configError);
    }
    this.on("close", (_removed: boolean, done: () => void) => {
      if (this.store instanceof RedisConversationStore) this.store.close();
      users.clear();
      done();
    });
  }
  RED.nodes.registerType("hf-memory", HfMemory as never, { credentials: { password: { type: "password" } } });
}

export = register;
