import { afterEach, describe, expect, it } from "vitest";
import { pressButton } from "../support/buttons.js";
import { clientGroup } from "../support/client-group.js";
import type { Harness } from "../support/harness.js";
import { bystander, client, group, specialist } from "../support/updates.js";
import { reportRows } from "../support/report-cli.js";

let harness: Harness;
afterEach(async () => harness?.stop());

const zone = "Europe/Madrid";
const chat = group();
const scenario = clientGroup(chat, zone);
const { setTime, write, lastSent } = scenario;

describe("the payment and the start of work", () => {
  it("is recorded by one side, confirmed by the other, and regbot states when work starts", async () => {
    harness = await scenario.open("2026-12-01T09:00");
    await write(specialist, "/plan add 2026-12-03 Audience analysis");
    setTime("2026-12-01T15:00");
    expect(await write(bystander, "/paid")).toEqual([
      "Only the specialists and the client's contact record a payment.",
    ]);
    expect(await write(client, "/paid tomorrow")).toEqual([
      expect.stringContaining("A payment is recorded once it is made"),
    ]);
    expect(await write(client, "/paid bank transfer")).toEqual([
      "Ivan says the payment was made on Tue 1 Dec 2026, 15:00 (Europe/Madrid). Sofía Marketing (@sofia_smm), please confirm it or dispute it with the buttons.",
    ]);
    const recorded = lastSent();
    expect((await write(client, "/paid"))[0]).toContain("A payment is already waiting for confirmation");
    await pressButton(harness, recorded, client, "Confirm the payment");
    expect(harness.telegram.callbackAnswers.at(-1)).toMatchObject({
      text: "The other side confirms the payment: Sofía Marketing (@sofia_smm).",
    });
    await pressButton(harness, recorded, specialist, "Confirm the payment");
    expect(scenario.sentSince(0).at(-1)).toBe(
      [
        "Sofía Marketing (@sofia_smm) confirmed the payment made on Tue 1 Dec 2026, 15:00 (Europe/Madrid). By the regulation, work starts 3 business days after the payment: Fri 4 Dec 2026, 10:00 (Europe/Madrid).",
        "Stage S1 (Audience analysis) is due by Thu 3 Dec 2026, 19:00 (Europe/Madrid), before the work starts.",
      ].join("\n"),
    );
    await pressButton(harness, recorded, specialist, "Dispute it", "again");
    expect(harness.telegram.callbackAnswers.at(-1)).toMatchObject({
      text: "That payment is already confirmed or disputed.",
    });
    expect((await write(client, "/status"))[0]).toContain(
      "Paid on Tue 1 Dec 2026, 15:00 (Europe/Madrid), confirmed by both sides; work starts Fri 4 Dec 2026, 10:00 (Europe/Madrid).",
    );
    expect((await write(client, "/plan"))[0]).toContain(
      "Work starts Fri 4 Dec 2026, 10:00 (Europe/Madrid) (paid on Tue 1 Dec 2026, 15:00 (Europe/Madrid)).",
    );
    const report = reportRows(harness.databasePath, { zone });
    expect(report).toEqual([
      expect.objectContaining({ paidAt: "2026-12-01T15:00:00+01:00", workStartsAt: "2026-12-04T10:00:00+01:00" }),
    ]);
    expect(scenario.obligationEvents().filter((event) => event.kind === "payment")).toEqual([
      expect.objectContaining({ event: "recorded", number: 1, by: client.id }),
      expect.objectContaining({
        event: "confirmed",
        number: 1,
        by: specialist.id,
        workStartsAt: "2026-12-04T09:00:00.000Z",
        workStartDays: 3,
      }),
    ]);
  });

  it("is not counted when the other side disputes it", async () => {
    harness = await scenario.open("2026-12-01T09:00");
    await write(specialist, "/paid 2026-11-30");
    await pressButton(harness, lastSent(), client, "Dispute it");
    expect(scenario.sentSince(0).at(-1)).toBe(
      "Ivan disputes the payment recorded by Sofía Marketing (@sofia_smm) as made on Mon 30 Nov 2026, 00:00 (Europe/Madrid), so it is not counted. Once it is settled, record it again with /paid.",
    );
    expect((await write(client, "/status"))[0]).not.toContain("Paid");
  });
});
