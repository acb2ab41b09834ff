import { and, asc, desc, eq, sql } from "drizzle-orm";
import { CALL_LENGTH_MS } from "../domain/obligations/calls.js";
import { completeRegulation, type Regulation } from "../domain/regulation/regulation.js";
import { checkpointEventsOf, checkpointPayloadOf, messagePartsOf } from "./checkpoint-repository.js";
import { connectionOf, type Orm } from "./database.js";
import type { RegulationVersion } from "./regulation-repository.js";
import { events, outbox, regulationVersions } from "./schema.js";

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** One of a person's chats as the Mini App's list shows it: what it owes right now, counted in SQL. */
export interface DeskChat {
  chatId: number;
  title: string | null;
  telegramChatId: number;
  role: "specialist" | "observer" | "client";
  /** Due time of the answer the client still waits for, if any. */
  waitingDueAt: number | null;
  /** Late or missing answers since the last weekly digest (or the last 7 days), as /status counts them. */
  breached: number;
  overdueRequests: number;
  overdueRevisions: number;
  overdueStages: number;
  unminutedCalls: number;
  voicesWithoutText: number;
}

export interface PostedDigest {
  /** The id its acknowledgement button carries: `w<due instant in seconds>`. */
  id: string;
  postedAt: number;
  text: string;
}

export interface CheckpointSummary {
  size: number;
  root: string;
  recordedAt: number;
}

/** What the Mini App reads across a person's chats; the list is one statement however many chats they have. */
export class DeskRepository {
  private readonly chatList;
  private readonly latestDigestKey;
  /** A chat view reads each of these once: prepared once, not built again by drizzle for every view. */
  private readonly statements;

  constructor(orm: Orm) {
    // One pass over the person's roles with correlated counts, each served by an index on (chat_id, …):
    // a specialist with hundreds of chats gets the list in one statement instead of a status per chat.
    // Each chat's period start is found once (materialized), not again for every window it counts.
    this.chatList = connectionOf(orm).prepare(`
      with mine as materialized (
        select c.id as chatId, c.title as title, c.telegram_chat_id as telegramChatId, r.role as role,
          coalesce(
            (select max(o.created_at) from outbox o
              where o.dedupe_key >= 'digest:' || c.id || ':' and o.dedupe_key < 'digest:' || c.id || ';' and o.state != 'cancelled'),
            @weekAgo) as periodFrom
        from chat_roles r join chats c on c.id = r.chat_id
        where r.user_id = @userId and r.until is null and c.active = 1
      )
      select chatId, title, telegramChatId, role,
        (select min(w.due_at) from response_windows w where w.chat_id = chatId and w.answered_at is null) as waitingDueAt,
        (select count(*) from response_windows w
          where w.chat_id = chatId and w.opened_at >= periodFrom and w.opened_at < @now
            and ((w.answered_at is not null and w.answered_at > w.due_at) or (w.answered_at is null and w.due_at < @now))) as breached,
        (select count(*) from obligations b where b.chat_id = chatId and b.kind = 'request' and b.state = 'open' and b.due_at < @now) as overdueRequests,
        (select count(*) from obligations b where b.chat_id = chatId and b.kind = 'revision' and b.state = 'open' and b.due_at < @now) as overdueRevisions,
        (select count(*) from obligations b where b.chat_id = chatId and b.kind = 'stage' and b.state = 'open' and b.due_at < @now) as overdueStages,
        (select count(*) from obligations b where b.chat_id = chatId and b.kind = 'call' and b.state = 'open'
          and b.confirmed_at is not null and b.due_at + ${CALL_LENGTH_MS} <= @now) as unminutedCalls,
        (select count(*) from voice_messages v where v.chat_id = chatId and v.transcribed_at is null) as voicesWithoutText
      from mine
    `);
    // By the chat's range of the key's index; `+state` keeps SQLite from walking every sent message by the state's.
    this.latestDigestKey = connectionOf(orm).prepare(`
      select dedupe_key as key, created_at as createdAt from outbox
      where dedupe_key >= @from and dedupe_key < @to and +state = 'sent'
      order by created_at desc, id desc limit 1
    `);
    const chatId = sql.placeholder("chatId");
    this.statements = {
      regulationHistory: orm
        .select()
        .from(regulationVersions)
        .where(eq(regulationVersions.chatId, chatId))
        .orderBy(asc(regulationVersions.version))
        .prepare(),
      recentCheckpoints: orm
        .select({ line: events.line, receivedAt: events.receivedAt })
        .from(events)
        .where(checkpointEventsOf(chatId))
        .orderBy(desc(events.seq))
        .limit(sql.placeholder("limit"))
        .prepare(),
      messageParts: orm
        .select({ payload: outbox.payload })
        .from(outbox)
        .where(messagePartsOf(chatId, sql.placeholder("key")))
        .orderBy(asc(outbox.id))
        .prepare(),
      acknowledgement: orm
        .select({ seq: events.seq })
        .from(events)
        .where(and(eq(events.chatId, chatId), eq(events.source, sql.placeholder("source"))))
        .prepare(),
    };
  }

  /** The chats where the person holds a role now (any role, observers included), with what each owes as of `now`. */
  async chatsOf(userId: number, now: number): Promise<DeskChat[]> {
    return this.chatList.all({ userId, now, weekAgo: now - WEEK_MS }) as DeskChat[];
  }

  /** Every version of the chat's regulation, oldest first. */
  async regulationHistory(chatId: number): Promise<RegulationVersion[]> {
    return this.statements.regulationHistory.all({ chatId }).map((row) => ({
      version: row.version,
      regulation: completeRegulation(JSON.parse(row.settings) as Regulation),
      changedBy: row.changedBy,
      inForceFrom: row.inForceFrom,
    }));
  }

  /** The chat's latest checkpoints, newest first. */
  async recentCheckpoints(chatId: number, limit: number): Promise<CheckpointSummary[]> {
    return this.statements.recentCheckpoints.all({ chatId, limit }).map((row) => {
      const { size, root } = checkpointPayloadOf(row.line);
      return { size, root, recordedAt: row.receivedAt };
    });
  }

  /** The last weekly digest sent in the chat, its parts joined (one over Telegram's limit went out as `#1`, `#2`…). */
  async latestDigest(chatId: number): Promise<PostedDigest | undefined> {
    const latest = this.latestDigestKey.get({ from: `digest:${chatId}:`, to: `digest:${chatId};` }) as
      | { key: string; createdAt: number }
      | undefined;
    if (latest === undefined) return undefined;
    const key = latest.key.replace(/#\d+$/, "");
    const parts = this.statements.messageParts.all({ chatId, key });
    const dueAt = Number(key.slice(`digest:${chatId}:`.length));
    return {
      id: `w${Math.floor(dueAt / 1000)}`,
      postedAt: latest.createdAt,
      text: parts.map((part) => (JSON.parse(part.payload) as { text: string }).text).join("\n"),
    };
  }

  /** Whether the person's acknowledgement of the digest is in the chat's log. */
  async acknowledged(chatId: number, digestId: string, userId: number): Promise<boolean> {
    return this.statements.acknowledgement.get({ chatId, source: digestAckSource(digestId, userId) }) !== undefined;
  }
}

/** The log's source of a person's acknowledgement of a digest: one per person and digest. */
export function digestAckSource(digestId: string, userId: number): string {
  return `digest:${digestId}:ack:${userId}`;
}
