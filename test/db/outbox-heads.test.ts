import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { CorrespondenceRepository } from "../../src/db/correspondence-repository.js";
import { openDatabase, type Database } from "../../src/db/database.js";
import { OutboxRepository, type OutgoingMessage } from "../../src/db/outbox-repository.js";

let database: Database | undefined;
afterEach(() => database?.close());

function open() {
  database = openDatabase(":memory:");
  const insertChat = database.sqlite.prepare(
    "insert into chats (telegram_chat_id, type, title, created_at) values (?, 'supergroup', 'Acme', 0)",
  );
  const groups = [1, 2, 3].map((index) => Number(insertChat.run(-1000 - index).lastInsertRowid));
  return { outbox: new OutboxRepository(database.orm, new CorrespondenceRepository(database.orm)), groups };
}

/** The definition the sender relies on: the oldest pending message of each destination, soonest first. */
function headsByGrouping(): number[] {
  return (
    database!.sqlite
      .prepare(
        `select id from outbox where id in (
           select min(id) from outbox where state = 'pending' group by coalesce(chat_id, -user_id, 0))
         order by next_attempt_at, id`,
      )
      .all() as Array<{ id: number }>
  ).map((row) => row.id);
}

const steps = fc.array(
  fc.oneof(
    fc.record({ kind: fc.constant("post" as const), destination: fc.nat(5), at: fc.nat(1_000) }),
    fc.record({
      kind: fc.constantFrom("sending" as const, "sent" as const, "failed" as const, "retry" as const),
      pick: fc.nat(),
      at: fc.nat(1_000),
    }),
    fc.record({ kind: fc.constant("cancel-group" as const), destination: fc.nat(2) }),
    fc.record({ kind: fc.constant("recover" as const) }),
  ),
  { maxLength: 60 },
);

describe("the outbox's destination heads", () => {
  it("are always each destination's oldest pending message, whatever is posted, sent, retried or cancelled", async () => {
    await fc.assert(
      fc.asyncProperty(steps, async (plan) => {
        const { outbox, groups } = open();
        let posted = 0;
        for (const step of plan) {
          const ids = (database!.sqlite.prepare("select id from outbox").all() as Array<{ id: number }>).map(
            (row) => row.id,
          );
          const picked = ids.length === 0 || !("pick" in step) ? undefined : ids[step.pick % ids.length]!;
          if (step.kind === "post") {
            // Three groups and three people.
            const to: OutgoingMessage["to"] =
              step.destination < 3 ? { chatId: groups[step.destination]! } : { userId: 500 + step.destination };
            await outbox.enqueue([{ to, text: `message ${posted}`, dedupeKey: `m${posted++}` }], step.at);
          } else if (step.kind === "cancel-group") await outbox.cancelForChat(groups[step.destination]!, "removed");
          else if (step.kind === "recover") await outbox.recoverInterrupted();
          else if (picked !== undefined && step.kind === "sending") await outbox.markSending([picked]);
          else if (picked !== undefined && step.kind === "sent") await outbox.markSent([picked], 1, step.at, []);
          else if (picked !== undefined && step.kind === "failed") await outbox.markFailed([picked], "refused");
          else if (picked !== undefined && step.kind === "retry")
            await outbox.retryLater([picked], step.at, "Telegram failed", false);
          expect((await outbox.destinationHeads(100)).map((row) => row.id)).toEqual(headsByGrouping());
        }
        database!.close();
        database = undefined;
      }),
      { numRuns: 60 },
    );
  });

  it("move on to a destination's next message once its first is sent, and wait for a retry's time", async () => {
    const { outbox, groups } = open();
    const [acme, globex] = groups as [number, number];
    await outbox.enqueue(
      [
        { to: { chatId: acme }, text: "first", dedupeKey: "a1" },
        { to: { chatId: acme }, text: "second", dedupeKey: "a2" },
        { to: { chatId: globex }, text: "other", dedupeKey: "g1" },
      ],
      100,
    );
    const texts = async () =>
      (await outbox.destinationHeads(10)).map((row) => (JSON.parse(row.payload) as { text: string }).text);
    expect(await texts()).toEqual(["first", "other"]);
    const [first] = await outbox.destinationHeads(1);
    await outbox.markSending([first!.id]);
    await outbox.markSent([first!.id], 7, 200, []);
    expect(await texts()).toEqual(["second", "other"]);
    const heads = await outbox.destinationHeads(10);
    await outbox.retryLater([heads[0]!.id], 5_000, "Telegram failed", false);
    expect(await texts(), "the retry waits behind the message due sooner").toEqual(["other", "second"]);
  });
});
