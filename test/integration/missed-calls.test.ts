import { afterEach, describe, expect, it } from "vitest";
import { pressButton } from "../support/buttons.js";
import { clientGroup } from "../support/client-group.js";
import type { Harness } from "../support/harness.js";
import { client, group, specialist } from "../support/updates.js";

let harness: Harness;
afterEach(async () => harness?.stop());

const zone = "Europe/Madrid";
const chat = group();
const scenario = clientGroup(chat, zone);
const { setTime, write, tick, lastSent } = scenario;

async function confirmedCall(when: string): Promise<void> {
  await write(specialist, `/call ${when} Campaign results`);
  await pressButton(harness, lastSent(), client, "Confirm");
}

describe("a missed call", () => {
  it("is said by one side with the reminder's button, confirmed by the other, recorded against the side that missed it and counted", async () => {
    harness = await scenario.open("2026-12-03T10:00");
    await write(specialist, "/set missed_call A missed call is charged at 50 EUR (clause 8.2).");
    await confirmedCall("Tue 15:00");
    setTime("2026-12-08T14:50");
    await tick();
    const reminder = lastSent();
    await pressButton(harness, reminder, specialist, "The call did not happen");
    expect(harness.telegram.callbackAnswers.at(-1)).toMatchObject({
      show_alert: true,
      text: expect.stringContaining("it can be said to have been missed only after that"),
    });
    setTime("2026-12-08T15:20");
    await pressButton(harness, reminder, specialist, "The call did not happen", "after");
    expect(lastSent().text).toBe(
      "Sofía Marketing (@sofia_smm) says call C1 (Campaign results, Tue 8 Dec 2026, 15:00 (Europe/Madrid)) did not happen: missed by the client's side. Ivan, please confirm or dispute it with the buttons.",
    );
    const report = lastSent();
    await pressButton(harness, report, specialist, "Confirm: it was missed");
    expect(harness.telegram.callbackAnswers.at(-1)).toMatchObject({
      text: "The other side confirms or disputes it: Ivan.",
    });
    setTime("2026-12-08T16:05");
    // The minutes are not asked for while the other side has not answered.
    expect(await tick()).toEqual([]);
    await pressButton(harness, report, client, "Confirm: it was missed");
    expect(scenario.sentSince(0).at(-1)).toBe(
      [
        "Ivan confirmed: call C1 (Campaign results, Tue 8 Dec 2026, 15:00 (Europe/Madrid)) was missed by the client's side. It is recorded against them.",
        "The contract says: A missed call is charged at 50 EUR (clause 8.2).",
      ].join("\n"),
    );
    const [status] = await write(client, "/status");
    expect(status).toContain("Missed calls: 1 by the client's side, 0 by the specialist's side.");
    expect(status).not.toContain("Call without minutes");
    expect((await write(client, "/digest"))[0]).toContain(
      "Missed calls: 1 by the client's side, 0 by the specialist's side.",
    );
    expect(
      scenario
        .obligationEvents()
        .filter((event) => event.kind === "call")
        .map((event) => event.event),
    ).toEqual(["created", "confirmed", "missed-reported", "missed-confirmed"]);
    expect(scenario.obligationEvents().at(-1)).toMatchObject({
      side: "client",
      clause: "A missed call is charged at 50 EUR (clause 8.2).",
    });
  });

  it("is said with /call missed, and once disputed is not counted and may still get its minutes", async () => {
    harness = await scenario.open("2026-12-03T10:00");
    await confirmedCall("Tue 15:00");
    setTime("2026-12-08T15:30");
    expect(await write(client, "/call missed C1 whoever")).toEqual([
      "Who missed call C1? Write client or specialist, for example: /call missed C1 client",
    ]);
    expect(await write(client, "/call missed C1 specialist")).toEqual([
      expect.stringContaining(
        "Ivan says call C1 (Campaign results, Tue 8 Dec 2026, 15:00 (Europe/Madrid)) did not happen: missed by the specialist's side.",
      ),
    ]);
    const report = lastSent();
    expect(await write(client, "/call missed C1 specialist")).toEqual([
      "Call C1 already has its minutes or a missed call recorded.",
    ]);
    await pressButton(harness, report, specialist, "Dispute it");
    expect(scenario.sentSince(0).at(-1)).toBe(
      "Sofía Marketing (@sofia_smm) disputes that call C1 (Campaign results) was missed; it is not counted, and its minutes may still be written.",
    );
    expect((await write(client, "/status"))[0]).not.toContain("Missed calls");
    expect(await write(specialist, "/minutes C1 We agreed on the budget")).toEqual([expect.stringContaining("C1")]);
  });
});
