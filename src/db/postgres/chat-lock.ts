import type { PostgresSession } from "./session.js";

/**
 * Holds the chat (its internal id) until the current transaction ends. A repository that reads a
 * chat's rows to decide what it writes takes it before its first read or write, so the chat's
 * writers (the chain's append takes it too) run one after another, as on SQLite's one
 * connection, and always lock in the same order: chat first, then rows.
 */
export function lockChat(session: PostgresSession, chatId: number): Promise<void> {
  return session.lockUntilCommit(`regbot:chat:${chatId}`);
}
