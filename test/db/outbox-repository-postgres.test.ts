import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { OutboxRow, OutgoingMessage } from "../../src/db/outbox-repository.js";
import { OutboxRowsTaken } from "../../src/db/postgres/outbox-repository.js";
import * as postgresSchema from "../../src/db/postgres/schema.js";
import * as sqliteSchema from "../../src/db/schema.js";
import { describeSent } from "../../src/records/describe-sent.js";
import { ACTIVE_CHAT, LEFT_CHAT, queueTwinsForEachTest, ranked, testClock } from "../support/queue-twins.js";

const LEASE = 60_000;

const { postgres, sqlite } = queueTwinsForEachTest(LEASE);

/** A row as both databases agree on it: ids by rank, no lease. */
function comparable(rows: readonly OutboxRow[], all: readonly OutboxRow[]) {
  const ranks = ranked(all, ["editOf"]);
  return rows.map((row) => ranks[[...all].sort((a, b) => a.id - b.id).findIndex((one) => one.id === row.id)]);
}

/** What the sender records when Telegram answers a message in the active group. */
function sentRecord(messageId: number, text: string) {
  return describeSent("sendMessage", {
    message_id: messageId,
    date: 1_700_000_000 + messageId,
    chat: { id: -1001, type: "supergroup", title: "Active" },
    from: { id: 1, is_bot: true, first_name: "regbot" },
    text,
  });
}

const long = `${"A long line of a report. ".repeat(200)}\n${"And more. ".repeat(300)}`;

const messages: OutgoingMessage[] = [
  { text: "hello", to: { chatId: ACTIVE_CHAT }, dedupeKey: "update:5:hello", replyToMessageId: 10 },
  { text: "a note", to: { chatId: ACTIVE_CHAT }, dedupeKey: "update:5:note", priority: "low" },
  { text: "nudge", to: { chatId: ACTIVE_CHAT, threadId: 3 }, dedupeKey: "update:6:nudge", priority: "low" },
  { text: long, to: { chatId: ACTIVE_CHAT }, dedupeKey: "window:1:report" },
  {
    text: "for you",
    to: { userId: 77, fallback: { chatId: ACTIVE_CHAT, content: { text: "for you, in the group" } } },
    dedupeKey: "window:1:alert",
  },
  { text: "unkeyed", to: { chatId: LEFT_CHAT } },
  { text: "hello again", to: { chatId: ACTIVE_CHAT }, dedupeKey: "update:5:hello" },
  { text: "another note", to: { chatId: ACTIVE_CHAT }, dedupeKey: "update:7:note", priority: "low" },
  { text: "and another", to: { chatId: ACTIVE_CHAT }, dedupeKey: "update:8:note", priority: "low" },
];

