import type { Chat, Message, User } from "grammy/types";
import { and, asc, desc, eq, gt } from "drizzle-orm";
import { pressButton } from "./buttons.js";
import { type ClientGroup, clientGroup } from "./client-group.js";
import { freshPostgresDatabase, type ScratchPostgres } from "./postgres.js";
import { client, group, specialist } from "./updates.js";
import { connectionOf, openDatabase, type Database } from "../../src/db/database.js";
import { createRepositories, type Repositories } from "../../src/db/repositories.js";
import * as sqliteSchema from "../../src/db/schema.js";
import { PostgresCorrespondenceRepository } from "../../src/db/postgres/correspondence-repository.js";
import { openPostgres, type PostgresDatabase } from "../../src/db/postgres/database.js";
import { copyDeployment } from "../../src/db/postgres/deployment-copy.js";
import { PostgresOutboxRepository } from "../../src/db/postgres/outbox-repository.js";
import { events, outbox } from "../../src/db/postgres/schema.js";
import * as postgresSchema from "../../src/db/postgres/schema.js";
import { PostgresSession } from "../../src/db/postgres/session.js";

export const zone = "Europe/Madrid";

/** One history in SQLite's repositories and, copied row for row, in a PostgreSQL database. */
export interface TwinDatabases {
  scenario: ClientGroup;
  chat: Chat;
  sqlite: Database;
  repositories: Repositories;
  scratch: ScratchPostgres;
  postgres: PostgresDatabase;
  session: PostgresSession;
  close(): Promise<void>;
}

/** The latest message in the group, or to someone privately, with a button labelled `label`. */
function withButton(scenario: ClientGroup, chat: Chat, label: string): Message {
  const { telegram } = scenario.harness;
  const hasButton = (sent: Message) =>
    sent.reply_markup?.inline_keyboard.flat().some((button) => button.text === label) ?? false;
  const found = [...telegram.sentTo(specialist.id), ...telegram.sentTo(chat.id), ...telegram.edited]
    .filter(hasButton)
    .sort((one, other) => one.message_id - other.message_id)
    .at(-1);
  if (found === undefined) throw new Error(`no message with "${label}"`);
  return found;
}

/**
 * Two weeks of a chat through the real bot on SQLite: questions answered and not, an obligation
 * overdue, a stage done and rated, daily checkpoints and a weekly digest (with its own checkpoint).
 */
export async function twinDatabases(): Promise<TwinDatabases> {
  const chat = group(-1001234567301, "Acme × Sofía");
  const scenario = clientGroup(chat, zone);
  const { setTime, write, tick } = scenario;
  const press = (sent: Message, from: User, label: string) => pressButton(scenario.harness, sent, from, label);
  await scenario.open("2026-11-02T09:00");
  await write(specialist, "/set digest Mon 10:00");
  setTime("2026-11-02T10:00");
  await write(specialist, "/request Access to the ad account");
  await write(specialist, "/plan add 2026-11-04 Audience analysis");
  for (const day of ["03", "04", "05", "06", "07", "08", "09", "10", "11"]) {
    setTime(`2026-11-${day}T11:00`);
    await write(client, `Any news on day ${day}?`);
    if (day !== "05") {
      setTime(`2026-11-${day}T11:30`);
      await write(specialist, `Working on it (${day}).`);
    }
    if (day === "06") {
      await write(specialist, "/plan done S1");
      await press(withButton(scenario, chat, "4"), client, "4");
    }
    for (const time of ["10:00", "13:00", "23:30"]) {
      setTime(`2026-11-${day}T${time}`);
      await tick();
    }
  }
  await scenario.harness.stopRegbot();
  const sqlite = openDatabase(scenario.harness.databasePath);
  const scratch = await freshPostgresDatabase();
  const postgres = await openPostgres(scratch.url);
  await copyDeployment(connectionOf(sqlite.orm), postgres.orm);
  return {
    scenario,
    chat,
    sqlite,
    repositories: createRepositories(sqlite.orm),
    scratch,
    postgres,
    session: new PostgresSession(postgres.orm),
    async close() {
      sqlite.close();
      await postgres.close();
      await scratch.drop();
      await scenario.harness.stop();
    },
  };
}

