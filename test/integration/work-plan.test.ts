import { DateTime } from "luxon";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/database.js";
import { pressFirstButton } from "../support/buttons.js";
import { clientGroup } from "../support/client-group.js";
import { settled, type Harness } from "../support/harness.js";
import { bystander, client, edit, group, specialist } from "../support/updates.js";

let harness: Harness;
afterEach(async () => harness?.stop());

const zone = "Europe/Madrid";
const chat = group();
const scenario = clientGroup(chat, zone);
const { setTime, said, write, tick, sentSince } = scenario;

async function agencyChat(): Promise<void> {
  harness = await scenario.open();
}

const planEvents = () => scenario.obligationEvents().map((payload) => `${payload.event} S${payload.number}`);

describe("the work plan", () => {
  it("adds stages with deadlines, reminds the specialist, says once when one is overdue, and records it done", async () => {
    await agencyChat();
    setTime("2026-12-03T16:00");
    expect(await write(specialist, "/plan add 2026-12-10 Audience analysis")).toEqual([
      'S1 added to the work plan: Audience analysis, due by Thu 10 Dec 2026, 19:00 (Europe/Madrid).\n"2026-12-10" read as Thu 10 Dec 2026, 19:00 (Europe/Madrid), the close of contact hours that day.',
    ]);
    expect(await write(specialist, "/plan add tomorrow 12:00 Creative brief")).toEqual([
      'S2 added to the work plan: Creative brief, due by Fri 4 Dec 2026, 12:00 (Europe/Madrid).\n"tomorrow 12:00" read as Fri 4 Dec 2026, 12:00 (Europe/Madrid).',
    ]);
    expect(await write(client, "/plan")).toEqual([
      [
        "Work plan: 0 of 2 stages done.",
        "• S1 Audience analysis: due by Thu 10 Dec 2026, 19:00 (Europe/Madrid)",
        "▶ S2 Creative brief: due by Fri 4 Dec 2026, 12:00 (Europe/Madrid)",
      ].join("\n"),
    ]);
    setTime("2026-12-04T10:00");
    expect(await tick()).toEqual([
      "Reminder for Sofía Marketing (@sofia_smm): stage S2 (Creative brief) is due by Fri 4 Dec 2026, 12:00 (Europe/Madrid).",
    ]);
    setTime("2026-12-04T12:05");
    expect(await tick()).toEqual([
      "Stage S2 (Creative brief) was due by Fri 4 Dec 2026, 12:00 (Europe/Madrid) and is not done yet.",
    ]);
    expect(await tick()).toEqual([]);
    const [status] = await write(client, "/status");
    expect(status).toContain("Overdue stage: S2 (Creative brief), due by Fri 4 Dec 2026, 12:00 (Europe/Madrid).");
    expect(status).toContain(
      "Work plan: 0 of 2 stages done; now S1 (Audience analysis), due by Thu 10 Dec 2026, 19:00 (Europe/Madrid).",
    );
    setTime("2026-12-07T11:00");
    expect(await write(specialist, "/plan done 2")).toEqual([
      "S2 (Creative brief) done, one business day after its deadline. Marked by Sofía Marketing (@sofia_smm).",
    ]);
    setTime("2026-12-09T10:00");
    expect(await tick()).toEqual([
      "Reminder for Sofía Marketing (@sofia_smm): stage S1 (Audience analysis) is due by Thu 10 Dec 2026, 19:00 (Europe/Madrid).",
    ]);
    const reminder = harness.telegram.sentTo(chat.id).at(-1)!;
    await pressFirstButton(harness, reminder, specialist);
    expect(harness.telegram.sentTo(chat.id).at(-1)!.text).toBe(
      "S1 (Audience analysis) done, on time. Marked by Sofía Marketing (@sofia_smm).",
    );
    setTime("2026-12-10T10:00");
    expect(await tick()).toEqual([]);
    expect(planEvents()).toEqual(["created S1", "created S2", "overdue S2", "done S2", "done S1"]);
    expect(harness.query("select number, state, business_days_late from obligations order by number")).toEqual([
      { number: 1, state: "done", business_days_late: 0 },
      { number: 2, state: "done", business_days_late: 1 },
    ]);
  });

  it("moves a stage, showing the old and the new date, and reminds and warns by the new one, even after an overdue notice", async () => {
    await agencyChat();
    setTime("2026-12-03T16:00");
    await write(specialist, "/plan add Mon Targeting");
    setTime("2026-12-07T19:05");
    // The reminders' times passed while nobody ticked: a reminder after the deadline is not sent.
    expect(await tick()).toEqual([
      "Stage S1 (Targeting) was due by Mon 7 Dec 2026, 19:00 (Europe/Madrid) and is not done yet.",
    ]);
    setTime("2026-12-07T19:30");
    expect(await write(specialist, "/plan move S1 Dec 10")).toEqual([
      'S1 (Targeting) moved from Mon 7 Dec 2026, 19:00 (Europe/Madrid) to Thu 10 Dec 2026, 19:00 (Europe/Madrid).\n"Dec 10" read as Thu 10 Dec 2026, 19:00 (Europe/Madrid), the close of contact hours that day.',
    ]);
    expect(await write(client, "/plan")).toEqual([
      "Work plan: 0 of 1 stage done.\n▶ S1 Targeting: due by Thu 10 Dec 2026, 19:00 (Europe/Madrid)",
    ]);
    setTime("2026-12-09T10:00");
    expect(await tick()).toEqual([
      "Reminder for Sofía Marketing (@sofia_smm): stage S1 (Targeting) is due by Thu 10 Dec 2026, 19:00 (Europe/Madrid).",
    ]);
    expect(await write(specialist, "/plan rename S1 Targeting and ad formats")).toEqual([
      'S1 renamed: "Targeting" is now "Targeting and ad formats".',
    ]);
    setTime("2026-12-10T19:01");
    expect(await tick()).toEqual([
      "Stage S1 (Targeting and ad formats) was due by Thu 10 Dec 2026, 19:00 (Europe/Madrid) and is not done yet.",
    ]);
    expect(planEvents()).toEqual(["created S1", "overdue S1", "moved S1", "renamed S1", "overdue S1"]);
    const moved = harness
      .query<{ line: string }>("select line from events where kind = 'obligation' and source like '%:moved:%'")
      .map((row) => JSON.parse(row.line).payload);
    expect(moved).toEqual([
      expect.objectContaining({ from: "2026-12-07T18:00:00.000Z", dueAt: "2026-12-10T18:00:00.000Z" }),
    ]);
  });

  it("honours a deadline moved elsewhere (as a pause moves it): the notices follow the stage's current deadline", async () => {
    await agencyChat();
    setTime("2026-12-03T16:00");
    await write(specialist, "/plan add 2026-12-04 Report");
    await harness.stopRegbot();
    const database = openDatabase(harness.databasePath);
    database.sqlite
      .prepare("update obligations set due_at = ? where number = 1")
      .run(DateTime.fromISO("2026-12-08T19:00", { zone }).toMillis());
    database.close();
    await harness.startRegbot();
    // Notices that judge conduct wait until the updates of the downtime are handled.
    await harness.telegram.waitFor(() => harness.logs.filter((line) => line.includes("caught up")).length === 2);
    setTime("2026-12-04T19:05");
    expect(await tick()).toEqual([]);
    setTime("2026-12-07T10:00");
    expect(await tick()).toEqual([
      "Reminder for Sofía Marketing (@sofia_smm): stage S1 (Report) is due by Tue 8 Dec 2026, 19:00 (Europe/Madrid).",
    ]);
    setTime("2026-12-08T19:05");
    expect(await tick()).toEqual([
      "Stage S1 (Report) was due by Tue 8 Dec 2026, 19:00 (Europe/Madrid) and is not done yet.",
    ]);
  });

  it("takes changes from specialists only, and says so", async () => {
    await agencyChat();
    setTime("2026-12-03T16:00");
    const refusal = "Only a specialist of this chat can do that (Sofía Marketing (@sofia_smm)).";
    expect(await write(client, "/plan add 2026-12-10 Audience analysis")).toEqual([refusal]);
    await write(specialist, "/plan add 2026-12-10 Audience analysis");
    const added = harness.telegram.sentTo(chat.id).at(-1)!;
    expect(await write(client, "/plan move S1 2026-12-20")).toEqual([refusal]);
    expect(await write(bystander, "/plan rename S1 Something else")).toEqual([refusal]);
    expect(await write(client, "/plan done S1")).toEqual([refusal]);
    await pressFirstButton(harness, added, client);
    expect(harness.telegram.callbackAnswers.at(-1)).toMatchObject({
      show_alert: true,
      text: "Only a specialist of this chat marks stages done.",
    });
    expect(harness.query("select state, description, due_at from obligations")).toEqual([
      {
        state: "open",
        description: "Audience analysis",
        due_at: DateTime.fromISO("2026-12-10T19:00", { zone }).toMillis(),
      },
    ]);
  });

  it("answers bad input precisely, with an example", async () => {
    await agencyChat();
    setTime("2026-12-03T16:00");
    expect(await write(specialist, "/plan add")).toEqual([
      "The date is missing.\nFor example: /plan add 2026-12-10 Audience analysis",
    ]);
    expect(await write(specialist, "/plan add Audience analysis")).toEqual([
      'I could not read a date at "Audience".\nFor example: /plan add 2026-12-10 Audience analysis',
    ]);
    expect(await write(specialist, "/plan add 10/12 Audience analysis")).toEqual([
      '"10/12" can be read two ways (day first or month first); write 2026-12-10 or Dec 10.\nFor example: /plan add 2026-12-10 Audience analysis',
    ]);
    expect(await write(specialist, "/plan add 2026-11-30 Audience analysis")).toEqual([
      '"2026-11-30" is already in the past.\nFor example: /plan add 2026-12-10 Audience analysis',
    ]);
    expect(await write(specialist, "/plan add 2026-02-30 Audience analysis")).toEqual([
      "There is no such date: 2026-02-30.\nFor example: /plan add 2026-12-10 Audience analysis",
    ]);
    expect(await write(specialist, "/plan add 2026-12-10")).toEqual([
      "What is the stage called? Write it after the date, for example: /plan add 2026-12-10 Audience analysis",
    ]);
    expect(await write(specialist, "/plan done S9")).toEqual([
      'I don\'t know the stage "S9". Give its number, for example: /plan done S1',
    ]);
    expect(await write(specialist, "/plan frobnicate")).toEqual([
      "The work plan: /plan shows it; specialists use /plan add <date> <title>, /plan rename <n> <title>, /plan move <n> <date>, /plan done <n>. For example: /plan add 2026-12-10 Audience analysis",
    ]);
    expect(await write(specialist, "/plan")).toEqual([
      "The work plan has no stages yet. A specialist adds them, for example: /plan add 2026-12-10 Audience analysis",
    ]);
    await write(specialist, "/plan add 2026-12-10 Audience analysis");
    expect(await write(specialist, "/plan move S1 next week")).toEqual([
      'I could not read a date at "next".\nFor example: /plan move S1 2026-12-15',
    ]);
    expect(await write(specialist, "/plan move S1 2026-12-15 please")).toEqual([
      'I could not read a date at "please".\nFor example: /plan move S1 2026-12-15',
    ]);
    expect(await write(specialist, "/plan rename S1")).toEqual([
      "What is the stage's new name? For example: /plan rename S1 Audience research",
    ]);
    expect(harness.query("select count(*) as n from obligations")).toEqual([{ n: 1 }]);
  });

  it("does not act again on an edited command; the edit is only logged", async () => {
    await agencyChat();
    setTime("2026-12-03T16:00");
    const original = said(specialist, "/plan add 2026-12-10 Audience analysis");
    harness.telegram.pushUpdate(original);
    await settled(harness);
    const before = harness.telegram.sentTo(chat.id).length;
    harness.telegram.pushUpdate(
      edit(original, "/plan add 2026-12-11 Audience research", Math.floor(scenario.now / 1000) + 60),
    );
    await settled(harness);
    expect(sentSince(before)).toEqual([]);
    expect(harness.query("select description from obligations")).toEqual([{ description: "Audience analysis" }]);
    expect(harness.query("select text from events where kind = 'edit'")).toEqual([
      { text: "/plan add 2026-12-11 Audience research" },
    ]);
  });

  it("speaks the chat's language and reads its dates", async () => {
    await agencyChat();
    await write(specialist, "/set language ru");
    setTime("2026-12-03T16:00");
    expect(await write(specialist, "/plan add 10.12 Анализ аудитории")).toEqual([
      "S1 добавлен в план работ: Анализ аудитории, срок — чт 10 дек. 2026, 19:00 (Europe/Madrid).\n«10.12» — это чт 10 дек. 2026, 19:00 (Europe/Madrid), конец рабочего времени в этот день.",
    ]);
  });
});
