import { and, desc, eq, lte } from "drizzle-orm";
import { completeRegulation, type Regulation } from "../../domain/regulation/regulation.js";
import type { RegulationVersion } from "../regulation-repository.js";
import type { PostgresSession } from "./session.js";
import { regulationVersions } from "./schema.js";

/** A chat's regulation versions as `RegulationRepository` reads them on SQLite. */
export class PostgresRegulationReader {
  constructor(private readonly session: PostgresSession) {}

  async current(chatId: number): Promise<RegulationVersion | undefined> {
    return this.latest(chatId, Number.MAX_SAFE_INTEGER);
  }

  /** The rules of that day: a dispute about a late answer is judged by them. */
  async inForceAt(chatId: number, at: number): Promise<RegulationVersion | undefined> {
    return this.latest(chatId, at);
  }

  /** The newest version in force by `at`, by version number as SQLite's repository picks it. */
  private async latest(chatId: number, at: number): Promise<RegulationVersion | undefined> {
    const [row] = await this.session.queries
      .select()
      .from(regulationVersions)
      .where(and(eq(regulationVersions.chatId, chatId), lte(regulationVersions.inForceFrom, at)))
      .orderBy(desc(regulationVersions.version))
      .limit(1);
    if (row === undefined) return undefined;
    return {
      version: row.version,
      regulation: completeRegulation(JSON.parse(row.settings) as Regulation),
      changedBy: row.changedBy,
      inForceFrom: row.inForceFrom,
    };
  }
}
