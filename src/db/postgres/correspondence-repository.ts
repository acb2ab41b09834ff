import { and, asc, desc, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import type { EventDraft } from "../../domain/correspondence.js";
import { canonicalJson, sealEvent, type ChainHead, type StoredLink } from "../../domain/evidence-chain.js";
import type { MerkleAccumulator } from "../../domain/merkle.js";
import {
  keyedBy,
  type AppendedEvent,
  type CorrespondenceRepository,
  type IncomingUpdate,
  type PendingUpdate,
  type StoredUpdate,
} from "../correspondence-repository.js";
import type { RepositoryPort } from "../repository-port.js";
import { PostgresChainFrontiers } from "./chain-frontiers.js";
import { linkMigratedChat, telegramChatLock } from "./chat-repository.js";
import type { ChainAppender } from "./collaborators.js";
import type { PostgresSession } from "./session.js";
import { chats, chatTelegramIds, events, inboxUpdates, people } from "./schema.js";

/** Held while reading a chat's chain head and until the appends after it commit: no two processes fork a chain. */
export function chatChainLock(chatId: number): string {
  return `regbot:chat:${chatId}`;
}

/** Held while a reused update id is given a negative key, so no two processes hand out the same one. */
const INBOX_KEYS_LOCK = "regbot:inbox-keys";

/** A draft to append, with its payload's canonical JSON when the inbox already made it. */
interface Pending {
  draft: EventDraft;
  canonicalPayload?: string;
}

/** What one transaction's appends have read, written and locked (as SQLite's `AppendScope`, with no cache across transactions). */
interface AppendScope {
  at: number;
  atIso: string;
  /** Chats' internal keys by Telegram id, as the database links them (including links made in this transaction). */
  chatIds: Map<number, number>;
  /** Chats whose chain lock this transaction holds. */
  locked: Set<number>;
  heads: Map<number, ChainHead>;
  /** null: the stored frontier lags behind the log, so appends leave it for the next checkpoint to bring up to date. */
  frontiers: Map<number, MerkleAccumulator | null>;
  /** Person rows written with this scope's `at`, by chat, person and names. */
  peopleWritten: Set<string>;
  grownFrontiers: Set<number>;
}

function appendScope(at: number): AppendScope {
  return {
    at,
    atIso: new Date(at).toISOString(),
    chatIds: new Map(),
    locked: new Set(),
    heads: new Map(),
    frontiers: new Map(),
    peopleWritten: new Set(),
    grownFrontiers: new Set(),
  };
}

function telegramIdsOf({ chat, migration }: EventDraft): number[] {
  return migration ? [migration.fromTelegramChatId, migration.toTelegramChatId] : [chat.telegramChatId];
}

const ascending = (one: number, other: number) => one - other;

/** PostgreSQL broke a deadlock by rolling this transaction back (`40P01`), possibly under a driver's wrapper. */
function isDeadlock(error: unknown): boolean {
  for (let cause = error; cause instanceof Error; cause = cause.cause)
    if ((cause as { code?: unknown }).code === "40P01") return true;
  return false;
}

/**
 * The inbox of raw updates and the chained correspondence log on PostgreSQL, row for row what
 * `CorrespondenceRepository` writes on SQLite. Several processes may append to one chat: each
 * takes the chat's lock (`regbot:chat:<id>`) before reading its head, so a chain never forks.
 */
export class PostgresCorrespondenceRepository
  implements RepositoryPort<CorrespondenceRepository, "appendWithin">, ChainAppender
{
  private readonly frontiers: PostgresChainFrontiers;

  constructor(private readonly session: PostgresSession) {
    this.frontiers = new PostgresChainFrontiers(session);
  }

  /**
   * Stores a fetched batch in one transaction, each update with all its events or none, and
   * returns each update's key and whether it was stored now; `handled` are marked done in it.
   */
  async ingest(
    batch: readonly IncomingUpdate[],
    receivedAt: number,
    handled: readonly number[] = [],
  ): Promise<StoredUpdate[]> {
    return this.atomically(async () => {
      const scope = appendScope(receivedAt);
      const stored: StoredUpdate[] = [];
      const pending: Pending[] = [];
      for (const update of batch) {
        const payload = canonicalJson(update.payload);
        const inbox = await this.storeInInbox(update.updateId, payload, receivedAt, update.telegramChatId ?? null);
        stored.push(inbox);
        if (!inbox.isNew) continue;
        // A message's event records the update itself: its canonical JSON is already at hand.
        for (const draft of update.drafts)
          pending.push({
            draft: keyedBy(draft, update.updateId, inbox.key),
            canonicalPayload: draft.payload === update.payload ? payload : undefined,
          });
      }
      await this.appendAll(pending, scope);
      await this.markDone(handled);
      return stored;
    });
  }

  /** Nearly always one insert: an update takes its own id as its key unless that key is taken. */
  private async storeInInbox(
    updateId: number,
    payload: string,
    receivedAt: number,
    telegramChatId: number | null,
  ): Promise<StoredUpdate> {
    const queries = this.session.queries;
    const insert = (key: number) =>
      queries.insert(inboxUpdates).values({ key, updateId, payload, receivedAt, telegramChatId }).onConflictDoNothing();
    // Another process storing the same update at once makes this wait for its commit, then insert nothing.
    if ((await insert(updateId)).rowCount === 1) return { key: updateId, isNew: true };
    const known = await this.storedKey(updateId, payload);
    if (known !== undefined) return { key: known, isNew: false };
    await this.session.lockUntilCommit(INBOX_KEYS_LOCK);
    // Looked up again under the lock: another process may have given this very update a key meanwhile.
    const keyed = await this.storedKey(updateId, payload);
    if (keyed !== undefined) return { key: keyed, isNew: false };
    // Keys of reused ids are negative: Telegram's own ids are positive, so none is ever taken from a later update.
    const [next] = await queries
      .select({ key: sql<number>`least(0, coalesce(min(${inboxUpdates.key}), 0)) - 1`.mapWith(Number) })
      .from(inboxUpdates);
    await insert(next!.key);
    return { key: next!.key, isNew: true };
  }

  /** The key an update was stored under, if it was. */
  async keyOf(updateId: number, payload: unknown): Promise<number | undefined> {
    return this.storedKey(updateId, canonicalJson(payload));
  }

  private async storedKey(updateId: number, payload: string): Promise<number | undefined> {
    const [row] = await this.session.queries
      .select({ key: inboxUpdates.key })
      .from(inboxUpdates)
      .where(and(eq(inboxUpdates.updateId, updateId), eq(inboxUpdates.payload, payload)));
    return row?.key;
  }

  /** Records what regbot itself did or said (sent messages, its starts and stops). */
  async append(drafts: readonly EventDraft[], at: number): Promise<AppendedEvent[]> {
    return this.atomically(() => this.appendInTransaction(drafts, at));
  }

  /** For other repositories that log an event in the same transaction as their own change. */
  async appendInTransaction(drafts: readonly EventDraft[], at: number): Promise<AppendedEvent[]> {
    if (!this.session.inTransaction) throw new Error("appendInTransaction needs the caller's transaction");
    return this.appendAll(
      drafts.map((draft) => ({ draft })),
      appendScope(at),
    );
  }

  async markDone(keys: readonly number[]): Promise<void> {
    if (keys.length === 0) return;
    await this.session.queries
      .update(inboxUpdates)
      .set({ state: "done" })
      .where(inArray(inboxUpdates.key, [...keys]));
  }

  async markFailed(key: number, error: string): Promise<void> {
    await this.session.queries.update(inboxUpdates).set({ state: "failed", error }).where(eq(inboxUpdates.key, key));
  }

  async isHandled(key: number): Promise<boolean> {
    const [row] = await this.session.queries
      .select({ state: inboxUpdates.state })
      .from(inboxUpdates)
      .where(eq(inboxUpdates.key, key));
    return row !== undefined && row.state !== "pending";
  }

  /** Updates stored but not yet handled, oldest first (handled first on start). */
  async pendingUpdates(): Promise<PendingUpdate[]> {
    return this.session.queries
      .select({ key: inboxUpdates.key, payload: inboxUpdates.payload })
      .from(inboxUpdates)
      .where(eq(inboxUpdates.state, "pending"))
      .orderBy(asc(inboxUpdates.receivedAt), asc(inboxUpdates.updateId));
  }

  /** The chats with updates waiting (null: updates of no chat), for the sweep that takes up the turns of processes that died. */
  async chatsWithPendingUpdates(): Promise<Array<number | null>> {
    const rows = await this.session.queries
      .selectDistinct({ telegramChatId: inboxUpdates.telegramChatId })
      .from(inboxUpdates)
      .where(eq(inboxUpdates.state, "pending"));
    return rows.map((row) => row.telegramChatId);
  }

  /** One chat's updates waiting (null: those of no chat), in Telegram's order: what the holder of the chat's turn handles next. */
  async pendingUpdatesOf(telegramChatId: number | null): Promise<PendingUpdate[]> {
    return this.session.queries
      .select({ key: inboxUpdates.key, payload: inboxUpdates.payload })
      .from(inboxUpdates)
      .where(
        and(
          eq(inboxUpdates.state, "pending"),
          telegramChatId === null
            ? isNull(inboxUpdates.telegramChatId)
            : eq(inboxUpdates.telegramChatId, telegramChatId),
        ),
      )
      .orderBy(asc(inboxUpdates.updateId), asc(inboxUpdates.key));
  }

  async chainHead(chatId: number): Promise<ChainHead | undefined> {
    const [head] = await this.session.queries
      .select({ seq: events.seq, hash: events.hash })
      .from(events)
      .where(eq(events.chatId, chatId))
      .orderBy(desc(events.seq))
      .limit(1);
    return head;
  }

  /** The chat's log in sequence order, read in pages so a long log never sits in memory. */
  async *readChain(chatId: number, pageSize = 1000): AsyncGenerator<StoredLink> {
    let afterSeq = 0;
    for (;;) {
      const page = await this.session.queries
        .select({ seq: events.seq, line: events.line, hash: events.hash })
        .from(events)
        .where(and(eq(events.chatId, chatId), gt(events.seq, afterSeq)))
        .orderBy(asc(events.seq))
        .limit(pageSize);
      yield* page;
      if (page.length < pageSize) return;
      afterSeq = page[page.length - 1]!.seq;
    }
  }

  /**
   * Work in a transaction of its own, run again if PostgreSQL broke a deadlock by rolling it
   * back (two processes whose locks crossed, e.g. on an inbox row and a new chat's id). Inside a
   * caller's transaction it is a savepoint, and a deadlock fails the caller's whole transaction.
   */
  private async atomically<T>(work: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.session.transaction(work);
      } catch (error) {
        if (this.session.inTransaction || attempt === 3 || !isDeadlock(error)) throw error;
      }
    }
  }

  private async appendAll(pending: readonly Pending[], scope: AppendScope): Promise<AppendedEvent[]> {
    if (pending.length === 0) return [];
    const chatIds = await this.lockChains(
      pending.map(({ draft }) => draft),
      scope,
    );
    const appended: AppendedEvent[] = [];
    for (const [index, { draft, canonicalPayload }] of pending.entries()) {
      const event = await this.appendDraft(chatIds[index]!, draft, scope, canonicalPayload);
      if (event !== undefined) appended.push(event);
    }
    for (const chatId of scope.grownFrontiers) await this.frontiers.write(chatId, scope.frontiers.get(chatId)!);
    return appended;
  }

  /**
   * Resolves each draft's chat (registering it on first sight, following migrations) and takes
   * the locks its appends need, each kind in ascending order so two transactions never wait on
   * each other: first the Telegram ids not linked yet (two processes seeing a new chat at once
   * register it once), then the chains.
   */
  private async lockChains(drafts: readonly EventDraft[], scope: AppendScope): Promise<number[]> {
    const telegramIds = [...new Set(drafts.flatMap(telegramIdsOf))];
    await this.lookUp(telegramIds, scope);
    const unlinked = telegramIds.filter((id) => !scope.chatIds.has(id)).sort(ascending);
    for (const telegramChatId of unlinked) await this.session.lockUntilCommit(telegramChatLock(telegramChatId));
    await this.lookUp(unlinked, scope);
    const chatIds: number[] = [];
    for (const draft of drafts) chatIds.push(await this.resolveChat(draft, scope));
    for (const chatId of [...new Set(chatIds)].sort(ascending)) {
      if (scope.locked.has(chatId)) continue;
      await this.session.lockUntilCommit(chatChainLock(chatId));
      scope.locked.add(chatId);
    }
    return chatIds;
  }

  /** Reads the links of the Telegram ids this scope does not know yet. */
  private async lookUp(telegramIds: readonly number[], scope: AppendScope): Promise<void> {
    const unknown = telegramIds.filter((id) => !scope.chatIds.has(id));
    if (unknown.length === 0) return;
    const links = await this.session.queries
      .select({ telegramChatId: chatTelegramIds.telegramChatId, chatId: chatTelegramIds.chatId })
      .from(chatTelegramIds)
      .where(inArray(chatTelegramIds.telegramChatId, unknown));
    for (const { telegramChatId, chatId } of links) scope.chatIds.set(telegramChatId, chatId);
  }

  /** The chat's internal key, as SQLite's `resolveChat` finds it: every Telegram id involved is looked up already. */
  private async resolveChat(draft: EventDraft, scope: AppendScope): Promise<number> {
    const lookup = (telegramChatId: number) => scope.chatIds.get(telegramChatId);
    const { migration } = draft;
    const known = migration
      ? (lookup(migration.fromTelegramChatId) ?? lookup(migration.toTelegramChatId))
      : lookup(draft.chat.telegramChatId);
    const chatId = known ?? (await this.registerChat(draft, scope));
    if (migration !== undefined && lookup(migration.toTelegramChatId) === undefined) {
      await linkMigratedChat(this.session, chatId, migration.toTelegramChatId);
      scope.chatIds.set(migration.toTelegramChatId, chatId);
    }
    return chatId;
  }

  private async registerChat(draft: EventDraft, scope: AppendScope): Promise<number> {
    const telegramChatId = draft.migration?.fromTelegramChatId ?? draft.chat.telegramChatId;
    const queries = this.session.queries;
    const [chat] = await queries
      .insert(chats)
      .values({
        telegramChatId,
        type: draft.migration ? "group" : draft.chat.type,
        title: draft.chat.title,
        isForum: draft.chat.isForum ?? false,
        createdAt: scope.at,
      })
      .returning({ id: chats.id });
    await queries.insert(chatTelegramIds).values({ telegramChatId, chatId: chat!.id });
    scope.chatIds.set(telegramChatId, chat!.id);
    return chat!.id;
  }

  /** Seals and inserts one draft after the chat's head; undefined when its source was logged before. */
  private async appendDraft(
    chatId: number,
    draft: EventDraft,
    scope: AppendScope,
    canonicalPayload?: string,
  ): Promise<AppendedEvent | undefined> {
    const { at } = scope;
    const head = scope.heads.get(chatId) ?? (await this.chainHead(chatId));
    const body = { chat: chatId, kind: draft.kind, source: draft.source, at: scope.atIso, payload: draft.payload };
    const sealed = sealEvent(head, body, canonicalPayload);
    const queries = this.session.queries;
    // A draft whose source is already logged inserts nothing (idempotence); any other conflict still fails.
    const inserted = await queries
      .insert(events)
      .values({
        chatId,
        seq: sealed.seq,
        source: draft.source,
        kind: draft.kind,
        prevHash: sealed.prevHash,
        hash: sealed.hash,
        line: sealed.line,
        receivedAt: at,
        telegramDate: draft.telegramDate ?? null,
        senderId: draft.senderId ?? null,
        messageId: draft.messageId ?? null,
        text: draft.text ?? null,
        replyToMessageId: draft.replyToMessageId ?? null,
        threadId: draft.threadId ?? null,
        forwardOrigin: draft.forwardOrigin === undefined ? null : canonicalJson(draft.forwardOrigin),
        mediaType: draft.media?.type ?? null,
        fileId: draft.media?.fileId ?? null,
        fileUniqueId: draft.media?.fileUniqueId ?? null,
        fileName: draft.media?.fileName ?? null,
        mimeType: draft.media?.mimeType ?? null,
        fileSize: draft.media?.fileSize ?? null,
        duration: draft.media?.duration ?? null,
      })
      .onConflictDoNothing({ target: [events.chatId, events.source] });
    if (inserted.rowCount === 0) return undefined;
    scope.heads.set(chatId, { seq: sealed.seq, hash: sealed.hash });
    await this.growFrontier(chatId, sealed, scope);
    for (const person of draft.people ?? []) {
      const written = JSON.stringify([chatId, person.id, person.firstName, person.lastName, person.username]);
      if (scope.peopleWritten.has(written)) continue;
      scope.peopleWritten.add(written);
      await queries
        .insert(people)
        .values({
          chatId,
          userId: person.id,
          firstName: person.firstName,
          lastName: person.lastName ?? null,
          username: person.username ?? null,
          isBot: person.isBot,
          lastSeenAt: at,
        })
        .onConflictDoUpdate({
          target: [people.chatId, people.userId],
          set: {
            firstName: sql`excluded.first_name`,
            lastName: sql`excluded.last_name`,
            username: sql`excluded.username`,
            lastSeenAt: sql`excluded.last_seen_at`,
          },
        });
    }
    return { chatId, seq: sealed.seq, kind: draft.kind };
  }

  /** Adds the event just appended to its chat's frontier, when the frontier covers every event before it. */
  private async growFrontier(
    chatId: number,
    { seq, hash }: { seq: number; hash: string },
    scope: AppendScope,
  ): Promise<void> {
    let tree = scope.frontiers.get(chatId);
    if (tree === undefined) {
      tree = (await this.frontiers.at(chatId, seq - 1)) ?? null;
      scope.frontiers.set(chatId, tree);
    }
    if (tree === null) return;
    tree.add(Buffer.from(hash, "hex"));
    scope.grownFrontiers.add(chatId);
  }
}
