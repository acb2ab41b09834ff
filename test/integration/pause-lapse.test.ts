import type { Message } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/database.js";
import { pressButton } from "../support/buttons.js";
import { clientGroup } from "../support/client-group.js";
import { caughtUpAfterStart, type Harness } from "../support/harness.js";
import { client, group, specialist } from "../support/updates.js";
import { reportRows } from "../support/report-cli.js";

let harness: Harness;
afterEach(async () => harness?.stop());

const zone = "Europe/Madrid";
const chat = group();
const scenario = clientGroup(chat, zone);
const { setTime, write, tick, lastSent } = scenario;

const LAPSED_NOTE =
  "Nobody answered: this proposal lapsed at Wed 2 Dec 2026, 10:00 (Europe/Madrid) and stops no clock. Propose a new one with /pause if it is still needed.";
const LAPSED_ALERT =
  "This proposal lapsed unanswered at Wed 2 Dec 2026, 10:00 (Europe/Madrid); propose a new one with /pause.";

/** A message regbot sent in the group as it reads now, after any edits. */
const now = (sent: Message) => harness.telegram.currentMessage(sent.chat.id, sent.message_id)!;
const pauseEvents = () =>
  scenario
    .obligationEvents()
    .filter((event) => event.kind === "pause")
    .map((event) => `P${event.number} ${event.event}`);
const pauses = () => harness.query("select number, state, closed_at, closed_by from obligations where kind = 'pause'");

/** `npm run report` over the proposal's days. */
const report = () => reportRows(harness.databasePath, { zone, from: "2026-12-01", to: "2026-12-03" });

