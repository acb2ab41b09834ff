import type BetterSqlite3 from "better-sqlite3";
import { and, asc, eq, getTableColumns, gt, sql } from "drizzle-orm";
import type { EventDraft } from "../domain/correspondence.js";
import { canonicalJson, sealEvent, type ChainHead, type StoredLink } from "../domain/evidence-chain.js";
import type { MerkleAccumulator } from "../domain/merkle.js";
import { ChainFrontiers } from "./chain-frontiers.js";
import { linkMigratedChat } from "./chat-repository.js";
import { connectionOf, type Orm } from "./database.js";
import { directStatement } from "./direct-statement.js";
import { handlingTransactionOf } from "./handling-transaction.js";
import { changeCounter, reportWrite } from "./read-cache.js";
import { chainFrontiers, chats, chatTelegramIds, events, inboxUpdates, people } from "./schema.js";

/** What appending events writes; chats only when one is registered or migrates: for `reportWrite`. */
const APPENDED_TABLES = [events, chainFrontiers, people];
const INGESTED_TABLES = [inboxUpdates, ...APPENDED_TABLES];
const CHAT_TABLES = [chats, chatTelegramIds];

/**
 * The events of an update name it as their source (`update:<update_id>`); one stored under a key
 * of its own (its id was reused) is named by that key, so its events are not taken for the old ones'.
 */
export function keyedBy(draft: EventDraft, updateId: number, key: number): EventDraft {
  return key === updateId ? draft : { ...draft, source: draft.source.replace(`update:${updateId}`, `update:${key}`) };
}

/** Every column bound by name, so an event insert is prepared once and reused. */
const EVENT_PLACEHOLDERS = Object.fromEntries(
  Object.keys(getTableColumns(events)).map((column) => [column, sql.placeholder(column)]),
) as unknown as typeof events.$inferInsert;

/** better-sqlite3 binds null, not undefined, so every column gets a value. */
type EventRow = {
  [Column in keyof typeof events.$inferInsert]-?: Exclude<(typeof events.$inferInsert)[Column], undefined>;
};

export interface IncomingUpdate {
  updateId: number;
  payload: unknown;
  drafts: EventDraft[];
  /** The chat the update belongs to, where it has one (stored by PostgreSQL, whose processes take turns on a chat). */
  telegramChatId?: number;
}

export interface PendingUpdate {
  key: number;
  payload: string;
}

/** An update of a batch as the inbox holds it: its key, and whether this batch stored it. */
export interface StoredUpdate {
  key: number;
  isNew: boolean;
}

export interface AppendedEvent {
  chatId: number;
  seq: number;
  kind: string;
}

/** Chats' internal keys by Telegram id, their chain heads and Merkle frontiers, as known at some moment. */
interface KnownChains {
  chatIds: Map<number, number>;
  heads: Map<number, ChainHead>;
  /** null: the stored frontier lags behind the log, so appends leave it for the next checkpoint to bring up to date. */
  frontiers: Map<number, MerkleAccumulator | null>;
}

/**
 * What one transaction has already read or written: the events of a batch mostly share a few
 * chats and senders, so each chat is resolved, its head read and each person written once.
 */
interface AppendScope extends KnownChains {
  at: number;
  atIso: string;
  /** Person rows written with this scope's `at`, by chat, person and names. */
  peopleWritten: Set<string>;
  /** A chat was registered or given a new Telegram id. */
  chatsWritten: boolean;
  /** Chats whose frontier grew in this scope, to be stored before it ends. */
  grownFrontiers: Set<number>;
}

function appendScope(
  at: number,
  { chatIds, heads, frontiers }: KnownChains = { chatIds: new Map(), heads: new Map(), frontiers: new Map() },
): AppendScope {
  return {
    chatIds,
    heads,
    frontiers,
    at,
    atIso: new Date(at).toISOString(),
    peopleWritten: new Set(),
    chatsWritten: false,
    grownFrontiers: new Set(),
  };
}

/**
 * The inbox of raw updates and the chained correspondence log. Both are written in one
 * synchronous transaction, so an update is either stored with all its events or not at all.
 */
export class CorrespondenceRepository {
  private readonly statements;
  private readonly changes: () => number;
  /**
   * What the last ingest left behind, while the connection has changed no row since: the next
   * batch mostly goes to the same chats, and then need not look their heads up again.
   */
  private lastIngest: (KnownChains & { changes: number }) | undefined;
  private readonly frontiers: ChainFrontiers;
  /** Read for every event appended on its own (a window's, an obligation's): straight on the connection, skipping drizzle's mapping. */
  private readonly headOf: BetterSqlite3.Statement<[number], ChainHead>;
  private readonly chatIdOf: BetterSqlite3.Statement<[number], number>;
  /**
   * The frontier each chat's appends last stored, with the hash of the event it ends at. Trusted
   * only while that event is still the chat's head: the hash seals every event before it, so the
   * frontier is the one stored (a rolled-back append left another head, or a tree of another size).
   */
  private readonly lastStored = new Map<number, { hash: string; tree: MerkleAccumulator }>();

