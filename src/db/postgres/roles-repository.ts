import { and, asc, eq, isNull } from "drizzle-orm";
import type { RepositoryPort } from "../repository-port.js";
import type { ConfirmedRole, Role, RoleChange, RolesRepository } from "../roles-repository.js";
import { chatChainLock } from "./correspondence-repository.js";
import type { ChainAppender } from "./collaborators.js";
import { chatRoles, chats, clientNominations } from "./schema.js";
import type { PostgresSession } from "./session.js";

/**
 * `RolesRepository` on PostgreSQL: who is who in a chat. A person holds at most one role at a
 * time, the client contact and the manager are one person each, and every change is logged.
 * It reads the roles every time: another process may have changed them.
 */
export class PostgresRolesRepository implements RepositoryPort<RolesRepository> {
  constructor(
    private readonly session: PostgresSession,
    private readonly chain: ChainAppender,
  ) {}

  async usersWithRole(chatId: number, role: Role): Promise<number[]> {
    const holders = await this.session.queries
      .select({ userId: chatRoles.userId })
      .from(chatRoles)
      .where(and(eq(chatRoles.chatId, chatId), eq(chatRoles.role, role), isNull(chatRoles.until)))
      .orderBy(asc(chatRoles.id));
    return holders.map((holder) => holder.userId);
  }

  async roleOf(chatId: number, userId: number): Promise<Role | undefined> {
    const [held] = await this.session.queries
      .select({ role: chatRoles.role })
      .from(chatRoles)
      .where(and(eq(chatRoles.chatId, chatId), eq(chatRoles.userId, userId), isNull(chatRoles.until)))
      .orderBy(asc(chatRoles.id))
      .limit(1);
    return held?.role;
  }

  /** Everyone who holds the role now in some chat regbot is still in, each once. */
  async holdersAnywhere(role: Role): Promise<number[]> {
    const holders = await this.session.queries
      .selectDistinct({ userId: chatRoles.userId })
      .from(chatRoles)
      .innerJoin(chats, eq(chats.id, chatRoles.chatId))
      .where(and(eq(chatRoles.role, role), isNull(chatRoles.until), eq(chats.active, true)))
      .orderBy(asc(chatRoles.userId));
    return holders.map((holder) => holder.userId);
  }

  /** Gives the role (ending any other role the person held; a new client or manager replaces the old one). */
  async grant(change: RoleChange & { role: Role }): Promise<boolean> {
    return this.session.transaction(async () => {
      await this.lockRolesOf(change.chatId);
      const queries = this.session.queries;
      const [held] = await queries
        .select({ role: chatRoles.role })
        .from(chatRoles)
        .where(and(eq(chatRoles.chatId, change.chatId), eq(chatRoles.userId, change.userId), isNull(chatRoles.until)))
        .limit(1);
      if (held?.role === change.role) return false;
      await queries
        .update(chatRoles)
        .set({ until: change.at })
        .where(and(eq(chatRoles.chatId, change.chatId), eq(chatRoles.userId, change.userId), isNull(chatRoles.until)));
      if (change.role === "client" || change.role === "manager") {
        await queries
          .update(chatRoles)
          .set({ until: change.at })
          .where(and(eq(chatRoles.chatId, change.chatId), eq(chatRoles.role, change.role), isNull(chatRoles.until)));
      }
      await queries
        .insert(chatRoles)
        .values({ chatId: change.chatId, userId: change.userId, role: change.role, since: change.at });
      await this.chain.appendInTransaction([change.record], change.at);
      return true;
    });
  }

  /** Ends whatever role the person held; false when they held none. */
  async revoke(change: RoleChange): Promise<boolean> {
    return this.session.transaction(async () => {
      await this.lockRolesOf(change.chatId);
      const ended = await this.session.queries
        .update(chatRoles)
        .set({ until: change.at })
        .where(and(eq(chatRoles.chatId, change.chatId), eq(chatRoles.userId, change.userId), isNull(chatRoles.until)));
      const changed = (ended.rowCount ?? 0) > 0;
      if (changed) await this.chain.appendInTransaction([change.record], change.at);
      return changed;
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
    return this.session.transaction(async () => {
      // Two nominations at once would each withdraw the pending one and leave two pending.
      await this.lockRolesOf(chatId);
      const queries = this.session.queries;
      const [made] = await queries
        .select({ id: clientNominations.id })
        .from(clientNominations)
        .where(and(eq(clientNominations.chatId, chatId), eq(clientNominations.source, source)));
      if (made !== undefined) return made.id;
      await queries
        .update(clientNominations)
        .set({ state: "withdrawn" })
        .where(
          and(
            eq(clientNominations.chatId, chatId),
            eq(clientNominations.role, role),
            eq(clientNominations.state, "pending"),
          ),
        );
      const [nominated] = await queries
        .insert(clientNominations)
        .values({ chatId, userId, role, nominatedBy, nominatedAt: at, source })
        .returning({ id: clientNominations.id });
      return nominated!.id;
    });
  }

  /** Whether someone was named for the role and has not confirmed yet. */
  async hasPendingNomination(chatId: number, role: ConfirmedRole): Promise<boolean> {
    const [pending] = await this.session.queries
      .select({ id: clientNominations.id })
      .from(clientNominations)
      .where(
        and(
          eq(clientNominations.chatId, chatId),
          eq(clientNominations.role, role),
          eq(clientNominations.state, "pending"),
        ),
      )
      .limit(1);
    return pending !== undefined;
  }

  async pendingNomination(nominationId: number): Promise<typeof clientNominations.$inferSelect | undefined> {
    const [pending] = await this.session.queries
      .select()
      .from(clientNominations)
      .where(and(eq(clientNominations.id, nominationId), eq(clientNominations.state, "pending")));
    return pending;
  }

  /** The named person confirmed: the nomination closes and they take its role, in one transaction. */
  async confirmNomination(nomination: { id: number; role: ConfirmedRole }, change: RoleChange): Promise<void> {
    await this.session.transaction(async () => {
      await this.grant({ ...change, role: nomination.role });
      await this.session.queries
        .update(clientNominations)
        .set({ state: "confirmed" })
        .where(eq(clientNominations.id, nomination.id));
    });
  }

  /**
   * SQLite's one writer made each change's read-then-write atomic; here processes race. Holding
   * the chat's lock until commit keeps one role per person and ONE client contact (and manager)
   * per chat: a second grant reads the roles only after the first committed.
   */
  private async lockRolesOf(chatId: number): Promise<void> {
    await this.session.lockUntilCommit(chatChainLock(chatId));
  }
}
