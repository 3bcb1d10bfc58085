import { bounded, type ConversationStore, type StoredMessage } from "./store";

/** The longest a chat msg waits for its memory, whatever the account's timeout. */
export const MEMORY_TIMEOUT_CAP_MS = 10000;

/**
 * A store whose every call gives up after `timeoutMs` with a MemoryError: a context store (or Redis) that never
 * answers fails the msg instead of holding it, and never holds the account's inference slots (the chat nodes
 * read and write memory outside them).
 */
export function boundedStore(store: ConversationStore, timeoutMs: number): ConversationStore {
  const ms = Math.max(1, Math.min(timeoutMs, MEMORY_TIMEOUT_CAP_MS));
  return {
    load: (session: string) => bounded(store.load(session), ms, "read"),
    append: (session: string, turn: StoredMessage[]) => bounded(store.append(session, turn), ms, "write"),
    clear: (session: string) => bounded(store.clear(session), ms, "clear"),
    withSession: (session, job) => store.withSession(session, job),
  };
}