/** PostgreSQL's correspondence log over the session: what the repositories under test append through. */
export function correspondenceOf(session: PostgresSession): PostgresCorrespondenceRepository {
  return new PostgresCorrespondenceRepository(session);
}

/** PostgreSQL's outbox over the session, appending through `correspondenceOf`. */
export function outboxOf(session: PostgresSession): PostgresOutboxRepository {
  return new PostgresOutboxRepository(session, correspondenceOf(session), { clock: () => Date.now() });
}

/** The outbox rows after `afterId` in both databases, as stored (ids included: the copy continued the identity). */
export async function outboxAfter(
  twins: TwinDatabases,
  afterId: number,
): Promise<{ sqlite: unknown[]; postgres: unknown[] }> {
  const queued = (row: typeof outbox.$inferSelect) => ({
    id: row.id,
    dedupeKey: row.dedupeKey,
    chatId: row.chatId,
    userId: row.userId,
    threadId: row.threadId,
    payload: row.payload,
    priority: row.priority,
    fallback: row.fallback,
    state: row.state,
    createdAt: row.createdAt,
  });
  const sqlite = twins.sqlite.orm
    .select()
    .from(sqliteSchema.outbox)
    .where(gt(sqliteSchema.outbox.id, afterId))
    .orderBy(asc(sqliteSchema.outbox.id))
    .all()
    .map(queued);
  const postgres = (
    await twins.postgres.orm.select().from(outbox).where(gt(outbox.id, afterId)).orderBy(asc(outbox.id))
  ).map(queued);
  return { sqlite, postgres };
}

/** The last outbox row's id in SQLite's database. */
export function lastOutboxId(twins: TwinDatabases): number {
  const [last] = twins.sqlite.orm
    .select({ id: sqliteSchema.outbox.id })
    .from(sqliteSchema.outbox)
    .orderBy(desc(sqliteSchema.outbox.id))
    .limit(1)
    .all();
  return last?.id ?? 0;
}

/** The chat's events from `afterSeq` on in both databases, as stored. */
export async function eventsAfter(
  twins: TwinDatabases,
  chatId: number,
  afterSeq: number,
): Promise<{ sqlite: unknown[]; postgres: unknown[] }> {
  const sqlite = twins.sqlite.orm
    .select({ seq: sqliteSchema.events.seq, line: sqliteSchema.events.line, hash: sqliteSchema.events.hash })
    .from(sqliteSchema.events)
    .where(and(eq(sqliteSchema.events.chatId, chatId), gt(sqliteSchema.events.seq, afterSeq)))
    .orderBy(asc(sqliteSchema.events.seq))
    .all();
  const postgres = await twins.postgres.orm
    .select({ seq: events.seq, line: events.line, hash: events.hash })
    .from(events)
    .where(and(eq(events.chatId, chatId), gt(events.seq, afterSeq)))
    .orderBy(asc(events.seq));
  return { sqlite, postgres };
}

export { client, specialist };

/** The chat's stored Merkle frontier in both databases. */
export async function frontiersInBoth(
  twins: TwinDatabases,
  chatId: number,
): Promise<{ sqlite: unknown; postgres: unknown }> {
  const { chainFrontiers } = sqliteSchema;
  const sqlite = twins.sqlite.orm.select().from(chainFrontiers).where(eq(chainFrontiers.chatId, chatId)).all();
  const postgres = await twins.postgres.orm
    .select()
    .from(postgresSchema.chainFrontiers)
    .where(eq(postgresSchema.chainFrontiers.chatId, chatId));
  return { sqlite, postgres };
}
