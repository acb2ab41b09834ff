import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/database.js";
import { pressButton } from "../support/buttons.js";
import { clientGroup } from "../support/client-group.js";
import { caughtUpAfterStart, type Harness } from "../support/harness.js";
import { bystander, client, group, specialist } from "../support/updates.js";
import { reportRows } from "../support/report-cli.js";

let harness: Harness;
afterEach(async () => harness?.stop());

const zone = "Europe/Madrid";
const chat = group();
const scenario = clientGroup(chat, zone);
const { setTime, write, tick, lastSent } = scenario;

/** `npm run report` over the pause's days (it reads the wall clock, long after them). */
const report = () => reportRows(harness.databasePath, { zone, from: "2026-12-01", to: "2026-12-03" });

const endNotices = () => scenario.sentSince(0).filter((text) => text.startsWith("The cooling-off pause P1 is over"));

describe("a cooling-off pause", () => {
  it("stops every clock while it runs, and both sides hear once when it ends", async () => {
    harness = await scenario.open("2026-12-01T09:00");
    setTime("2026-12-01T10:00");
    await write(specialist, "/plan add 2026-12-02 Audience analysis");
    setTime("2026-12-01T11:00");
    await write(client, "Why is nothing done yet?!");

    setTime("2026-12-01T11:30");
    expect(await write(client, "/pause 24h We both need a day")).toEqual([
      "Ivan proposes a cooling-off pause P1 of 1 day: We both need a day. While it runs, regbot sends no reminders or warnings and nothing is late: deadlines and the awaited answer move by the paused time. Sofía Marketing (@sofia_smm), please accept or decline it with the buttons by Wed 2 Dec 2026, 11:30 (Europe/Madrid); unanswered, it lapses then.",
    ]);
    const proposal = lastSent();
    expect(JSON.stringify(proposal.reply_markup)).toContain('"callback_data":"pause-ok:');
    await pressButton(harness, proposal, client, "Accept the pause");
    expect(harness.telegram.callbackAnswers.at(-1)).toMatchObject({
      text: "The other side answers this proposal: Sofía Marketing (@sofia_smm).",
    });
    await pressButton(harness, proposal, bystander, "Accept the pause");
    expect(harness.telegram.callbackAnswers.at(-1)).toMatchObject({
      text: "Only the specialists and the client's contact propose or answer a cooling-off pause.",
    });

    // Accepted at 11:40: the pause takes 9 business hours, so the answer (1 h 20 min left) is due Wed 13:00 and S1 a day later.
    setTime("2026-12-01T11:40");
    await pressButton(harness, proposal, specialist, "Accept the pause");
    expect(scenario.sentSince(0).at(-1)).toBe(
      [
        "Sofía Marketing (@sofia_smm) accepted the cooling-off pause P1: it runs until Wed 2 Dec 2026, 11:40 (Europe/Madrid). Until then regbot sends no reminders or warnings and nothing is late.",
        "The answer to the client's message of Tue 1 Dec 2026, 11:00 (Europe/Madrid) is now due by Wed 2 Dec 2026, 13:00 (Europe/Madrid) instead of Tue 1 Dec 2026, 13:00 (Europe/Madrid).",
        "S1 (Audience analysis) moved from Wed 2 Dec 2026, 19:00 (Europe/Madrid) to Thu 3 Dec 2026, 19:00 (Europe/Madrid).",
      ].join("\n"),
    );
    await pressButton(harness, proposal, specialist, "Decline", "again");
    expect(harness.telegram.callbackAnswers.at(-1)).toMatchObject({ text: "Pause P1 has already been answered." });
    expect((await write(specialist, "/pause 2h"))[0]).toBe(
      "A cooling-off pause is already running, until Wed 2 Dec 2026, 11:40 (Europe/Madrid).",
    );
    const running =
      "Cooling-off pause P1 runs until Wed 2 Dec 2026, 11:40 (Europe/Madrid): no reminders or warnings, and nothing is late.";
    expect((await write(client, "/status"))[0]).toContain(running);
    expect((await write(client, "/digest"))[0]).toContain(running);

    // While it runs: no warning, no breach, no reminder, though the old times pass; a new message is owed nothing yet.
    for (const time of ["2026-12-01T12:40", "2026-12-01T13:01", "2026-12-01T18:00", "2026-12-02T10:00"]) {
      setTime(time);
      expect(await tick()).toEqual([]);
    }
    expect(harness.query("select state, due_at from response_windows")).toEqual([
      { state: "open", due_at: scenario.setTime("2026-12-02T13:00") },
    ]);

    // It ends once, also when regbot restarts and when it crashed while saying so.
    // The month's rating, due on its first business day, was not asked during the pause: it is asked now.
    setTime("2026-12-02T11:40");
    const atEnd = await tick();
    expect(atEnd).toHaveLength(2);
    expect(atEnd).toContain(
      "The cooling-off pause P1 is over. Sofía Marketing (@sofia_smm), Ivan: answer times, deadlines and reminders run again.",
    );
    expect(atEnd).toContainEqual(expect.stringContaining("How would you rate the work over the past month?"));
    await harness.restart();
    await caughtUpAfterStart(harness, 2);
    await tick();
    expect(endNotices()).toHaveLength(1);
    await harness.stopRegbot();
    const database = openDatabase(harness.databasePath);
    database.sqlite.prepare("update jobs set state = 'running' where kind = 'pause-end'").run();
    database.close();
    await harness.startRegbot();
    await caughtUpAfterStart(harness, 3);
    await tick();
    expect(harness.query("select attempts, state from jobs where kind = 'pause-end'")).toEqual([
      { attempts: 2, state: "done" },
    ]);
    expect(endNotices()).toHaveLength(1);

    // Then the clocks run again, from the moved due time.
    setTime("2026-12-02T12:40");
    expect(await tick()).toEqual([
      "Sofía Marketing (@sofia_smm), Ivan is waiting for an answer, due by Wed 2 Dec 2026, 13:00 (Europe/Madrid).",
    ]);
    setTime("2026-12-02T13:01");
    expect(await tick()).toEqual([
      "Sofía Marketing (@sofia_smm), the answer to Ivan was due by Wed 2 Dec 2026, 13:00 (Europe/Madrid) and has not been given: the delay is recorded.",
    ]);
    // The stage's reminder of the day it was due waited for the pause; the one for its new due day comes.
    setTime("2026-12-03T10:00");
    expect(await tick()).toEqual([
      "Reminder for Sofía Marketing (@sofia_smm): stage S1 (Audience analysis) is due by Thu 3 Dec 2026, 19:00 (Europe/Madrid).",
    ]);
    expect((await write(client, "/status"))[0]).not.toContain("Cooling-off pause");
    expect(report()).toEqual([expect.objectContaining({ pauses: 1, pausedUntil: null })]);
    expect(
      scenario
        .obligationEvents()
        .filter((event) => event.kind === "pause")
        .map((event) => event.event),
    ).toEqual(["proposed", "accepted", "ended"]);
    expect(scenario.obligationEvents().filter((event) => event.event === "moved")).toEqual([
      expect.objectContaining({ kind: "stage", number: 1, pause: "P1" }),
    ]);
  });

  it("owes no answer to a message written during the pause until the pause is over", async () => {
    harness = await scenario.open("2026-12-01T09:00");
    setTime("2026-12-01T10:00");
    await write(specialist, "/pause 3h");
    await pressButton(harness, lastSent(), client, "Accept the pause");
    setTime("2026-12-01T11:00");
    await write(client, "Are you there?");
    // The pause ends at 13:00; the two hours count from then.
    expect(harness.query("select due_at from response_windows")).toEqual([
      { due_at: scenario.setTime("2026-12-01T15:00") },
    ]);
  });

  it("counts what is asked during the pause from its end, and a new estimate keeps the pause", async () => {
    harness = await scenario.open("2026-12-01T09:00");
    setTime("2026-12-01T09:30");
    await write(client, "/revision Replace the photo in the second post");
    setTime("2026-12-01T10:00");
    await write(specialist, "/pause 24h");
    await pressButton(harness, lastSent(), client, "Accept the pause");
    expect(scenario.sentSince(0).at(-1)).toContain(
      "V1 (Replace the photo in the second post) moved from Thu 3 Dec 2026, 19:00 (Europe/Madrid) to Fri 4 Dec 2026, 19:00 (Europe/Madrid).",
    );

    setTime("2026-12-01T11:00");
    await write(specialist, "/request Brand book");
    expect((await write(client, "/revision Shorter headline"))[0]).toContain(
      "Received Tue 1 Dec, 11:00, counted from Thu 3 Dec, 10:00 over 2 business days: due by Fri 4 Dec 2026, 19:00 (Europe/Madrid)",
    );
    const dueOf = (kind: string, number: number) =>
      harness.query<{ due_at: number }>(
        "select due_at from obligations where kind = ? and number = ?",
        kind,
        number,
      )[0]!.due_at;
    // Three business days from Wed 10:00, the pause's end, rather than from Tue 11:00.
    expect(dueOf("request", 1)).toBe(scenario.setTime("2026-12-07T19:00"));

    // Re-estimated after the pause, both revisions keep the time it took.
    setTime("2026-12-02T12:00");
    await write(specialist, "/estimate V1 2d The client's delay");
    expect(dueOf("revision", 1)).toBe(scenario.setTime("2026-12-04T19:00"));
    await write(specialist, "/estimate V2 3d More copy");
    expect(dueOf("revision", 2)).toBe(scenario.setTime("2026-12-07T19:00"));
  });

  it("can be declined by the other side, or withdrawn by its proposer", async () => {
    harness = await scenario.open("2026-12-01T09:00");
    setTime("2026-12-01T10:00");
    await write(specialist, "/pause 24h");
    const first = lastSent();
    expect((await write(client, "/pause 2h"))[0]).toBe(
      'Pause P1, proposed by Sofía Marketing (@sofia_smm), is still waiting for the other side\'s answer with the buttons under it, until Wed 2 Dec 2026, 10:00 (Europe/Madrid); Sofía Marketing (@sofia_smm) may withdraw it with "Decline".',
    );
    expect((await write(client, "/status"))[0]).toContain(
      "Cooling-off pause P1 proposed by Sofía Marketing (@sofia_smm), waiting for the other side's answer until Wed 2 Dec 2026, 10:00 (Europe/Madrid).",
    );
    await pressButton(harness, first, client, "Decline");
    expect(scenario.sentSince(0).at(-1)).toBe(
      "Ivan declined the cooling-off pause P1; the clocks keep running as before.",
    );
    await write(client, "/pause 2h");
    await pressButton(harness, lastSent(), client, "Decline");
    expect(scenario.sentSince(0).at(-1)).toBe("Ivan withdrew the proposed cooling-off pause P2.");
    expect(harness.query("select count(*) as n from jobs where kind = 'pause-end'")).toEqual([{ n: 0 }]);
    expect(
      scenario
        .obligationEvents()
        .filter((event) => event.kind === "pause")
        .map((event) => event.event),
    ).toEqual(["proposed", "declined", "proposed", "withdrawn"]);
  });

  it("answers bad input politely in the chat's language", async () => {
    harness = await scenario.open("2026-12-01T09:00");
    expect(await write(specialist, "/pause")).toEqual([
      "Please say how long the pause should last, and why if you like. For example: /pause 24h Let's both take a day to think",
    ]);
    expect(await write(specialist, "/pause abc")).toEqual([
      "I could not read \"abc\" as the pause's length. Write a whole number with m, h or d (a day is 24 hours), up to 7 days. For example: /pause 24h Let's both take a day to think",
    ]);
    expect(await write(client, "/pause 8d")).toEqual([
      'A cooling-off pause lasts at most 7 days, and "8d" is longer. For example: /pause 24h Let\'s both take a day to think',
    ]);
    expect(await write(bystander, "/pause 24h")).toEqual([
      "Only the specialists and the client's contact propose or answer a cooling-off pause.",
    ]);
    await write(specialist, "/set language ru");
    expect(await write(specialist, "/pause abc")).toEqual([
      "Не получилось прочитать «abc» как длительность паузы. Напишите целое число с m, h или d (день — 24 часа), не больше чем 7 дней. Например: /pause 24h Давайте оба возьмём день на раздумье",
    ]);
    expect(await write(client, "/pause 200h")).toEqual([
      "Пауза длится не больше чем 7 дней, а «200h» — дольше. Например: /pause 24h Давайте оба возьмём день на раздумье",
    ]);
    await write(specialist, "/set language es");
    expect(await write(bystander, "/pause 24h")).toEqual([
      "Solo los especialistas y el contacto del cliente proponen o responden una pausa.",
    ]);
    expect(harness.query("select count(*) as n from obligations where kind = 'pause'")).toEqual([{ n: 0 }]);
  });
});
