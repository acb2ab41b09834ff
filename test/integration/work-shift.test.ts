import { DateTime } from "luxon";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/database.js";
import { createRepositories } from "../../src/db/repositories.js";
import { pressButton } from "../support/buttons.js";
import { clientGroup } from "../support/client-group.js";
import { settled, type Harness } from "../support/harness.js";
import { client, group, specialist } from "../support/updates.js";

let harness: Harness;
afterEach(async () => harness?.stop());

const zone = "Europe/Madrid";
const chat = group();
const scenario = clientGroup(chat, zone);
const { setTime, said, write, tick, lastSent } = scenario;
const at = (iso: string) => DateTime.fromISO(iso, { zone }).toMillis();
const local = (ms: number) => DateTime.fromMillis(ms, { zone }).toFormat("ccc d HH:mm");
const deadlines = () =>
  harness
    .query<{ kind: string; number: number; due_at: number }>(
      "select kind, number, due_at from obligations where kind != 'request' order by kind, number",
    )
    .map((row) => `${row.kind} ${row.number}: ${local(row.due_at)}`);

async function agencyChat(): Promise<void> {
  harness = await scenario.open();
}

/** Starts regbot again and waits until it has caught up, so work that judges conduct may run. */
async function startAgain(): Promise<void> {
  const caughtUp = () => harness.logs.filter((line) => line.includes("caught up with updates")).length;
  const before = caughtUp();
  await harness.startRegbot();
  await harness.telegram.waitFor(() => caughtUp() > before);
  await settled(harness);
}

/** A plan stage as the plan feature stores it, written through the repository while regbot is down. */
async function planStage(description: string, createdAt: string, dueAt: string): Promise<void> {
  await harness.stopRegbot();
  const database = openDatabase(harness.databasePath);
  const { chats, obligations } = createRepositories(database.orm);
  const stored = (await chats.findByTelegramId(chat.id))!;
  await obligations.create(
    {
      chatId: stored.id,
      kind: "stage",
      description,
      createdBy: specialist.id,
      createdAt: at(createdAt),
      sourceMessageId: null,
      dueAt: at(dueAt),
    },
    (created) => ({
      chat: { telegramChatId: chat.id, type: "supergroup" },
      kind: "obligation",
      source: `obligation:${created.id}:created`,
      payload: { event: "created", kind: "stage", number: created.number },
    }),
  );
  database.close();
  await startAgain();
}

