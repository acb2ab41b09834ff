import { and, asc, desc, eq, lte } from "drizzle-orm";
import {
  parsedSettings,
  type RegulationChange,
  type RegulationRepository,
  type RegulationVersion,
} from "../regulation-repository.js";
import type { RepositoryPort } from "../repository-port.js";
import { chatChainLock } from "./correspondence-repository.js";
import type { ChainAppender, OutboxWriter } from "./collaborators.js";
import { chats, events, regulationVersions } from "./schema.js";
import type { PostgresSession } from "./session.js";

/**
 * `RegulationRepository` on PostgreSQL: a chat's regulation versions, read every time (another
 * process may have saved one); `npm run report` reads through it too.
 */
export class PostgresRegulationRepository implements RepositoryPort<RegulationRepository> {
  constructor(
    private readonly session: PostgresSession,
    private readonly chain: ChainAppender,
    private readonly outbox: OutboxWriter,
  ) {}

  async current(chatId: number): Promise<RegulationVersion | undefined> {
    return this.latest(chatId, Number.MAX_SAFE_INTEGER);
  }

  /** The rules of that day: a dispute about a late answer is judged by them. */
  async inForceAt(chatId: number, at: number): Promise<RegulationVersion | undefined> {
    return this.latest(chatId, at);
  }

  /** Stores a new version, logs it and queues its announcement; returns the version number. */
  async save(change: RegulationChange): Promise<number> {
    return this.session.transaction(async () => {
      // Two processes saving at once would both read the same last version and number theirs
      // alike; the chat's lock makes the second read after the first committed.
      await this.session.lockUntilCommit(chatChainLock(change.chatId));
      const queries = this.session.queries;
      const [previous] = await queries
        .select({ version: regulationVersions.version })
        .from(regulationVersions)
        .where(eq(regulationVersions.chatId, change.chatId))
        .orderBy(desc(regulationVersions.version))
        .limit(1);
      const version = (previous?.version ?? 0) + 1;
      await queries.insert(regulationVersions).values({
        chatId: change.chatId,
        version,
        settings: JSON.stringify(change.regulation),
        changedBy: change.changedBy,
        inForceFrom: change.at,
      });
      await queries.update(chats).set({ language: change.regulation.language }).where(eq(chats.id, change.chatId));
      await this.chain.appendInTransaction([change.record(version)], change.at);
      if (change.announcement) await this.outbox.enqueueInTransaction([change.announcement(version)], change.at);
      return version;
    });
  }

  /**
   * The settings someone chose in this chat, from its log: each logged version names what it
   * changed and what it confirmed as it was; a setting never named still holds regbot's default.
   */
  async chosenSettings(chatId: number): Promise<Set<string>> {
    const chosen = new Set<string>();
    const logged = await this.session.queries
      .select({ line: events.line })
      .from(events)
      .where(and(eq(events.chatId, chatId), eq(events.kind, "regulation")))
      .orderBy(asc(events.seq));
    for (const { line } of logged) {
      const { payload } = JSON.parse(line) as { payload: { changes?: Array<{ key: string }>; confirmed?: string[] } };
      for (const change of payload.changes ?? []) chosen.add(change.key);
      for (const key of payload.confirmed ?? []) chosen.add(key);
    }
    return chosen;
  }

  /** The newest version in force by `at`, by version number as SQLite's repository picks it; never changed (shared). */
  private async latest(chatId: number, at: number): Promise<RegulationVersion | undefined> {
    const [row] = await this.session.queries
      .select()
      .from(regulationVersions)
      .where(and(eq(regulationVersions.chatId, chatId), lte(regulationVersions.inForceFrom, at)))
      .orderBy(desc(regulationVersions.version))
      .limit(1);
    if (row === undefined) return undefined;
    return Object.freeze({
      version: row.version,
      regulation: parsedSettings(row.settings),
      changedBy: row.changedBy,
      inForceFrom: row.inForceFrom,
    });
  }
}