describe("a cooling-off pause nobody answers", () => {
  it("lapses a day after it was proposed: its message says so once and its buttons refuse politely", async () => {
    harness = await scenario.open("2026-12-01T09:00");
    setTime("2026-12-01T10:00");
    await write(specialist, "/pause 24h We both need a day");
    const proposal = lastSent();

    // (The month's rating request comes meanwhile.)
    setTime("2026-12-02T09:59");
    await tick();
    expect(now(proposal).reply_markup).toBeDefined();

    // At its lapse time a button refuses, even before the scheduler has recorded the lapse.
    setTime("2026-12-02T10:00");
    await pressButton(harness, proposal, client, "Accept the pause");
    expect(harness.telegram.callbackAnswers.at(-1)).toMatchObject({ text: LAPSED_ALERT, show_alert: true });
    expect(pauses()).toEqual([{ number: 1, state: "open", closed_at: null, closed_by: null }]);

    // The lapse edits the proposal (its buttons go) instead of saying anything new.
    expect(await tick()).toEqual([]);
    expect(now(proposal).text).toBe(`${proposal.text}\n\n${LAPSED_NOTE}`);
    expect(now(proposal).reply_markup).toBeUndefined();
    expect(harness.telegram.edited).toHaveLength(1);
    expect(pauses()).toEqual([
      { number: 1, state: "cancelled", closed_at: setTime("2026-12-02T10:00"), closed_by: null },
    ]);
    expect(pauseEvents()).toEqual(["P1 proposed", "P1 lapsed"]);

    // Pressed later, in the chat's language, a button of the lapsed proposal still changes nothing.
    setTime("2026-12-02T11:00");
    await pressButton(harness, proposal, specialist, "Decline");
    expect(harness.telegram.callbackAnswers.at(-1)).toMatchObject({ text: LAPSED_ALERT, show_alert: true });
    await write(specialist, "/set language es");
    await pressButton(harness, proposal, client, "Accept the pause", "again");
    expect(harness.telegram.callbackAnswers.at(-1)).toMatchObject({
      text: "Esta propuesta caducó sin respuesta (mié 2 dic 2026, 10:00 (Europe/Madrid)); proponga una nueva con /pause.",
    });
    await write(specialist, "/set language en");
    expect(harness.query("select count(*) as n from jobs where kind = 'pause-end'")).toEqual([{ n: 0 }]);
    expect(pauseEvents()).toEqual(["P1 proposed", "P1 lapsed"]);

    // A lapsed proposal is no pause: nothing shows it, nothing counts it.
    expect((await write(client, "/status"))[0]).not.toContain("Cooling-off pause");
    expect((await write(client, "/digest"))[0]).not.toContain("Cooling-off pause");
    expect(report()).toEqual([expect.objectContaining({ pauses: 0, pausedUntil: null })]);
    // And a new one may be proposed.
    expect((await write(client, "/pause 2h"))[0]).toContain("Ivan proposes a cooling-off pause P2 of 2 hours.");
  });

  it("says nothing twice when regbot restarts, or crashed while recording the lapse", async () => {
    harness = await scenario.open("2026-12-01T09:00");
    setTime("2026-12-01T10:00");
    await write(specialist, "/pause 24h");
    setTime("2026-12-02T10:00");
    await tick();
    await harness.restart();
    await caughtUpAfterStart(harness, 2);
    await tick();
    await harness.stopRegbot();
    const database = openDatabase(harness.databasePath);
    database.sqlite.prepare("update jobs set state = 'running' where kind = 'pause-lapse'").run();
    database.close();
    await harness.startRegbot();
    await caughtUpAfterStart(harness, 3);
    await tick();
    expect(harness.query("select attempts, state from jobs where kind = 'pause-lapse'")).toEqual([
      { attempts: 2, state: "done" },
    ]);
    expect(harness.telegram.edited).toHaveLength(1);
    expect(pauseEvents()).toEqual(["P1 proposed", "P1 lapsed"]);
  });

  it("runs when accepted just before it lapses, and its lapse then says nothing", async () => {
    harness = await scenario.open("2026-12-01T09:00");
    setTime("2026-12-01T10:00");
    await write(specialist, "/pause 3h");
    const proposal = lastSent();
    setTime("2026-12-02T09:59");
    await pressButton(harness, proposal, client, "Accept the pause");
    expect(scenario.sentSince(0).at(-1)).toContain(
      "Ivan accepted the cooling-off pause P1: it runs until Wed 2 Dec 2026, 12:59 (Europe/Madrid).",
    );
    setTime("2026-12-02T10:00");
    expect(await tick()).toEqual([]);
    expect(harness.telegram.edited).toHaveLength(0);
    expect(pauseEvents()).toEqual(["P1 proposed", "P1 accepted"]);
    expect((await write(client, "/status"))[0]).toContain("Cooling-off pause P1 runs until");
  });

  it("keeps a second proposal off while it awaits, and lets one in once its lapse time has come", async () => {
    harness = await scenario.open("2026-12-01T09:00");
    setTime("2026-12-01T10:00");
    await write(specialist, "/pause 24h");
    setTime("2026-12-02T09:00");
    expect((await write(client, "/pause 2h"))[0]).toContain("until Wed 2 Dec 2026, 10:00 (Europe/Madrid)");
    // Due, but not yet recorded by the scheduler: the old proposal no longer stands in the way.
    setTime("2026-12-02T10:00");
    expect((await write(client, "/pause 2h"))[0]).toContain("Ivan proposes a cooling-off pause P2 of 2 hours.");
    await tick();
    expect(pauseEvents()).toEqual(["P1 proposed", "P2 proposed", "P1 lapsed"]);
    expect((await write(client, "/status"))[0]).toContain(
      "Cooling-off pause P2 proposed by Ivan, waiting for the other side's answer until Thu 3 Dec 2026, 10:00 (Europe/Madrid).",
    );
  });

  it("lapses silently once the contract has ended, as every notice stops with it", async () => {
    harness = await scenario.open("2026-11-23T09:00");
    await write(specialist, "/set contract 2026-11-23..2026-12-01");
    setTime("2026-12-01T10:00");
    await write(specialist, "/pause 24h");
    const proposal = lastSent();
    setTime("2026-12-02T10:00");
    await tick();
    expect(harness.telegram.edited).toHaveLength(0);
    expect(pauseEvents()).toEqual(["P1 proposed", "P1 lapsed"]);
    await pressButton(harness, proposal, client, "Accept the pause");
    expect(harness.telegram.callbackAnswers.at(-1)).toMatchObject({ text: LAPSED_ALERT });
  });
});