describe("PostgreSQL's outbox, beside SQLite's", () => {
  it("answers and stores the same through queueing, sending, failing, redirecting and cancelling", async () => {
    const lite = sqlite();
    const pg = await postgres();
    const sqliteOutbox = lite.repositories.outbox;
    const pgOutbox = pg.outbox;
    const allRows = {
      sqlite: () => lite.database.orm.select().from(sqliteSchema.outbox).all() as OutboxRow[],
      postgres: async () => (await pg.database.orm.select().from(postgresSchema.outbox)) as OutboxRow[],
    };
    /** The same call on both; what each answers, ids by rank. */
    const both = async <T>(
      sqliteCall: () => Promise<T>,
      postgresCall: () => Promise<T>,
      asRows = false,
    ): Promise<{ sqlite: T; postgres: T }> => {
      const answers = { sqlite: await sqliteCall(), postgres: await postgresCall() };
      if (asRows)
        expect(comparable(answers.postgres as OutboxRow[], await allRows.postgres())).toEqual(
          comparable(answers.sqlite as OutboxRow[], allRows.sqlite()),
        );
      else expect(answers.postgres).toEqual(answers.sqlite);
      return answers;
    };
    const keyed = async (key: string) => ({
      sqlite: allRows.sqlite().find((row) => row.dedupeKey === key)!,
      postgres: (await allRows.postgres()).find((row) => row.dedupeKey === key)!,
    });

    await both(
      () => sqliteOutbox.enqueue(messages, 1_000),
      () => pgOutbox.enqueue(messages, 1_000),
    );
    await both(
      () => sqliteOutbox.enqueue([], 1_000),
      () => pgOutbox.enqueue([], 1_000),
    );
    await both(
      () =>
        sqliteOutbox.withRepliesSettled(5, () =>
          sqliteOutbox.enqueue([{ ...messages[0]!, dedupeKey: "update:5:more" }], 1_100),
        ),
      () =>
        pgOutbox.withRepliesSettled(5, () =>
          pgOutbox.enqueue([{ ...messages[0]!, dedupeKey: "update:5:more" }], 1_100),
        ),
    );
    for (const key of [5, 6, 9, 55])
      await both(
        () => sqliteOutbox.hasRepliesTo(key),
        () => pgOutbox.hasRepliesTo(key),
      );
    for (const prefix of ["window:1:", "window:1:report", "update:5", "nothing"])
      await both(
        () => sqliteOutbox.deliverableUnder(prefix),
        () => pgOutbox.deliverableUnder(prefix),
        true,
      );

    const [report, alert] = [await keyed("window:1:report#1"), await keyed("window:1:alert")];
    const edits = (of: OutboxRow) => [
      { of, dedupeKey: "window:1:answered", note: "Answered at 10:00." },
      { of, dedupeKey: "window:1:answered", note: "Twice." },
    ];
    await both(
      () => sqliteOutbox.enqueueEdits(edits(report.sqlite), 1_200),
      () => pgOutbox.enqueueEdits(edits(report.postgres), 1_200),
    );
    await both(
      () =>
        sqliteOutbox.enqueueEdits(
          [
            {
              of: alert.sqlite,
              dedupeKey: "window:1:alert:edit",
              note: "Seen.",
              privateAlertOf: { chat: { chatId: ACTIVE_CHAT } as never, windowId: 1 },
            },
          ],
          1_200,
        ),
      () =>
        pgOutbox.enqueueEdits(
          [
            {
              of: alert.postgres,
              dedupeKey: "window:1:alert:edit",
              note: "Seen.",
              privateAlertOf: { chat: { chatId: ACTIVE_CHAT } as never, windowId: 1 },
            },
          ],
          1_200,
        ),
    );

    await both(
      () => sqliteOutbox.destinationHeads(10),
      () => pgOutbox.destinationHeads(10),
      true,
    );
    await both(
      () => sqliteOutbox.pendingLowPriority(ACTIVE_CHAT),
      () => pgOutbox.pendingLowPriority(ACTIVE_CHAT),
      true,
    );
    for (const chat of [ACTIVE_CHAT, LEFT_CHAT, -77, 99])
      await both(
        () => sqliteOutbox.pendingCount(chat),
        () => pgOutbox.pendingCount(chat),
      );

    // The first message goes out; three low-priority notices go out merged and fail for now.
    const hello = await keyed("update:5:hello");
    await both(
      () => sqliteOutbox.markSending([hello.sqlite.id]),
      () => pgOutbox.markSending([hello.postgres.id]),
    );
    await both(
      () => sqliteOutbox.markSent([hello.sqlite.id], 501, 2_000, sentRecord(501, "hello")),
      () => pgOutbox.markSent([hello.postgres.id], 501, 2_000, sentRecord(501, "hello")),
    );
    const notes = await Promise.all(["update:5:note", "update:7:note", "update:8:note"].map(keyed));
    await both(
      () => sqliteOutbox.markSending(notes.map((note) => note.sqlite.id)),
      () => pgOutbox.markSending(notes.map((note) => note.postgres.id)),
    );
    await both(
      () =>
        sqliteOutbox.retryLater(
          notes.map((note) => note.sqlite.id),
          3_000,
          "timeout",
          true,
          2_100,
        ),
      () =>
        pgOutbox.retryLater(
          notes.map((note) => note.postgres.id),
          3_000,
          "timeout",
          true,
          2_100,
        ),
    );
    // The person never started regbot: the alert goes to the group, and its edit follows it.
    await both(
      () => sqliteOutbox.markSending([alert.sqlite.id]),
      () => pgOutbox.markSending([alert.postgres.id]),
    );
    const sentAlert = await keyed("window:1:alert");
    await both(
      () => sqliteOutbox.redirectToGroup(sentAlert.sqlite, 2_200),
      () => pgOutbox.redirectToGroup(sentAlert.postgres, 2_200),
    );
    const nudge = await keyed("update:6:nudge");
    await both(
      () => sqliteOutbox.markFailed([nudge.sqlite.id], "bad request"),
      () => pgOutbox.markFailed([nudge.postgres.id], "bad request"),
    );
    const notice: OutgoingMessage[] = [
      { text: "not delivered", to: { chatId: ACTIVE_CHAT }, dedupeKey: "undelivered:1" },
    ];
    await both(
      () => sqliteOutbox.markUndelivered([notes[1]!.sqlite.id], "gave up", sentRecord(502, "gave up"), notice, 2_300),
      () => pgOutbox.markUndelivered([notes[1]!.postgres.id], "gave up", sentRecord(502, "gave up"), notice, 2_300),
    );
    const unkeyed = (await allRows.postgres()).find((row) => row.dedupeKey === null)!;
    const unkeyedSqlite = allRows.sqlite().find((row) => row.dedupeKey === null)!;
    await both(
      () => sqliteOutbox.markSending([unkeyedSqlite.id]),
      () => pgOutbox.markSending([unkeyed.id]),
    );
    await both(
      () => sqliteOutbox.cancelForChat(LEFT_CHAT, "removed"),
      () => pgOutbox.cancelForChat(LEFT_CHAT, "removed"),
    );
    const answered = await keyed("window:1:answered");
    await both(
      () => sqliteOutbox.cancel([answered.sqlite.id], "never went out"),
      () => pgOutbox.cancel([answered.postgres.id], "never went out"),
    );
    await both(
      () => sqliteOutbox.find(hello.sqlite.id).then((row) => [row!]),
      () => pgOutbox.find(hello.postgres.id).then((row) => [row!]),
      true,
    );
    await both(
      () => sqliteOutbox.destinationHeads(10),
      () => pgOutbox.destinationHeads(10),
      true,
    );

    expect(ranked(await allRows.postgres(), ["editOf"])).toEqual(ranked(allRows.sqlite(), ["editOf"]));
    expect(allRows.sqlite().length).toBeGreaterThan(12);
    const events = {
      sqlite: lite.database.orm.select().from(sqliteSchema.events).orderBy(sqliteSchema.events.seq).all(),
      postgres: await pg.database.orm.select().from(postgresSchema.events).orderBy(postgresSchema.events.seq),
    };
    expect(events.postgres).toEqual(events.sqlite);
    expect(events.sqlite.map((event) => event.source)).toEqual(["sent:-1001:501", "sent:-1001:502"]);
    const heads = {
      sqlite: lite.database.orm.select().from(sqliteSchema.outboxHeads).all().length,
      postgres: (await pg.database.orm.select().from(postgresSchema.outboxHeads)).length,
    };
    expect(heads.postgres).toBe(heads.sqlite);
    expect((await allRows.postgres()).map((row) => row.dedupeKey)).toContain("window:1:alert:edit:fallback");
  });
});