  constructor(private readonly orm: Orm) {
    this.changes = changeCounter(orm);
    this.frontiers = new ChainFrontiers(orm);
    const connection = connectionOf(orm);
    this.headOf = connection.prepare("select seq, hash from events where chat_id = ? order by seq desc limit 1");
    this.chatIdOf = connection
      .prepare<[number], number>("select chat_id from chat_telegram_ids where telegram_chat_id = ?")
      .pluck();
    const placeholder = (name: string) => sql.placeholder(name);
    this.statements = {
      insertInbox: directStatement(
        orm,
        orm
          .insert(inboxUpdates)
          .values({
            key: placeholder("key"),
            updateId: placeholder("updateId"),
            payload: placeholder("payload"),
            receivedAt: placeholder("receivedAt"),
          })
          .onConflictDoNothing(),
      ),
      storedKey: orm
        .select({ key: inboxUpdates.key })
        .from(inboxUpdates)
        .where(
          and(eq(inboxUpdates.updateId, placeholder("updateId")), eq(inboxUpdates.payload, placeholder("payload"))),
        )
        .prepare(),
      // Keys of reused ids are negative: Telegram's own ids are positive, so none is ever taken from a later update.
      nextReusedKey: orm
        .select({ key: sql<number>`min(0, coalesce(min(${inboxUpdates.key}), 0)) - 1` })
        .from(inboxUpdates)
        .prepare(),
      // A batch's marks in one statement, the ids as a JSON array: one call instead of one each.
      markDone: directStatement(
        orm,
        orm
          .update(inboxUpdates)
          .set({ state: "done" })
          .where(sql`${inboxUpdates.key} in (select value from json_each(${placeholder("keys")}))`),
      ),
      inboxState: orm
        .select({ state: inboxUpdates.state })
        .from(inboxUpdates)
        .where(eq(inboxUpdates.key, placeholder("key")))
        .prepare(),
      // A draft whose source is already logged inserts nothing (idempotence); any other conflict still fails.
      insertEvent: directStatement(
        orm,
        orm
          .insert(events)
          .values(EVENT_PLACEHOLDERS)
          .onConflictDoNothing({ target: [events.chatId, events.source] }),
      ),
      personSeen: directStatement(
        orm,
        orm
          .insert(people)
          .values({
            chatId: placeholder("chatId"),
            userId: placeholder("userId"),
            firstName: placeholder("firstName"),
            lastName: placeholder("lastName"),
            username: placeholder("username"),
            isBot: placeholder("isBot"),
            lastSeenAt: placeholder("lastSeenAt"),
          })
          .onConflictDoUpdate({
            target: [people.chatId, people.userId],
            set: {
              firstName: sql`excluded.first_name`,
              lastName: sql`excluded.last_name`,
              username: sql`excluded.username`,
              lastSeenAt: sql`excluded.last_seen_at`,
            },
          }),
      ),
    };
  }

  /**
   * Stores a fetched batch durably and returns each update's key, and whether it was stored now
   * (a redelivery, the same payload under the same `update_id`, is left as it was). `handled`
   * are keys of earlier updates to mark done in the same commit, which saves that bookkeeping a
   * write of its own.
   */
  async ingest(
    batch: readonly IncomingUpdate[],
    receivedAt: number,
    handled: readonly number[] = [],
  ): Promise<StoredUpdate[]> {
    // Durable on its own: not inside an update's handling transaction.
    await handlingTransactionOf(this.orm).idle();
    const last = this.lastIngest;
    this.lastIngest = undefined;
    // The read caches (chats, roles, voice messages) need not forget what they know for a batch that registered no chat.
    const { stored, scope } = reportWrite(
      this.orm,
      () =>
        this.orm.transaction((tx) => {
          const scope = appendScope(receivedAt, last?.changes === this.changes() ? last : undefined);
          if (handled.length > 0) this.statements.markDone({ keys: JSON.stringify(handled) });
          const stored: StoredUpdate[] = [];
          for (const update of batch) {
            const payload = canonicalJson(update.payload);
            const inbox = this.storeInInbox(update.updateId, payload, receivedAt);
            stored.push(inbox);
            if (!inbox.isNew) continue;
            // A message's event records the update itself: its canonical JSON is already at hand.
            for (const draft of update.drafts)
              this.appendDraft(
                tx,
                keyedBy(draft, update.updateId, inbox.key),
                scope,
                draft.payload === update.payload ? payload : undefined,
              );
          }
          this.storeFrontiers(scope);
          return { stored, scope };
        }),
      ({ scope }) => (scope.chatsWritten ? [...INGESTED_TABLES, ...CHAT_TABLES] : INGESTED_TABLES),
    );
    // Only once committed: a batch rolled back must leave nothing remembered.
    this.lastIngest = {
      chatIds: scope.chatIds,
      heads: scope.heads,
      frontiers: scope.frontiers,
      changes: this.changes(),
    };
    return stored;
  }

