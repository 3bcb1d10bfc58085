import { ConversationMemory } from "../chat/memory";
import type { HfConfigNode } from "../shared/config";
import type { Node, NodeAPI, NodeMessage } from "../shared/red";
import { boundedStore, MEMORY_TIMEOUT_CAP_MS } from "./bounded-store";
import { MemoryError, sessionOf, turnsSetting, type ConversationStore } from "./store";

/** What hf-chat and hf-agent get from an `hf-memory` node: the store, or why there is none. */
export interface HfMemoryNode extends Node {
  store?: ConversationStore;
  configError?: string;
  register(user: Node): void;
  deregister(user: Node): void;
}

/** The memory properties hf-chat and hf-agent are saved with. */
export interface MemoryDef {
  memory?: boolean;
  /** An hf-memory id; blank: the node's own context, as before hf-memory existed. */
  memoryStore?: string;
  /** The msg property naming the session (default `topic`). */
  sessionKey?: string;
  /** For the node's own context only (hf-memory has its own settings). */
  contextStore?: string;
  memoryTurns?: number | string;
}

/** A chat node's view of its memory: which store (if any) and which session a msg belongs to. */
export interface NodeMemory {
  /** The store bounded by the account's timeout; undefined when memory is off. Throws when misconfigured. */
  store(config: Pick<HfConfigNode, "timeoutMs">): ConversationStore | undefined;
  session(msg: NodeMessage): string;
  /** msg.reset: clears the msg's session, waiting for its turn in flight (a no-op with memory off). */
  reset(msg: NodeMessage): Promise<void>;
  close(): void;
}

/** Builds a NodeMemory from how to get the store (undefined: memory off). */
function withReset(store: (config: Pick<HfConfigNode, "timeoutMs">) => ConversationStore | undefined, session: (msg: NodeMessage) => string, close: () => void): NodeMemory {
  return {
    store,
    session,
    close,
    async reset(msg) {
      const s = store({ timeoutMs: MEMORY_TIMEOUT_CAP_MS });
      if (!s) return;
      const id = session(msg);
      await s.withSession(id, () => s.clear(id));
    },
  };
}

export function nodeMemory(RED: NodeAPI, node: Node, def: MemoryDef, prefix: string): NodeMemory {
  const sessionPath = def.sessionKey?.trim() || "topic";
  const session = (msg: NodeMessage) => sessionOf(msg, sessionPath);
  const memoryId = typeof def.memoryStore === "string" && def.memoryStore.trim() ? def.memoryStore.trim() : undefined;

  if (memoryId) {
    const shared = RED.nodes.getNode(memoryId) as HfMemoryNode | null;
    shared?.register?.(node);
    return withReset(
      (config) => {
        if (!shared) throw new MemoryError(`hf-memory node ${memoryId} was not found (deleted?)`);
        if (!shared.store) throw new MemoryError(`Invalid hf-memory configuration: ${shared.configError ?? "unknown"}`);
        return boundedStore(shared.store, config.timeoutMs);
      },
      session,
      () => shared?.deregister?.(node),
    );
  }
  if (!def.memory) return withReset(() => undefined, session, () => undefined);

  // The node's own context, as before hf-memory; a turns value out of range fails every msg with the reason.
  let own: ConversationStore | undefined;
  let problem: string | undefined;
  try {
    own = new ConversationMemory(node.context() as never, { store: def.contextStore, turns: turnsSetting(def.memoryTurns), prefix });
  } catch (err) {
    problem = err instanceof Error ? err.message : String(err);
  }
  return withReset(
    (config) => {
      if (!own) throw new MemoryError(problem ?? "memory unavailable");
      return boundedStore(own, config.timeoutMs);
    },
    session,
    () => undefined,
  );
}
