import { afterEach, describe, expect, it } from "vitest";
import { pressFirstButton } from "../support/buttons.js";
import { clientGroup } from "../support/client-group.js";
import { settled, type Harness } from "../support/harness.js";
import { bystander, client, group, specialist } from "../support/updates.js";

let harness: Harness;
afterEach(async () => harness?.stop());

const zone = "Europe/Madrid";
const chat = group();
const scenario = clientGroup(chat, zone);
const { setTime, said, write, tick } = scenario;

async function agencyChat(): Promise<void> {
  harness = await scenario.open();
}

describe("information the client owes", () => {
  it("states the deadline, reminds the client, says once when it is overdue, and counts the delay", async () => {
    await agencyChat();
    setTime("2026-12-03T16:00");
    expect(await write(specialist, "/request Access to the ad account")).toEqual([
      "R1: Access to the ad account\nRequested from Ivan. Due by Tue 8 Dec 2026, 19:00 (Europe/Madrid), as the regulation's deadline for information.",
    ]);
    setTime("2026-12-07T10:00");
    expect(await tick()).toEqual([
      "Reminder for Ivan: R1 (Access to the ad account) is due by Tue 8 Dec 2026, 19:00 (Europe/Madrid).",
    ]);
    setTime("2026-12-08T10:00");
    expect(await tick()).toHaveLength(1);
    setTime("2026-12-08T19:05");
    expect(await tick()).toEqual([
      "R1 (Access to the ad account) was due by Tue 8 Dec 2026, 19:00 (Europe/Madrid) and has not been provided. Under the regulation the specialist may pause the work until it arrives; the delay is being counted.",
    ]);
    expect(await tick()).toEqual([]);
    const [status] = await write(client, "/status");
    expect(status).toContain(
      "Overdue from the client: R1 (Access to the ad account), due by Tue 8 Dec 2026, 19:00 (Europe/Madrid); the work waits on it.",
    );
    setTime("2026-12-10T11:00");
    expect(await write(client, "/provided R1")).toEqual([
      "R1 provided by Ivan, 2 business days after the deadline; the work waited that long.",
    ]);
    expect(scenario.obligationEvents().map((payload) => payload.event)).toEqual(["created", "overdue", "provided"]);
    expect(harness.query("select state, business_days_late from obligations")).toEqual([
      { state: "done", business_days_late: 2 },
    ]);
  });

  it("takes the provided button from the client contact only, and stops the reminders", async () => {
    await agencyChat();
    setTime("2026-12-03T16:00");
    await write(specialist, "/request Brand book");
    const request = harness.telegram.sentTo(chat.id).at(-1)!;
    await pressFirstButton(harness, request, bystander);
    expect(harness.query("select state from obligations")).toEqual([{ state: "open" }]);
    expect(harness.telegram.callbackAnswers.at(-1)).toMatchObject({
      show_alert: true,
      text: expect.stringContaining("Only the client's authorised contact"),
    });
    setTime("2026-12-04T12:00");
    await pressFirstButton(harness, request, client);
    expect(harness.telegram.sentTo(chat.id).at(-1)!.text).toBe("R1 provided by Ivan, on time. Thank you!");
    setTime("2026-12-09T10:00");
    expect(await tick()).toEqual([]);
  });

  it("answers bad input precisely and refuses a request from anyone but a specialist", async () => {
    await agencyChat();
    setTime("2026-12-03T16:00");
    expect(await write(specialist, "/request")).toEqual([
      "What should the client provide? Write it after the command, for example: /request Access to the ad account (or reply to a message with /request).",
    ]);
    expect(await write(client, "/request Your logo")).toEqual([
      "Only a specialist of this chat can do that (Sofía Marketing (@sofia_smm)).",
    ]);
    expect(await write(client, "/provided R9")).toEqual([
      'I don\'t know the request "R9". Give its number, for example: /provided R1',
    ]);
  });

  it("handled again after a crash, a request creates nothing more and says nothing twice", async () => {
    await agencyChat();
    setTime("2026-12-03T16:00");
    const update = harness.telegram.pushUpdate(said(specialist, "/request Access to the ad account"));
    await settled(harness);
    const before = harness.telegram.sentTo(chat.id).length;
    await scenario.handleAgainAfterCrash(update);
    expect(harness.query("select state from inbox_updates where update_id = ?", update.update_id)).toEqual([
      { state: "done" },
    ]);
    expect(harness.telegram.sentTo(chat.id)).toHaveLength(before);
    expect(harness.query("select number from obligations where kind = 'request'")).toEqual([{ number: 1 }]);
    expect(harness.query("select count(*) as n from jobs where dedupe_key like 'request:%'")).toEqual([{ n: 3 }]);
  });

  it("takes a command in a file's caption like one in text", async () => {
    await agencyChat();
    setTime("2026-12-03T16:00");
    const document = {
      file_id: "brief-file",
      file_unique_id: "brief-unique",
      file_name: "brief.pdf",
      mime_type: "application/pdf",
      file_size: 1024,
    };
    const caption = (text: string) => ({
      text: undefined,
      caption: text,
      caption_entities: [{ type: "bot_command" as const, offset: 0, length: text.split(" ")[0]!.length }],
      document,
    });
    expect(await write(specialist, "", caption("/request Sign the attached brief"))).toEqual([
      "R1: Sign the attached brief\nRequested from Ivan. Due by Tue 8 Dec 2026, 19:00 (Europe/Madrid), as the regulation's deadline for information.",
    ]);
    setTime("2026-12-04T10:00");
    expect(await write(client, "", caption("/provided R1"))).toEqual(["R1 provided by Ivan, on time. Thank you!"]);
  });
});