  /** Nearly always one insert: an update takes its own id as its key unless that key is taken. */
  private storeInInbox(updateId: number, payload: string, receivedAt: number): StoredUpdate {
    if (this.statements.insertInbox({ key: updateId, updateId, payload, receivedAt }).changes === 1)
      return { key: updateId, isNew: true };
    const known = this.statements.storedKey.get({ updateId, payload });
    if (known !== undefined) return { key: known.key, isNew: false };
    const { key } = this.statements.nextReusedKey.get()!;
    this.statements.insertInbox({ key, updateId, payload, receivedAt });
    return { key, isNew: true };
  }

  /** The key an update was stored under, if it was. */
  async keyOf(updateId: number, payload: unknown): Promise<number | undefined> {
    return this.statements.storedKey.get({ updateId, payload: canonicalJson(payload) })?.key;
  }

  /** Records what regbot itself did or said (sent messages, its starts and stops). */
  async append(drafts: readonly EventDraft[], at: number): Promise<AppendedEvent[]> {
    return this.orm.transaction((tx) => this.appendWithin(tx, drafts, at));
  }

  /**
   * For other repositories that log an event in the same transaction as their own change. Reports
   * the tables it wrote, so a caller that reports its own keeps the chats' caches (most appends
   * register no chat).
   */
  appendWithin(tx: Orm, drafts: readonly EventDraft[], at: number): AppendedEvent[] {
    const scope = appendScope(at);
    return reportWrite(
      this.orm,
      () => {
        const appended = drafts
          .map((draft) => this.appendDraft(tx, draft, scope))
          .filter((event) => event !== undefined);
        this.storeFrontiers(scope);
        return appended;
      },
      () => (scope.chatsWritten ? [...APPENDED_TABLES, ...CHAT_TABLES] : APPENDED_TABLES),
    );
  }

  /**
   * Bookkeeping only: losing it re-handles updates, which changes nothing. So it skips its own
   * fsync; the WAL frames become durable with the next durable commit (the next ingest).
   */
  async markDone(keys: readonly number[]): Promise<void> {
    if (keys.length === 0) return;
    await handlingTransactionOf(this.orm).idle();
    this.orm.run(sql`PRAGMA synchronous = NORMAL`);
    try {
      reportWrite(
        this.orm,
        () => this.statements.markDone({ keys: JSON.stringify(keys) }),
        () => [inboxUpdates],
      );
    } finally {
      this.orm.run(sql`PRAGMA synchronous = FULL`);
    }
  }

  async markFailed(key: number, error: string): Promise<void> {
    this.orm.update(inboxUpdates).set({ state: "failed", error }).where(eq(inboxUpdates.key, key)).run();
  }

  async isHandled(key: number): Promise<boolean> {
    const row = this.statements.inboxState.get({ key });
    return row !== undefined && row.state !== "pending";
  }

  /** Updates stored but not yet handled, oldest first (handled first on start). */
  async pendingUpdates(): Promise<PendingUpdate[]> {
    return this.orm
      .select({ key: inboxUpdates.key, payload: inboxUpdates.payload })
      .from(inboxUpdates)
      .where(eq(inboxUpdates.state, "pending"))
      .orderBy(asc(inboxUpdates.receivedAt), asc(inboxUpdates.updateId))
      .all();
  }

  async chainHead(chatId: number): Promise<ChainHead | undefined> {
    return this.headOf.get(chatId);
  }

  /** The chat's log in sequence order, read in pages so a long log never sits in memory. */
  async *readChain(chatId: number, pageSize = 1000): AsyncGenerator<StoredLink> {
    let afterSeq = 0;
    for (;;) {
      const page = this.orm
        .select({ seq: events.seq, line: events.line, hash: events.hash })
        .from(events)
        .where(and(eq(events.chatId, chatId), gt(events.seq, afterSeq)))
        .orderBy(asc(events.seq))
        .limit(pageSize)
        .all();
      yield* page;
      if (page.length < pageSize) return;
      afterSeq = page[page.length - 1]!.seq;
    }
  }

