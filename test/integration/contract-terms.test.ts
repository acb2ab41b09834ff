import { afterEach, describe, expect, it } from "vitest";
import { clientGroup } from "../support/client-group.js";
import type { Harness } from "../support/harness.js";
import { client, group, specialist } from "../support/updates.js";

let harness: Harness;
afterEach(async () => harness?.stop());

const zone = "Europe/Madrid";
const chat = group();
const scenario = clientGroup(chat, zone);
const { setTime, write } = scenario;

describe("the contract's terms", () => {
  it("are settings a specialist sets with /set, refused with an example when wrong, and shown in /rules", async () => {
    harness = await scenario.open();
    setTime("2026-12-03T10:00");
    expect(await write(specialist, "/set publish_case no")).toEqual([expect.stringContaining("• The specialist may publish the case: ask → no")]);
    expect(await write(specialist, "/set third-parties maybe")).toEqual(['"maybe" is not one of the options. Please choose one of: yes, no, ask']);
    expect(await write(specialist, "/set contract_sum 3.000 €")).toEqual([expect.stringContaining("• Contract sum: none → 3000 EUR")]);
    expect(await write(specialist, "/set contract_sum plenty")).toEqual([
      'I could not read the contract sum "plenty". Write an amount above zero and its currency, for example: 3000 EUR (or none to remove it).',
    ]);
    expect(await write(specialist, "/set penalty 10% + 2%/day business max 30% clause 7.1")).toEqual([
      expect.stringContaining("• Penalty for a late stage: none → 10% + 2%/day business max 30% clause 7.1"),
    ]);
    expect(await write(client, "/set work_start 5d")).toEqual([expect.stringContaining("Only a specialist")]);
    const [rules] = await write(client, "/rules");
    expect(rules).toContain("• Contract sum: 3000 EUR\n• Penalty for a late stage: 10% + 2%/day business max 30% clause 7.1");
    expect(rules).toContain("• Work starts after payment: 3d");
    expect(rules).toContain("• The specialist may publish the case: no\n• Third parties may be involved: ask");
  });
});
