import { and, desc, eq, sql } from "drizzle-orm";
import type { EventDraft } from "../domain/correspondence.js";
import { completeRegulation, type Regulation } from "../domain/regulation/regulation.js";
import type { CorrespondenceRepository } from "./correspondence-repository.js";
import type { Orm } from "./database.js";
import type { OutboxRepository, OutgoingMessage } from "./outbox-repository.js";
import { ReadCache } from "./read-cache.js";
import { chats, events, regulationVersions } from "./schema.js";

export interface RegulationVersion {
  version: number;
  regulation: Regulation;
  changedBy: number | null;
  inForceFrom: number;
}

export interface RegulationChange {
  chatId: number;
  regulation: Regulation;
  changedBy: number | null;
  at: number;
  /** The change as an event in the chat's log, and its announcement: both in the same transaction. */
  record: (version: number) => EventDraft;
  announcement?: (version: number) => OutgoingMessage;
}

/**
 * Stored settings as a regulation, kept by their text: a tick reads thousands of chats' rules
 * again after each batch it records, and most chats of an agency share a few texts.
 */
export function parsedSettings(settings: string): Regulation {
  let regulation = parsed.get(settings);
  if (regulation === undefined) {
    if (parsed.size >= PARSED_LIMIT) parsed.clear();
    regulation = Object.freeze(completeRegulation(JSON.parse(settings) as Regulation));
    parsed.set(settings, regulation);
  }
  return regulation;
}

const PARSED_LIMIT = 1_000;
const parsed = new Map<string, Regulation>();

export class RegulationRepository {
  /** Every version of a chat's regulation, newest first: read for nearly every message, and a chat has few. */
  private readonly versions: ReadCache<number, readonly RegulationVersion[]>;

  constructor(
    private readonly orm: Orm,
    private readonly correspondence: CorrespondenceRepository,
    private readonly outbox: OutboxRepository,
  ) {
    const versionsOfChat = orm
      .select()
      .from(regulationVersions)
      .where(eq(regulationVersions.chatId, sql.placeholder("chatId")))
      .orderBy(desc(regulationVersions.version))
      .prepare();
    this.versions = new ReadCache(orm, [regulationVersions], (chatId: number) =>
      versionsOfChat.all({ chatId }).map((row) =>
        Object.freeze({
          version: row.version,
          regulation: parsedSettings(row.settings),
          changedBy: row.changedBy,
          inForceFrom: row.inForceFrom,
        }),
      ),
    );
  }

  async current(chatId: number): Promise<RegulationVersion | undefined> {
    return this.latest(chatId, Number.MAX_SAFE_INTEGER);
  }

  /** The rules of that day: a dispute about a late answer is judged by them. */
  async inForceAt(chatId: number, at: number): Promise<RegulationVersion | undefined> {
    return this.latest(chatId, at);
  }

  /** Stores a new version, logs it and queues its announcement; returns the version number. */
  async save(change: RegulationChange): Promise<number> {
    return this.orm.transaction((tx) => {
      const previous = tx
        .select({ version: regulationVersions.version })
        .from(regulationVersions)
        .where(eq(regulationVersions.chatId, change.chatId))
        .orderBy(desc(regulationVersions.version))
        .limit(1)
        .get();
      const version = (previous?.version ?? 0) + 1;
      tx.insert(regulationVersions)
        .values({
          chatId: change.chatId,
          version,
          settings: JSON.stringify(change.regulation),
          changedBy: change.changedBy,
          inForceFrom: change.at,
        })
        .run();
      tx.update(chats).set({ language: change.regulation.language }).where(eq(chats.id, change.chatId)).run();
      this.correspondence.appendWithin(tx, [change.record(version)], change.at);
      if (change.announcement) this.outbox.enqueueWithin(tx, [change.announcement(version)], change.at);
      return version;
    });
  }

  /**
   * The settings someone chose in this chat, from its log: each logged version names what it
   * changed and what it confirmed as it was; a setting never named still holds regbot's default.
   */
  async chosenSettings(chatId: number): Promise<Set<string>> {
    const chosen = new Set<string>();
    const logged = this.orm
      .select({ line: events.line })
      .from(events)
      .where(and(eq(events.chatId, chatId), eq(events.kind, "regulation")))
      .all();
    for (const { line } of logged) {
      const { payload } = JSON.parse(line) as { payload: { changes?: Array<{ key: string }>; confirmed?: string[] } };
      for (const change of payload.changes ?? []) chosen.add(change.key);
      for (const key of payload.confirmed ?? []) chosen.add(key);
    }
    return chosen;
  }

  /** The newest version in force by `at`; callers share the object, so it is never changed. */
  private async latest(chatId: number, at: number): Promise<RegulationVersion | undefined> {
    return this.versions.get(chatId).find((version) => version.inForceFrom <= at);
  }
}