  /** Seals and inserts one draft; undefined when its source was logged before. */
  private appendDraft(
    tx: Orm,
    draft: EventDraft,
    scope: AppendScope,
    canonicalPayload?: string,
  ): AppendedEvent | undefined {
    const { at } = scope;
    const chatId = this.resolveChat(tx, draft, scope);
    const head = scope.heads.get(chatId) ?? this.headOf.get(chatId);
    const body = { chat: chatId, kind: draft.kind, source: draft.source, at: scope.atIso, payload: draft.payload };
    const sealed = sealEvent(head, body, canonicalPayload);
    const row: EventRow = {
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
    };
    if (this.statements.insertEvent(row).changes === 0) return undefined;
    scope.heads.set(chatId, { seq: sealed.seq, hash: sealed.hash });
    this.growFrontier(chatId, sealed, scope);
    for (const person of draft.people ?? []) {
      const written = JSON.stringify([chatId, person.id, person.firstName, person.lastName, person.username]);
      if (scope.peopleWritten.has(written)) continue;
      scope.peopleWritten.add(written);
      this.statements.personSeen({
        chatId,
        userId: person.id,
        firstName: person.firstName,
        lastName: person.lastName ?? null,
        username: person.username ?? null,
        isBot: person.isBot ? 1 : 0,
        lastSeenAt: at,
      });
    }
    return { chatId, seq: sealed.seq, kind: draft.kind };
  }

  /** Adds the event just appended to its chat's frontier, when the frontier covers every event before it. */
  private growFrontier(
    chatId: number,
    { seq, hash, prevHash }: { seq: number; hash: string; prevHash: string },
    scope: AppendScope,
  ): void {
    let tree = scope.frontiers.get(chatId);
    if (tree === undefined || (tree !== null && tree.size !== seq - 1)) {
      tree = this.storedUpTo(chatId, seq - 1, prevHash) ?? this.frontiers.at(chatId, seq - 1) ?? null;
      scope.frontiers.set(chatId, tree);
    }
    if (tree === null) return;
    tree.add(Buffer.from(hash, "hex"));
    scope.grownFrontiers.add(chatId);
  }

  /** The frontier this repository last stored for the chat, if it covers exactly the log up to `headHash`. */
  private storedUpTo(chatId: number, size: number, headHash: string): MerkleAccumulator | undefined {
    const stored = this.lastStored.get(chatId);
    return stored !== undefined && stored.tree.size === size && stored.hash === headHash ? stored.tree : undefined;
  }

  private storeFrontiers(scope: AppendScope): void {
    for (const chatId of scope.grownFrontiers) {
      const tree = scope.frontiers.get(chatId)!;
      this.frontiers.write(chatId, tree);
      this.lastStored.set(chatId, { hash: scope.heads.get(chatId)!.hash, tree });
    }
  }

  /**
   * Finds the chat's internal key, registering the chat on first sight and following migrations.
   * A Telegram id, once linked to a chat, stays linked, so the scope may remember it.
   */
  private resolveChat(tx: Orm, draft: EventDraft, scope: AppendScope): number {
    const lookup = (telegramChatId: number) => scope.chatIds.get(telegramChatId) ?? this.chatIdOf.get(telegramChatId);
    const { migration } = draft;
    const known = migration
      ? (lookup(migration.fromTelegramChatId) ?? lookup(migration.toTelegramChatId))
      : lookup(draft.chat.telegramChatId);
    const chatId = known ?? this.registerChat(tx, draft, scope);
    if (migration !== undefined && lookup(migration.toTelegramChatId) === undefined) {
      linkMigratedChat(tx, chatId, migration.toTelegramChatId);
      scope.chatsWritten = true;
    }
    if (migration === undefined) scope.chatIds.set(draft.chat.telegramChatId, chatId);
    return chatId;
  }

  private registerChat(tx: Orm, draft: EventDraft, scope: AppendScope): number {
    scope.chatsWritten = true;
    const telegramChatId = draft.migration?.fromTelegramChatId ?? draft.chat.telegramChatId;
    const { id } = tx
      .insert(chats)
      .values({
        telegramChatId,
        type: draft.migration ? "group" : draft.chat.type,
        title: draft.chat.title,
        isForum: draft.chat.isForum ?? false,
        createdAt: scope.at,
      })
      .returning({ id: chats.id })
      .get();
    tx.insert(chatTelegramIds).values({ telegramChatId, chatId: id }).run();
    return id;
  }
}