describe("the client's delay moves the specialist's deadlines", () => {
  // Two restarts make this scenario long.
  it("a request provided two days late moves an open revision and a plan stage by the business time the work waited, once", async () => {
    await agencyChat();
    setTime("2026-12-03T16:00");
    await write(specialist, "/request Access to the ad account");
    setTime("2026-12-04T16:40");
    await write(client, "/revision Replace the photo in the second post");
    setTime("2026-12-07T12:00");
    await write(client, "/revision New banner copy");
    await planStage("Audience analysis", "2026-12-07T12:00", "2026-12-11T19:00");
    // Reminders and overdue notices as they fall due, so the chat is not flooded at once.
    for (const moment of [
      "2026-12-07T10:00",
      "2026-12-08T10:00",
      "2026-12-08T19:05",
      "2026-12-09T10:00",
      "2026-12-09T19:05",
    ]) {
      setTime(moment);
      await tick();
    }
    setTime("2026-12-10T11:00");
    expect(await write(client, "/provided R1")).toEqual([
      "R1 provided by Ivan, 2 business days after the deadline; the work waited that long.",
    ]);
    setTime("2026-12-10T11:30");
    const shift = harness.telegram.pushUpdate(said(specialist, "/shift R1"));
    await settled(harness);
    expect(lastSent().text).toBe(
      "R1 was provided 2 business days late: the work waited from Tue 8 Dec 2026, 19:00 (Europe/Madrid) to Thu 10 Dec 2026, 11:00 (Europe/Madrid). That waiting now pauses the specialist's deadlines.\n" +
        "V2 (New banner copy) moved from Wed 9 Dec 2026, 19:00 (Europe/Madrid) to Fri 11 Dec 2026, 11:00 (Europe/Madrid).\n" +
        "S1 (Audience analysis) moved from Fri 11 Dec 2026, 19:00 (Europe/Madrid) to Tue 15 Dec 2026, 11:00 (Europe/Madrid).",
    );
    // V1 was due when the waiting began, so it stays.
    expect(deadlines()).toEqual(["revision 1: Tue 8 19:00", "revision 2: Fri 11 11:00", "stage 1: Tue 15 11:00"]);
    expect(
      harness.query(
        "select jobs.state, jobs.due_at from jobs join obligations on jobs.dedupe_key = 'stage:' || obligations.id || ':overdue' where obligations.kind = 'stage'",
      ),
      "the moved stage is judged at its new deadline",
    ).toEqual([{ state: "pending", due_at: at("2026-12-15T11:00") }]);
    expect(harness.query("select start_at, end_at, created_by from work_pauses")).toEqual([
      { start_at: at("2026-12-08T19:00"), end_at: at("2026-12-10T11:00"), created_by: specialist.id },
    ]);
    expect(await write(specialist, "/shift 1")).toEqual([
      "The waiting on R1 was already applied to the deadlines (Thu 10 Dec 2026, 11:30 (Europe/Madrid)).",
    ]);
    expect(deadlines()).toEqual(["revision 1: Tue 8 19:00", "revision 2: Fri 11 11:00", "stage 1: Tue 15 11:00"]);

    // Handled again after a crash, the command moves nothing further and says nothing twice.
    const before = harness.telegram.sentTo(chat.id).length;
    await harness.stopRegbot();
    const database = openDatabase(harness.databasePath);
    database.sqlite.prepare("update inbox_updates set state = 'pending' where update_id = ?").run(shift.update_id);
    database.close();
    await startAgain();
    expect(harness.telegram.sentTo(chat.id)).toHaveLength(before);
    expect(deadlines()).toEqual(["revision 1: Tue 8 19:00", "revision 2: Fri 11 11:00", "stage 1: Tue 15 11:00"]);

    // V2 was found overdue on Wednesday; moved past now, it is reminded and judged afresh.
    setTime("2026-12-11T10:00");
    expect(await tick()).toEqual([
      "Reminder for Sofía Marketing (@sofia_smm): V2 (New banner copy) is due by Fri 11 Dec 2026, 11:00 (Europe/Madrid).",
    ]);
    setTime("2026-12-11T11:05");
    expect(await tick()).toEqual([
      "V2 (New banner copy) was due by Fri 11 Dec 2026, 11:00 (Europe/Madrid) and is not delivered yet; the delay is recorded.",
    ]);
    const [status] = await write(client, "/status");
    expect(status).toContain("The work has waited on the client 2 business days in total.");
    const events = scenario.obligationEvents();
    expect(
      events
        .filter((event) => ["shifted", "moved"].includes(event.event))
        .map((event) => [event.event, event.kind, event.number, event.dueAt]),
    ).toEqual([
      ["shifted", "request", 1, "2026-12-08T18:00:00.000Z"],
      ["moved", "revision", 2, "2026-12-11T10:00:00.000Z"],
      ["moved", "stage", 1, "2026-12-15T10:00:00.000Z"],
    ]);
  }, 60_000);

  it("a request still overdue: the specialist shifts with the button on its notice, the waiting counted up to now", async () => {
    await agencyChat();
    setTime("2026-12-03T16:00");
    await write(specialist, "/request Brand book");
    setTime("2026-12-07T12:00");
    await write(client, "/revision New banner copy");
    setTime("2026-12-08T10:00");
    await tick();
    setTime("2026-12-08T19:05");
    await tick();
    const notice = harness.telegram
      .sentTo(chat.id)
      .find((sent) =>
        sent.text?.startsWith(
          "R1 (Brand book) was due by Tue 8 Dec 2026, 19:00 (Europe/Madrid) and has not been provided.",
        ),
      )!;
    setTime("2026-12-09T12:00");
    await pressButton(harness, notice, client, "Shift my deadlines");
    expect(harness.telegram.callbackAnswers.at(-1)).toMatchObject({
      show_alert: true,
      text: "Only a specialist of this chat can shift their deadlines.",
    });
    expect(deadlines()).toEqual(["revision 1: Wed 9 19:00"]);
    await pressButton(harness, notice, specialist, "Shift my deadlines");
    expect(lastSent().text).toBe(
      "R1 is still not provided: the work has waited from Tue 8 Dec 2026, 19:00 (Europe/Madrid) until now, Wed 9 Dec 2026, 12:00 (Europe/Madrid). That waiting now pauses the specialist's deadlines; the rest of this wait will not be shifted again.\n" +
        "V1 (New banner copy) moved from Wed 9 Dec 2026, 19:00 (Europe/Madrid) to Thu 10 Dec 2026, 12:00 (Europe/Madrid).",
    );
    expect(deadlines()).toEqual(["revision 1: Thu 10 12:00"]);
    setTime("2026-12-09T19:05");
    expect(await tick()).toEqual([]);
    setTime("2026-12-10T10:00");
    await write(client, "/provided R1");
    expect(await write(specialist, "/shift R1")).toEqual([
      "The waiting on R1 was already applied to the deadlines (Wed 9 Dec 2026, 12:00 (Europe/Madrid)).",
    ]);
    expect(deadlines()).toEqual(["revision 1: Thu 10 12:00"]);
  });

  it("answers bad input precisely, says when there is nothing to shift, and refuses anyone but a specialist", async () => {
    await agencyChat();
    setTime("2026-12-03T16:00");
    await write(specialist, "/request Access to the ad account");
    await write(specialist, "/request Brand book");
    expect(await write(client, "/shift R1")).toEqual([
      "Only a specialist of this chat can do that (Sofía Marketing (@sofia_smm)).",
    ]);
    const unknown = (given: string) =>
      `I don't know the request "${given}". Give the number of a late information request, for example: /shift R1`;
    expect(await write(specialist, "/shift")).toEqual([unknown("—")]);
    expect(await write(specialist, "/shift V1")).toEqual([unknown("V1")]);
    expect(await write(specialist, "/shift R9")).toEqual([unknown("R9")]);
    expect(await write(specialist, "/shift R1")).toEqual([
      "R1 is not overdue: it is due by Tue 8 Dec 2026, 19:00 (Europe/Madrid). Deadlines can be shifted once it is late.",
    ]);
    setTime("2026-12-04T12:00");
    await write(client, "/provided R2");
    expect(await write(specialist, "/shift R2")).toEqual([
      "R2 was provided on time (Tue 8 Dec 2026, 19:00 (Europe/Madrid)), so the work did not wait on it.",
    ]);
    setTime("2026-12-09T12:00");
    expect(await write(specialist, "/shift R1")).toEqual([
      "R1 is still not provided: the work has waited from Tue 8 Dec 2026, 19:00 (Europe/Madrid) until now, Wed 9 Dec 2026, 12:00 (Europe/Madrid). That waiting now pauses the specialist's deadlines; the rest of this wait will not be shifted again.\n" +
        "No open revision or plan stage was due after Tue 8 Dec 2026, 19:00 (Europe/Madrid), so no deadline moves.",
    ]);
    expect(harness.query("select shifted_at from obligations where number = 1 and kind = 'request'")).toEqual([
      { shifted_at: at("2026-12-09T12:00") },
    ]);
  });
});
