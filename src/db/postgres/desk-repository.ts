import { and, asc, desc, eq, sql } from "drizzle-orm";
import { CALL_LENGTH_MS } from "../../domain/obligations/calls.js";
import { completeRegulation, type Regulation } from "../../domain/regulation/regulation.js";
import { checkpointPayloadOf } from "../checkpoint-repository.js";
import type { CheckpointSummary, DeskChat, DeskRepository, PostedDigest } from "../desk-repository.js";
import { digestAckSource } from "../desk-repository.js";
import type { RegulationVersion } from "../regulation-repository.js";
import type { RepositoryPort } from "../repository-port.js";
import { checkpointEventsOf, messageParts, startsWith } from "./message-keys.js";
import { events, outbox, regulationVersions } from "./schema.js";
import type { PostgresSession } from "./session.js";

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** What `chatsOf` reads: PostgreSQL's bigints and counts arrive as text. */
type DeskChatRow = Record<keyof DeskChat, string | null>;

/** `DeskRepository` on PostgreSQL: what the Mini App reads across a person's chats. */
export class PostgresDeskRepository implements RepositoryPort<DeskRepository> {
  constructor(private readonly session: PostgresSession) {}

  /** The chats where the person holds a role now (any role, observers included), with what each owes as of `now`. */
  async chatsOf(userId: number, now: number): Promise<DeskChat[]> {
    // SQLite's statement, but for the period's start: each chat's last digest is found in one pass
    // over the digests' keys (`digest:<chat>:<due>`, compared byte for byte), not a pass per chat.
    const { rows } = await this.session.queries.execute<DeskChatRow>(sql`
      with mine as materialized (
        select r.id as role_id, c.id as chat_id, c.title, c.telegram_chat_id, r.role,
          coalesce(d.at, ${now - WEEK_MS}) as period_from
        from chat_roles r join chats c on c.id = r.chat_id
          left join (
            select substr(o.dedupe_key, 8, strpos(substr(o.dedupe_key, 8), ':') - 1) as chat_key, max(o.created_at) as at
            from outbox o
            where starts_with(o.dedupe_key, 'digest:') and strpos(substr(o.dedupe_key, 8), ':') > 0 and o.state <> 'cancelled'
            group by 1
          ) d on d.chat_key = c.id::text
        where r.user_id = ${userId} and r.until is null and c.active
      )
      select chat_id as "chatId", title, telegram_chat_id as "telegramChatId", role,
        (select min(w.due_at) from response_windows w where w.chat_id = m.chat_id and w.answered_at is null) as "waitingDueAt",
        (select count(*) from response_windows w
          where w.chat_id = m.chat_id and w.opened_at >= m.period_from and w.opened_at < ${now}
            and ((w.answered_at is not null and w.answered_at > w.due_at) or (w.answered_at is null and w.due_at < ${now}))) as breached,
        (select count(*) from obligations b where b.chat_id = m.chat_id and b.kind = 'request' and b.state = 'open' and b.due_at < ${now}) as "overdueRequests",
        (select count(*) from obligations b where b.chat_id = m.chat_id and b.kind = 'revision' and b.state = 'open' and b.due_at < ${now}) as "overdueRevisions",
        (select count(*) from obligations b where b.chat_id = m.chat_id and b.kind = 'stage' and b.state = 'open' and b.due_at < ${now}) as "overdueStages",
        (select count(*) from obligations b where b.chat_id = m.chat_id and b.kind = 'call' and b.state = 'open'
          and b.confirmed_at is not null and b.due_at + ${CALL_LENGTH_MS} <= ${now}) as "unminutedCalls",
        (select count(*) from voice_messages v where v.chat_id = m.chat_id and v.transcribed_at is null) as "voicesWithoutText"
      from mine m
      order by role_id
    `);
    return rows.map((row) => ({
      chatId: Number(row.chatId),
      title: row.title,
      telegramChatId: Number(row.telegramChatId),
      role: row.role as DeskChat["role"],
      waitingDueAt: row.waitingDueAt === null ? null : Number(row.waitingDueAt),
      breached: Number(row.breached),
      overdueRequests: Number(row.overdueRequests),
      overdueRevisions: Number(row.overdueRevisions),
      overdueStages: Number(row.overdueStages),
      unminutedCalls: Number(row.unminutedCalls),
      voicesWithoutText: Number(row.voicesWithoutText),
    }));
  }

  /** Every version of the chat's regulation, oldest first. */
  async regulationHistory(chatId: number): Promise<RegulationVersion[]> {
    const rows = await this.session.queries
      .select()
      .from(regulationVersions)
      .where(eq(regulationVersions.chatId, chatId))
      .orderBy(asc(regulationVersions.version));
    return rows.map((row) => ({
      version: row.version,
      regulation: completeRegulation(JSON.parse(row.settings) as Regulation),
      changedBy: row.changedBy,
      inForceFrom: row.inForceFrom,
    }));
  }

  /** The chat's latest checkpoints, newest first. */
  async recentCheckpoints(chatId: number, limit: number): Promise<CheckpointSummary[]> {
    const rows = await this.session.queries
      .select({ line: events.line, receivedAt: events.receivedAt })
      .from(events)
      .where(checkpointEventsOf(chatId))
      .orderBy(desc(events.seq))
      .limit(limit);
    return rows.map((row) => {
      const { size, root } = checkpointPayloadOf(row.line);
      return { size, root, recordedAt: row.receivedAt };
    });
  }

  /** The last weekly digest sent in the chat, its parts joined (one over Telegram's limit went out as `#1`, `#2`…). */
  async latestDigest(chatId: number): Promise<PostedDigest | undefined> {
    const [latest] = await this.session.queries
      .select({ key: outbox.dedupeKey, createdAt: outbox.createdAt })
      .from(outbox)
      .where(and(startsWith(outbox.dedupeKey, `digest:${chatId}:`), eq(outbox.state, "sent")))
      .orderBy(desc(outbox.createdAt), desc(outbox.id))
      .limit(1);
    if (latest === undefined) return undefined;
    const key = latest.key!.replace(/#\d+$/, "");
    const parts = await messageParts(this.session.queries, chatId, key);
    const dueAt = Number(key.slice(`digest:${chatId}:`.length));
    return {
      id: `w${Math.floor(dueAt / 1000)}`,
      postedAt: latest.createdAt,
      text: parts.map((part) => (JSON.parse(part.payload) as { text: string }).text).join("\n"),
    };
  }

  /** Whether the person's acknowledgement of the digest is in the chat's log. */
  async acknowledged(chatId: number, digestId: string, userId: number): Promise<boolean> {
    const [row] = await this.session.queries
      .select({ seq: events.seq })
      .from(events)
      .where(and(eq(events.chatId, chatId), eq(events.source, digestAckSource(digestId, userId))));
    return row !== undefined;
  }
}
