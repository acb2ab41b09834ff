import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PostgresRolesRepository } from "../../src/db/postgres/roles-repository.js";
import type { RepositoryPort } from "../../src/db/repository-port.js";
import type { Role, RoleChange, RolesRepository } from "../../src/db/roles-repository.js";
import { storedRows, type RepositoryPair, repositoryPair } from "../support/repository-pairs.js";

type Roles = RepositoryPort<RolesRepository>;

const chat = { telegramChatId: -1001234567890, type: "supergroup" as const };
const otherChat = { telegramChatId: -1001234567891, type: "supergroup" as const };
const start = 1_790_000_000_000;
const specialist = 401;
const client = 501;
const newClient = 502;
const manager = 601;

let twin: RepositoryPair;
let roles: PostgresRolesRepository;
let updates = 100;
let at = start;

/** A moment a second after the last one. */
function later(): number {
  at += 1_000;
  return at;
}

beforeEach(async () => {
  at = start;
  twin = await repositoryPair();
  roles = new PostgresRolesRepository(twin.session, twin.chain);
  await twin.append([{ chat, kind: "message", source: "update:1", payload: { text: "hi" } }], start);
  await twin.append([{ chat: otherChat, kind: "message", source: "update:2", payload: { text: "hi" } }], start);
});

afterEach(() => twin.close());

async function both<T>(call: (repository: Roles) => Promise<T>): Promise<T> {
  const fromSqlite = await call(twin.repositories.roles);
  const fromPostgres = await call(roles);
  expect(fromPostgres).toEqual(fromSqlite);
  return fromPostgres;
}

async function expectSameRows(): Promise<void> {
  for (const table of ["chatRoles", "clientNominations", "events", "chats"] as const) {
    const { sqlite, postgres } = await storedRows(twin, table);
    expect(postgres, table).toEqual(sqlite);
  }
}

/** A role change as the bot makes it: one update, one logged `roles` event. */
function change(
  chatId: number,
  userId: number,
  at: number,
  action: { action: "grant"; role: Role } | { action: "revoke"; reason: string },
): RoleChange {
  updates += 1;
  return {
    chatId,
    userId,
    at,
    record: {
      chat: chatId === 1 ? chat : otherChat,
      kind: "roles",
      source: `update:${updates}:role:${userId}:${action.action}`,
      senderId: specialist,
      payload: { ...action, userId, by: specialist },
    },
  };
}

function grant(chatId: number, userId: number, role: Role, at: number) {
  return { ...change(chatId, userId, at, { action: "grant", role }), role };
}

describe("PostgresRolesRepository answers and stores as SQLite's", () => {
  it("gives, replaces and ends roles, one client contact and one manager per chat", async () => {
    const calls: Array<[string, (repository: Roles) => Promise<unknown>]> = [];
    const step = (name: string, call: (repository: Roles) => Promise<unknown>) => calls.push([name, call]);
    for (const [userId, role] of [
      [specialist, "specialist"],
      [client, "client"],
      [manager, "manager"],
      [newClient, "client"],
      [specialist, "specialist"],
      [client, "observer"],
      [manager, "manager"],
    ] as const) {
      const granted = grant(1, userId, role, later());
      step(`grant ${userId} ${role}`, (repository) => repository.grant(granted));
    }
    const again = grant(2, manager, "manager", later());
    step("manager elsewhere", (repository) => repository.grant(again));
    const revoked = change(1, client, later(), { action: "revoke", reason: "unassigned" });
    step("revoke the observer", (repository) => repository.revoke(revoked));
    const revokedAgain = change(1, client, later(), { action: "revoke", reason: "left" });
    step("revoke again", (repository) => repository.revoke(revokedAgain));
    const answers = [];
    for (const [, call] of calls) answers.push(await both(call));
    expect(answers).toEqual([true, true, true, true, false, true, false, true, true, false]);

    expect(await both((repository) => repository.usersWithRole(1, "client"))).toEqual([newClient]);
    expect(await both((repository) => repository.usersWithRole(1, "observer"))).toEqual([]);
    expect(await both((repository) => repository.roleOf(1, specialist))).toBe("specialist");
    expect(await both((repository) => repository.roleOf(1, client))).toBeUndefined();
    expect(await both((repository) => repository.roleOf(2, manager))).toBe("manager");
    await expectSameRows();
  });

  it("finds everyone who holds a role in a chat regbot is still in, each once", async () => {
    for (const [chatId, userId] of [
      [1, manager],
      [2, manager],
      [2, 602],
      [1, 603],
    ] as const)
      await both((repository) => repository.grant(grant(chatId, userId, "manager", later())));
    // SQLite leaves their order to its plan; PostgreSQL's repository orders them by id.
    const sorted = (holders: number[]) => [...holders].sort((one, other) => one - other);
    expect(sorted(await twin.repositories.roles.holdersAnywhere("manager"))).toEqual([602, 603]);
    expect(await roles.holdersAnywhere("manager")).toEqual([602, 603]);
    twin.sqlite.orm.run(sql`update chats set active = 0 where id = 2`);
    await twin.postgres.orm.execute(sql`update chats set active = false where id = 2`);
    expect(await twin.repositories.roles.holdersAnywhere("manager")).toEqual([603]);
    expect(await roles.holdersAnywhere("manager")).toEqual([603]);
    expect(await both((repository) => repository.holdersAnywhere("client"))).toEqual([]);
  });

  it("nominates, withdraws the earlier nomination, finds it by source and confirms it", async () => {
    const first = await both((repository) =>
      repository.nominate(1, client, "client", specialist, start + 1_000, "update:5"),
    );
    expect(
      await both((repository) => repository.nominate(1, client, "client", specialist, start + 2_000, "update:5")),
    ).toBe(first);
    expect(await both((repository) => repository.hasPendingNomination(1, "client"))).toBe(true);
    expect(await both((repository) => repository.hasPendingNomination(1, "manager"))).toBe(false);
    const managerNomination = await both((repository) =>
      repository.nominate(1, manager, "manager", specialist, start + 3_000, "update:6"),
    );
    const second = await both((repository) =>
      repository.nominate(1, newClient, "client", specialist, start + 4_000, "update:7"),
    );
    expect(await both((repository) => repository.pendingNomination(first))).toBeUndefined();
    const pending = (await both((repository) => repository.pendingNomination(second)))!;
    expect(pending.userId).toBe(newClient);

    const confirmed = grant(1, newClient, "client", start + 5_000);
    await both((repository) => repository.confirmNomination({ id: pending.id, role: "client" }, confirmed));
    expect(await both((repository) => repository.pendingNomination(second))).toBeUndefined();
    expect(await both((repository) => repository.hasPendingNomination(1, "client"))).toBe(false);
    expect(await both((repository) => repository.roleOf(1, newClient))).toBe("client");
    expect(await both((repository) => repository.pendingNomination(managerNomination))).toBeDefined();
    await expectSameRows();
  });
});

