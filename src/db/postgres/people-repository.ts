import { and, desc, eq, sql } from "drizzle-orm";
import type { PeopleRepository, Person } from "../people-repository.js";
import type { RepositoryPort } from "../repository-port.js";
import type { PostgresSession } from "./session.js";
import { people } from "./schema.js";

/** People regbot has seen in each chat (written at ingest), as `PeopleRepository` finds them on SQLite. */
export class PostgresPeopleRepository implements RepositoryPort<PeopleRepository> {
  constructor(private readonly session: PostgresSession) {}

  async find(chatId: number, userId: number): Promise<Person | undefined> {
    const [person] = await this.session.queries
      .select()
      .from(people)
      .where(and(eq(people.chatId, chatId), eq(people.userId, userId)));
    return person;
  }

  /**
   * The person seen most recently with the username, and how many were seen with it. SQLite
   * breaks a tie (seen at the same moment) by which row was inserted last; PostgreSQL keeps no
   * such order, so the larger user id wins.
   */
  async findByUsername(chatId: number, username: string): Promise<{ person: Person; sharedBy: number } | undefined> {
    const seen = await this.session.queries
      .select()
      .from(people)
      .where(
        and(eq(people.chatId, chatId), sql`lower(${people.username}) = ${username.replace(/^@/, "").toLowerCase()}`),
      )
      .orderBy(desc(people.lastSeenAt), desc(people.userId));
    return seen[0] === undefined ? undefined : { person: seen[0], sharedBy: seen.length };
  }
}