describe("PostgreSQL's outbox leases", () => {
  it("leave a message being sent alone, and after its sender died make it pending and uncertain", async () => {
    const clock = testClock(10_000);
    const [sender, other] = [await postgres(clock), await postgres(clock)];
    await sender.outbox.enqueue([{ text: "hi", to: { chatId: ACTIVE_CHAT }, dedupeKey: "hi" }], 0);
    const [head] = await sender.outbox.destinationHeads(10);
    await sender.outbox.markSending([head!.id]);

    clock.set(10_000 + LEASE - 1);
    expect(await other.outbox.destinationHeads(10)).toEqual([]);
    expect(await other.outbox.recoverInterrupted()).toBe(0);
    expect(await other.outbox.find(head!.id)).toMatchObject({ state: "sending", uncertain: false });

    clock.set(10_000 + LEASE);
    const [again] = await other.outbox.destinationHeads(10);
    expect(again).toMatchObject({ id: head!.id, state: "pending", uncertain: true, attempts: 1, claimedUntil: null });
    await other.outbox.markSending([head!.id]);
    await other.outbox.markSent([head!.id], 7, 20_000, []);
    expect(await other.outbox.find(head!.id)).toMatchObject({
      state: "sent",
      attempts: 2,
      uncertain: true,
      claimedUntil: null,
    });
  });

  it("refuses a message another sender took, and one behind a message on its way to the same destination", async () => {
    const clock = testClock(10_000);
    const [sender, other] = [await postgres(clock), await postgres(clock)];
    await sender.outbox.enqueue(
      [
        { text: "first", to: { chatId: ACTIVE_CHAT }, dedupeKey: "first" },
        { text: "second", to: { chatId: ACTIVE_CHAT }, dedupeKey: "second" },
        { text: "elsewhere", to: { userId: 5 }, dedupeKey: "elsewhere" },
      ],
      0,
    );
    const [first, second, elsewhere] = (await sender.database.orm.select().from(postgresSchema.outbox)).sort(
      (a, b) => a.id - b.id,
    );
    await sender.outbox.markSending([first!.id]);
    expect((await other.outbox.destinationHeads(10)).map((row) => row.dedupeKey)).toEqual(["elsewhere"]);
    await expect(other.outbox.markSending([first!.id])).rejects.toBeInstanceOf(OutboxRowsTaken);
    await expect(other.outbox.markSending([second!.id])).rejects.toBeInstanceOf(OutboxRowsTaken);
    expect(await other.outbox.find(second!.id)).toMatchObject({ state: "pending", attempts: 0 });
    await other.outbox.markSending([elsewhere!.id]);

    await sender.outbox.markSent([first!.id], 1, 10_000, []);
    await other.outbox.markSending([second!.id]);
    expect(await other.outbox.find(second!.id)).toMatchObject({ state: "sending", claimedUntil: 10_000 + LEASE });
  });
});