describe("PostgresRolesRepository with two processes", () => {
  /** Another process holds the chat's lock while both calls queue behind it, then lets them race. */
  async function race<T>(calls: Array<() => Promise<T>>): Promise<T[]> {
    const holder = await twin.another();
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let locked = () => {};
    const isLocked = new Promise<void>((resolve) => {
      locked = resolve;
    });
    const holding = holder.session.transaction(async () => {
      await holder.session.lockUntilCommit("regbot:chat:1");
      locked();
      await released;
    });
    await isLocked;
    const running = calls.map((call) => call());
    while ((await lockWaiters()) < calls.length) await new Promise((resolve) => setTimeout(resolve, 10));
    release();
    await holding;
    return Promise.all(running);
  }

  async function lockWaiters(): Promise<number> {
    const { rows } = await twin.postgres.orm.execute<{ waiting: number }>(
      sql`select count(*)::int as waiting from pg_locks where locktype = 'advisory' and not granted`,
    );
    return rows[0]!.waiting;
  }

  it("keeps one client contact when two processes grant it to two people at once", async () => {
    const other = await twin.another();
    const elsewhere = new PostgresRolesRepository(other.session, other.chain);
    await roles.grant(grant(1, client, "client", start + 1_000));
    const granted = await race([
      () => roles.grant(grant(1, newClient, "client", start + 2_000)),
      () => elsewhere.grant(grant(1, 503, "client", start + 2_000)),
    ]);
    expect(granted).toEqual([true, true]);
    expect(await roles.usersWithRole(1, "client")).toHaveLength(1);
  });

  it("gives a person one role when two processes grant them two at once", async () => {
    const other = await twin.another();
    const elsewhere = new PostgresRolesRepository(other.session, other.chain);
    await race([
      () => roles.grant(grant(1, client, "observer", start + 1_000)),
      () => elsewhere.grant(grant(1, client, "specialist", start + 1_000)),
    ]);
    const { postgres: held } = await storedRows(twin, "chatRoles");
    expect(held.filter((row) => (row as { until: number | null }).until === null)).toHaveLength(1);
  });

  it("ends a role and gives another one after the other when two processes do both at once", async () => {
    const other = await twin.another();
    const elsewhere = new PostgresRolesRepository(other.session, other.chain);
    await roles.grant(grant(1, client, "specialist", start + 1_000));
    const done = await race([
      () => roles.grant(grant(1, client, "client", start + 2_000)),
      () => elsewhere.revoke(change(1, client, start + 2_000, { action: "revoke", reason: "unassigned" })),
    ]);
    // Either order ends a role in each call: the revoke ends the specialist's role or the new client's.
    expect(done).toEqual([true, true]);
  });

  it("leaves one nomination pending when two processes nominate at once", async () => {
    const other = await twin.another();
    const elsewhere = new PostgresRolesRepository(other.session, other.chain);
    await race([
      () => roles.nominate(1, client, "client", specialist, start + 1_000, "update:5"),
      () => elsewhere.nominate(1, newClient, "client", specialist, start + 1_000, "update:6"),
    ]);
    const { postgres: nominations } = await storedRows(twin, "clientNominations");
    expect(nominations.map((row) => (row as { state: string }).state).sort()).toEqual(["pending", "withdrawn"]);
  });
});
