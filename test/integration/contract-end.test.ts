import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/database.js";
import { clientGroup } from "../support/client-group.js";
import { caughtUpAfterStart, type Harness } from "../support/harness.js";
import { client, group, specialist } from "../support/updates.js";
import { reportRows } from "../support/report-cli.js";

let harness: Harness;
afterEach(async () => harness?.stop());

const zone = "Europe/Madrid";
const chat = group();
const scenario = clientGroup(chat, zone);
const { setTime, write, tick } = scenario;

/** A contract of three weeks, its end reminded three business days ahead. */
async function openWithContract(from = "2026-12-01", to = "2026-12-18"): Promise<void> {
  harness = await scenario.open(`${from}T09:00`);
  await write(specialist, `/set contract ${from}..${to} If information is late, work pauses (clause 5.2).`);
  await write(specialist, "/set end_reminder 3d");
}

const endNotices = () => scenario.sentSince(0).filter((text) => text.startsWith("The contract's period"));

describe("the end of the contract", () => {
  it("reminds both sides of what is open, says once that the service counts as accepted, then stops reminding", async () => {
    // In November, before the wall clock that npm run report reads.
    await openWithContract("2026-11-03", "2026-11-20");
    setTime("2026-11-03T10:00");
    await write(specialist, "/request Access to the ad account");
    await write(specialist, "/plan add 2026-11-19 Campaign launch");
    await write(specialist, "/plan add 2026-11-24 Final report");

    // Fri 20 is day 1, Thu 19 day 2, Wed 18 day 3.
    setTime("2026-11-18T09:59");
    expect((await tick()).filter((text) => text.startsWith("The contract ends"))).toEqual([]);
    setTime("2026-11-18T10:00");
    expect((await tick()).filter((text) => text.startsWith("The contract ends"))).toEqual([
      [
        "The contract ends after 2026-11-20: 3 business days of work are left. What is still open on each side:",
        "The client's side (Ivan):",
        "• R1 (Access to the ad account), due Fri 6 Nov 2026, 19:00 (Europe/Madrid)",
        "The specialist's side (Sofía Marketing (@sofia_smm)):",
        "• S1 (Campaign launch), due Thu 19 Nov 2026, 19:00 (Europe/Madrid)",
        "• S2 (Final report), due Tue 24 Nov 2026, 19:00 (Europe/Madrid)",
      ].join("\n"),
    ]);

    // S1 falls due before the end, so its overdue notice still counts; S2's will not.
    setTime("2026-11-20T10:00");
    expect(await tick()).toEqual([
      "Stage S1 (Campaign launch) was due by Thu 19 Nov 2026, 19:00 (Europe/Madrid) and is not done yet.",
    ]);
    setTime("2026-11-21T00:00");
    expect(await tick()).toEqual([
      [
        "The contract's period (2026-11-03 to 2026-11-20) is over. From now on regbot no longer counts answer times and sends no reminders or warnings; it keeps recording this chat as before.",
        "The client never provided this information before the end, so by the regulation the service counts as rendered and accepted:",
        "• R1 (Access to the ad account), asked Tue 3 Nov 2026, 10:00 (Europe/Madrid): waited 13 business days",
        "The contract says: If information is late, work pauses (clause 5.2).",
      ].join("\n"),
    ]);
    expect(scenario.obligationEvents().filter((event) => event.event === "unprovided-at-end")).toEqual([
      expect.objectContaining({
        kind: "request",
        number: 1,
        waitedBusinessDays: 13,
        contractEndsAt: "2026-11-20T23:00:00.000Z",
      }),
    ]);

    // After the end: no answer is owed in time, S2's reminders and overdue notice say nothing.
    setTime("2026-11-23T08:00");
    expect(await write(client, "Any news on the campaign?")).toEqual([]);
    expect(harness.query("select id from response_windows where opened_at >= ?", scenario.now)).toEqual([]);
    for (const time of ["2026-11-23T10:00", "2026-11-24T10:00", "2026-11-25T10:00"]) {
      setTime(time);
      expect(await tick()).toEqual([]);
    }
    // The log goes on.
    expect(
      harness.query("select count(*) as n from events where kind = 'message' and text = 'Any news on the campaign?'"),
    ).toEqual([{ n: 1 }]);
    const [status] = await write(client, "/status");
    expect(status).toContain(
      "The contract ended after 2026-11-20: answer times and reminders have stopped; the record goes on.\nOne information request was never provided: by the regulation the service counts as rendered and accepted.",
    );
    expect((await write(client, "/digest"))[0]).toContain("The contract ended after 2026-11-20");
    expect((await write(client, "/rules"))[0]).toContain(
      "The contract ended after 2026-11-20: answer times and reminders have stopped.",
    );
    const report = reportRows(harness.databasePath, { zone });
    expect(report).toEqual([
      expect.objectContaining({ contractLastDay: "2026-11-20", contractEnded: true, unprovidedAtEnd: 1 }),
    ]);
  });

  it("is said once, even when regbot crashes while saying it and runs the job again", async () => {
    await openWithContract();
    await write(specialist, "/request Brand book");
    await harness.restart();
    await caughtUpAfterStart(harness, 2);
    setTime("2026-12-19T00:00");
    await tick();
    expect(endNotices()).toHaveLength(1);

    // As if regbot died after sending but before marking the job done.
    await harness.stopRegbot();
    const database = openDatabase(harness.databasePath);
    database.sqlite.prepare("update jobs set state = 'running' where kind = 'contract-end'").run();
    database.close();
    await harness.startRegbot();
    await caughtUpAfterStart(harness, 3);
    await tick();
    expect(harness.query("select attempts, state from jobs where kind = 'contract-end'")).toEqual([
      { attempts: 2, state: "done" },
    ]);
    expect(endNotices()).toHaveLength(1);
    expect(scenario.obligationEvents().filter((event) => event.event === "unprovided-at-end")).toHaveLength(1);

    // Saving the regulation again after the end schedules nothing new.
    setTime("2026-12-21T10:00");
    await write(specialist, "/set response 3h");
    await tick();
    expect(endNotices()).toHaveLength(1);
  });

  it("moves the notice with the contract: a later end is said at the later date only", async () => {
    await openWithContract();
    setTime("2026-12-10T12:00");
    await write(specialist, "/set contract 2026-12-01..2027-01-15");
    setTime("2026-12-19T00:00");
    await tick();
    expect(endNotices()).toEqual([]);
    expect((await write(client, "/status"))[0]).toContain("The contract runs until 2027-01-15 inclusive.");
    setTime("2027-01-16T00:00");
    await tick();
    expect(endNotices()).toEqual([
      "The contract's period (2026-12-01 to 2027-01-15) is over. From now on regbot no longer counts answer times and sends no reminders or warnings; it keeps recording this chat as before.",
    ]);
  });
});
