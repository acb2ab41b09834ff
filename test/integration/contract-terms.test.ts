import { afterEach, describe, expect, it } from "vitest";
import { clientGroup } from "../support/client-group.js";
import type { Harness } from "../support/harness.js";
import { client, group, specialist } from "../support/updates.js";
import { reportRows } from "../support/report-cli.js";

let harness: Harness;
afterEach(async () => harness?.stop());

const zone = "Europe/Madrid";
const chat = group();
const scenario = clientGroup(chat, zone);
const { setTime, write, tick } = scenario;

describe("the contract's terms", () => {
  it("are settings a specialist sets with /set, refused with an example when wrong, and shown in /rules", async () => {
    harness = await scenario.open();
    setTime("2026-12-03T10:00");
    expect(await write(specialist, "/set publish_case no")).toEqual([
      expect.stringContaining("• The specialist may publish the case: ask → no"),
    ]);
    expect(await write(specialist, "/set third-parties maybe")).toEqual([
      '"maybe" is not one of the options. Please choose one of: yes, no, ask',
    ]);
    expect(await write(specialist, "/set contract_sum 3.000 €")).toEqual([
      expect.stringContaining("• Contract sum: none → 3000 EUR"),
    ]);
    expect(await write(specialist, "/set contract_sum plenty")).toEqual([
      'I could not read the contract sum "plenty". Write an amount above zero and its currency, for example: 3000 EUR (or none to remove it).',
    ]);
    expect(await write(specialist, "/set penalty 10% + 2%/day business max 30% clause 7.1")).toEqual([
      expect.stringContaining("• Penalty for a late stage: none → 10% + 2%/day business max 30% clause 7.1"),
    ]);
    expect(await write(client, "/set work_start 5d")).toEqual([expect.stringContaining("Only a specialist")]);
    const [rules] = await write(client, "/rules");
    expect(rules).toContain(
      "• Contract sum: 3000 EUR\n• Penalty for a late stage: 10% + 2%/day business max 30% clause 7.1",
    );
    expect(rules).toContain("• Work starts after payment: 3d");
    expect(rules).toContain("• The specialist may publish the case: no\n• Third parties may be involved: ask");
  });

  it("states the contract's penalty for a stage done late after the client's delay moved it, and what has accrued while it is overdue", async () => {
    harness = await scenario.open("2026-12-01T09:00");
    await write(specialist, "/set contract_sum 3000 EUR");
    await write(specialist, "/set penalty 10% + 2%/day business clause 7.1");
    // Asked on Tuesday with 3 business days: due Friday 19:00. The stage is due Monday 19:00.
    await write(specialist, "/request Access to the ad account");
    await write(specialist, "/plan add 2026-12-07 Audience analysis");
    setTime("2026-12-08T11:00");
    await write(client, "/provided R1");
    expect(await write(specialist, "/shift R1")).toEqual([
      expect.stringContaining(
        "S1 (Audience analysis) moved from Mon 7 Dec 2026, 19:00 (Europe/Madrid) to Wed 9 Dec 2026, 11:00",
      ),
    ]);
    setTime("2026-12-10T12:00");
    await tick();
    const accrued =
      "Overdue stage: S1 (Audience analysis), due by Wed 9 Dec 2026, 11:00 (Europe/Madrid).\nPenalty so far (clause 7.1), 1 business day late: 10% + 1 × 2% = 12% of €3,000 = €360.";
    expect((await write(client, "/status"))[0]).toContain(accrued);
    expect((await write(client, "/digest"))[0]).toContain(accrued);
    setTime("2026-12-11T12:00");
    const stated =
      "Penalty by the contract (clause 7.1), 2 business days late: 10% + 2 × 2% = 14% of €3,000 = €420. regbot states it; it does not bill.";
    expect(await write(specialist, "/plan done S1")).toEqual([
      `S1 (Audience analysis) done, 2 business days after its deadline. Marked by Sofía Marketing (@sofia_smm).\n${stated}`,
    ]);
    expect(scenario.obligationEvents().at(-1)).toMatchObject({
      event: "done",
      number: 1,
      penalty: { daysLate: 2, percent: 14, amount: 420, currency: "EUR", clause: "clause 7.1" },
    });
    expect((await write(client, "/digest"))[0]).toContain(`S1 (Audience analysis) completed.\n${stated}`);
    const report = reportRows(harness.databasePath, { from: "2026-12-01", to: "2026-12-11" });
    expect(report).toEqual([
      expect.objectContaining({ stagesPenalised: 1, penaltyPercent: 14, penaltyAmount: 420, penaltyCurrency: "EUR" }),
    ]);
    // In the chat's language, with calendar days and a cap.
    await write(specialist, "/set penalty 10% + 2%/day calendar max 15%");
    await write(specialist, "/set language ru");
    expect(await write(specialist, "/plan add 2026-12-14 Таргетинг")).toHaveLength(1);
    setTime("2026-12-18T12:00");
    const [status] = await write(client, "/status");
    // Russian writes numbers with narrow and non-breaking spaces.
    expect(status!.replace(/[\u00a0\u202f]/g, " ")).toContain(
      "Штраф на сейчас, просрочка 4 календарных дня: 10 % + 4 × 2 % = 18 %, но не более 15 % от 3 000 € = 450 €.",
    );
  });
});
