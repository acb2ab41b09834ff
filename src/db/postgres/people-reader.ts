import { and, eq } from "drizzle-orm";
import type { Person } from "../people-repository.js";
import type { PostgresSession } from "./session.js";
import { people } from "./schema.js";

/** People regbot has seen in each chat, as `PeopleRepository` finds them on SQLite. */
export class PostgresPeopleReader {
  constructor(private readonly session: PostgresSession) {}

  async find(chatId: number, userId: number): Promise<Person | undefined> {
    const [person] = await this.session.queries
      .select()
      .from(people)
      .where(and(eq(people.chatId, chatId), eq(people.userId, userId)));
    return person;
  }
}
