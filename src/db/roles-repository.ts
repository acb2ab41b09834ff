import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { EventDraft } from "../domain/correspondence.js";
import type { CorrespondenceRepository } from "./correspondence-repository.js";
import type { Orm } from "./database.js";
import { ReadCache } from "./read-cache.js";
import { chatRoles, chats, clientNominations } from "./schema.js";

export type Role = "specialist" | "observer" | "client" | "manager";
/** Roles that take effect only when the named person confirms; each is held by one person at a time. */
export type ConfirmedRole = "client" | "manager";
/** Roles whose holders follow the chat from their private chat (/chats, the status); an observer and a manager only read. */
export const FOLLOWING_ROLES = ["specialist", "client", "observer", "manager"] as const satisfies readonly Role[];

export interface RoleChange {
  chatId: number;
  userId: number;
  at: number;
  /** The change as an event in the chat's log, written in the same transaction. */
  record: EventDraft;
}

/**
 * Who is who in a chat. A person holds at most one role at a time, the client contact and the
 * manager are one person each, and every change is logged with the periods each role was held.
 */
export class RolesRepository {
  /** Asked several times for nearly every message (whose is it? who is the client contact?). */
  private readonly holders: ReadCache<number, Array<{ userId: number; role: Role }>>;

  constructor(
    private readonly orm: Orm,
    private readonly correspondence: CorrespondenceRepository,
  ) {
    const current = orm
      .select({ userId: chatRoles.userId, role: chatRoles.role })
      .from(chatRoles)
      .where(and(eq(chatRoles.chatId, sql.placeholder("chatId")), isNull(chatRoles.until)))
      .orderBy(asc(chatRoles.id))
      .prepare();
    this.holders = new ReadCache(orm, [chatRoles], (chatId: number) => current.all({ chatId }));
  }

  async usersWithRole(chatId: number, role: Role): Promise<number[]> {
    return this.holders
      .get(chatId)
      .filter((holder) => holder.role === role)
      .map((holder) => holder.userId);
  }

  async roleOf(chatId: number, userId: number): Promise<Role | undefined> {
    return this.holders.get(chatId).find((holder) => holder.userId === userId)?.role;
  }

  /** Everyone who holds the role now in some chat regbot is still in, each once. */
  async holdersAnywhere(role: Role): Promise<number[]> {
    return this.orm
      .selectDistinct({ userId: chatRoles.userId })
      .from(chatRoles)
      .innerJoin(chats, eq(chats.id, chatRoles.chatId))
      .where(and(eq(chatRoles.role, role), isNull(chatRoles.until), eq(chats.active, true)))
      .all()
      .map((row) => row.userId);
  }

  /** Gives the role (ending any other role the person held; a new client or manager replaces the old one). */
  async grant(change: RoleChange & { role: Role }): Promise<boolean> {
    return this.orm.transaction((tx) => {
      const held = tx
        .select({ role: chatRoles.role })
        .from(chatRoles)
        .where(and(eq(chatRoles.chatId, change.chatId), eq(chatRoles.userId, change.userId), isNull(chatRoles.until)))
        .get();
      if (held?.role === change.role) return false;
      tx.update(chatRoles)
        .set({ until: change.at })
        .where(and(eq(chatRoles.chatId, change.chatId), eq(chatRoles.userId, change.userId), isNull(chatRoles.until)))
        .run();
      if (change.role === "client" || change.role === "manager") {
        tx.update(chatRoles)
          .set({ until: change.at })
          .where(and(eq(chatRoles.chatId, change.chatId), eq(chatRoles.role, change.role), isNull(chatRoles.until)))
          .run();
      }
      tx.insert(chatRoles)
        .values({ chatId: change.chatId, userId: change.userId, role: change.role, since: change.at })
        .run();
      this.correspondence.appendWithin(tx, [change.record], change.at);
      return true;
    });
  }

  /** Ends whatever role the person held; false when they held none. */
  async revoke(change: RoleChange): Promise<boolean> {
    return this.orm.transaction((tx) => {
      const ended = tx
        .update(chatRoles)
        .set({ until: change.at })
        .where(and(eq(chatRoles.chatId, change.chatId), eq(chatRoles.userId, change.userId), isNull(chatRoles.until)))
        .run().changes;
      if (ended > 0) this.correspondence.appendWithin(tx, [change.record], change.at);
      return ended > 0;
    });
  }

  /** A new nomination withdraws the one pending for that role; the same `source` again finds the nomination it made. */
  async nominate(
    chatId: number,
    userId: number,
    role: ConfirmedRole,
    nominatedBy: number,
    at: number,
    source: string,
  ): Promise<number> {
    return this.orm.transaction((tx) => {
      const made = tx
        .select({ id: clientNominations.id })
        .from(clientNominations)
        .where(and(eq(clientNominations.chatId, chatId), eq(clientNominations.source, source)))
        .get();
      if (made !== undefined) return made.id;
      tx.update(clientNominations)
        .set({ state: "withdrawn" })
        .where(
          and(
            eq(clientNominations.chatId, chatId),
            eq(clientNominations.role, role),
            eq(clientNominations.state, "pending"),
          ),
        )
        .run();
      return tx
        .insert(clientNominations)
        .values({ chatId, userId, role, nominatedBy, nominatedAt: at, source })
        .returning({ id: clientNominations.id })
        .get().id;
    });
  }

  /** Whether someone was named for the role and has not confirmed yet. */
  async hasPendingNomination(chatId: number, role: ConfirmedRole): Promise<boolean> {
    const pending = this.orm
      .select({ id: clientNominations.id })
      .from(clientNominations)
      .where(
        and(
          eq(clientNominations.chatId, chatId),
          eq(clientNominations.role, role),
          eq(clientNominations.state, "pending"),
        ),
      )
      .get();
    return pending !== undefined;
  }

  async pendingNomination(nominationId: number): Promise<typeof clientNominations.$inferSelect | undefined> {
    return this.orm
      .select()
      .from(clientNominations)
      .where(and(eq(clientNominations.id, nominationId), eq(clientNominations.state, "pending")))
      .get();
  }

  /** The named person confirmed: the nomination closes and they take its role. */
  async confirmNomination(nomination: { id: number; role: ConfirmedRole }, change: RoleChange): Promise<void> {
    const nominationId = nomination.id;
    await this.grant({ ...change, role: nomination.role });
    this.orm.update(clientNominations).set({ state: "confirmed" }).where(eq(clientNominations.id, nominationId)).run();
  }
}