describe("two processes queueing and sending at once", () => {
  it("keep a message queued while another process marks its destination's head sending", async () => {
    const clock = testClock(10_000);
    const [handler, sender] = [await postgres(clock), await postgres(clock)];
    await handler.outbox.enqueue([{ text: "first", to: { chatId: ACTIVE_CHAT }, dedupeKey: "first" }], 0);
    const [first] = await sender.outbox.destinationHeads(10);
    let marking: Promise<void> | undefined;
    let marked = false;
    const waiting = async () =>
      (
        await handler.database.orm.execute<{ n: string }>(
          sql`select count(*) as n from pg_locks where not granted and locktype = 'transactionid'`,
        )
      ).rows[0]!.n !== "0";
    await handler.session.transaction(async () => {
      await handler.outbox.enqueueInTransaction(
        [{ text: "second", to: { chatId: ACTIVE_CHAT }, dedupeKey: "second" }],
        0,
      );
      marking = sender.outbox.markSending([first!.id]);
      void marking.then(() => (marked = true));
      // The sender's recomputing of the head waits for this transaction (or, were it not to, ends first).
      while (!marked && !(await waiting())) await new Promise((resolve) => setTimeout(resolve, 20));
    });
    await marking;
    await sender.outbox.markSent([first!.id], 1, 10_000, []);
    expect((await sender.outbox.destinationHeads(10)).map((row) => row.dedupeKey)).toEqual(["second"]);
  });

  it("send each message once, one at a time per destination", async () => {
    const clock = testClock(10_000);
    const [one, other] = [await postgres(clock), await postgres(clock)];
    const queued: OutgoingMessage[] = [];
    for (let index = 0; index < 120; index++)
      queued.push({ text: `message ${index}`, to: { userId: 1 + (index % 30) }, dedupeKey: `m:${index}` });
    await one.outbox.enqueue(queued, 0);

    /** Each message as it was marked sending, by either process. */
    const taken: OutboxRow[] = [];
    const send = async (process: typeof one): Promise<number[]> => {
      const sent: number[] = [];
      for (
        let heads = await process.outbox.destinationHeads(500);
        heads.length > 0;
        heads = await process.outbox.destinationHeads(500)
      )
        for (const head of heads) {
          try {
            await process.outbox.markSending([head.id]);
          } catch (error) {
            if (error instanceof OutboxRowsTaken) continue;
            throw error;
          }
          sent.push(head.id);
          taken.push(head);
          await process.outbox.markSent([head.id], head.id, 20_000, []);
        }
      return sent;
    };
    const [byOne, byOther] = await Promise.all([send(one), send(other)]);

    expect(byOne.length).toBeGreaterThan(0);
    expect(byOther.length).toBeGreaterThan(0);
    expect(byOne.filter((id) => byOther.includes(id))).toEqual([]);
    expect(byOne.length + byOther.length).toBe(120);
    const rows = await one.database.orm.select().from(postgresSchema.outbox);
    expect(rows.every((row) => row.state === "sent" && row.attempts === 1)).toBe(true);
    for (let user = 1; user <= 30; user++) {
      const ids = taken.filter((row) => row.userId === user).map((row) => row.id);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
    }
  });
});
