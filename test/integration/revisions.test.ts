import { DateTime } from "luxon";
import { afterEach, describe, expect, it } from "vitest";
import { pressButton } from "../support/buttons.js";
import { clientGroup } from "../support/client-group.js";
import { settled, type Harness } from "../support/harness.js";
import { bystander, client, edit, group, specialist } from "../support/updates.js";

let harness: Harness;
afterEach(async () => harness?.stop());

const zone = "Europe/Madrid";
const chat = group();
const scenario = clientGroup(chat, zone);
const { setTime, said, write, tick, lastSent } = scenario;
const sofia = "Sofía Marketing (@sofia_smm)";
const revisions = () =>
  harness.query<{
    number: number;
    state: string;
    due_at: number;
    business_days_late: number | null;
    estimate_reason: string | null;
  }>(
    "select number, state, due_at, business_days_late, estimate_reason from obligations where kind = 'revision' order by number",
  );
const logged = () => scenario.obligationEvents();
const local = (ms: number) => DateTime.fromMillis(ms, { zone }).toFormat("ccc d HH:mm");

async function agencyChat(): Promise<void> {
  harness = await scenario.open();
}

describe("revisions the client asks for", () => {
  it("asked on Friday at 16:40: counted from Monday, due Tuesday's close, live by Wednesday; reminded, delivered on time, accepted with the button", async () => {
    await agencyChat();
    setTime("2026-12-04T16:40");
    expect(await write(client, "/revision Replace the photo in the second post")).toEqual([
      "V1: Replace the photo in the second post\n" +
        "Received Fri 4 Dec, 16:40, counted from Mon 7 Dec, 10:00 over 2 business days: due by Tue 8 Dec 2026, 19:00 (Europe/Madrid), live by Wed 9 Dec.\n" +
        "A specialist can give another estimate with the reason, for example: /estimate V1 3d Ten posts to redo in a running campaign",
    ]);
    expect((await write(client, "/status"))[0]).toContain(
      "The specialist owes V1 (Replace the photo in the second post), due by Tue 8 Dec 2026, 19:00 (Europe/Madrid).",
    );
    setTime("2026-12-07T10:00");
    expect(await tick()).toEqual([
      `Reminder for ${sofia}: V1 (Replace the photo in the second post) is due by Tue 8 Dec 2026, 19:00 (Europe/Madrid).`,
    ]);
    setTime("2026-12-08T10:00");
    expect(await tick()).toHaveLength(1);
    setTime("2026-12-08T15:00");
    expect(await write(specialist, "/delivered V1")).toEqual([
      `V1 (Replace the photo in the second post) delivered by ${sofia}, on time.\nIvan, please accept it, or reopen it with what is still to change: /reopen V1 <what>.`,
    ]);
    const delivered = lastSent();
    await pressButton(harness, delivered, bystander, "Accept");
    expect(harness.telegram.callbackAnswers.at(-1)).toMatchObject({
      show_alert: true,
      text: "Only the client's authorised contact (Ivan) asks for revisions and accepts or reopens them.",
    });
    expect(revisions()).toMatchObject([{ state: "delivered" }]);
    setTime("2026-12-08T16:00");
    await pressButton(harness, delivered, client, "Accept");
    // Accepted, and the client contact (who never started regbot) is asked in the group to rate the work.
    expect(
      harness.telegram
        .sentTo(chat.id)
        .slice(-2)
        .map((sent) => sent.text),
    ).toEqual([
      "V1 (Replace the photo in the second post) accepted by Ivan. Thank you!",
      "Ivan, V1 (Replace the photo in the second post) is accepted. How would you rate the work on it?\nTap 1 (poor) to 5 (excellent); you can add a comment after.",
    ]);
    setTime("2026-12-08T19:05");
    expect(await tick()).toEqual([]);
    expect(revisions()).toEqual([
      {
        number: 1,
        state: "done",
        due_at: DateTime.fromISO("2026-12-08T19:00", { zone }).toMillis(),
        business_days_late: 0,
        estimate_reason: null,
      },
    ]);
    expect(logged().map((event) => event.event)).toEqual(["created", "reminded", "reminded", "delivered", "accepted"]);
  });

  it("records it overdue once and takes a late delivery, counting the delay", async () => {
    await agencyChat();
    setTime("2026-12-07T11:00");
    await write(client, "/revision", {
      reply_to_message: { message_id: 900, date: 1, chat, from: client, text: "The banner still says 2025" },
    });
    setTime("2026-12-08T10:00");
    expect(await tick()).toHaveLength(1);
    setTime("2026-12-09T10:00");
    expect(await tick()).toHaveLength(1);
    setTime("2026-12-09T19:05");
    expect(await tick()).toEqual([
      "V1 (The banner still says 2025) was due by Wed 9 Dec 2026, 19:00 (Europe/Madrid) and is not delivered yet; the delay is recorded.",
    ]);
    expect(await tick()).toEqual([]);
    expect((await write(client, "/status"))[0]).toContain(
      "Overdue from the specialist: V1 (The banner still says 2025), due by Wed 9 Dec 2026, 19:00 (Europe/Madrid).",
    );
    setTime("2026-12-10T12:00");
    expect(await write(specialist, "/delivered 1")).toEqual([
      `V1 (The banner still says 2025) delivered by ${sofia}, 1 business day after its deadline (Wed 9 Dec 2026, 19:00 (Europe/Madrid)).\nIvan, please accept it, or reopen it with what is still to change: /reopen V1 <what>.`,
    ]);
    expect((await write(client, "/status"))[0]).toContain(
      "V1 (The banner still says 2025) is delivered and waits for the client's contact to accept it.",
    );
    expect(revisions()).toMatchObject([{ state: "delivered", business_days_late: 1 }]);
    expect(logged().map((event) => event.event)).toEqual(["created", "reminded", "reminded", "overdue", "delivered"]);
  });

  it("reopened by the client with what is still to change, counts afresh, is reminded and found overdue again, then accepted", async () => {
    await agencyChat();
    setTime("2026-12-07T11:00");
    await write(client, "/revision Update the banner");
    setTime("2026-12-08T12:00");
    await write(specialist, "/delivered V1");
    setTime("2026-12-10T15:00");
    expect(await write(client, "/reopen V1 The year is right now, but the font is not")).toEqual([
      "V1 (Update the banner) reopened by Ivan: The year is right now, but the font is not\n" +
        "Received Thu 10 Dec, 15:00, counted from Fri 11 Dec, 10:00 over 2 business days: due by Mon 14 Dec 2026, 19:00 (Europe/Madrid), live by Tue 15 Dec.",
    ]);
    setTime("2026-12-11T10:00");
    expect(await tick()).toEqual([
      `Reminder for ${sofia}: V1 (Update the banner) is due by Mon 14 Dec 2026, 19:00 (Europe/Madrid).`,
    ]);
    setTime("2026-12-14T10:00");
    expect(await tick()).toHaveLength(1);
    setTime("2026-12-14T19:05");
    expect(await tick()).toEqual([
      "V1 (Update the banner) was due by Mon 14 Dec 2026, 19:00 (Europe/Madrid) and is not delivered yet; the delay is recorded.",
    ]);
    setTime("2026-12-15T11:00");
    await write(specialist, "/delivered V1");
    expect(await write(client, "/accept V1")).toEqual([
      "V1 (Update the banner) accepted by Ivan. Thank you!",
      "Ivan, V1 (Update the banner) is accepted. How would you rate the work on it?\nTap 1 (poor) to 5 (excellent); you can add a comment after.",
    ]);
    expect(revisions()).toMatchObject([{ state: "done", business_days_late: 1 }]);
    expect(logged().map((event) => event.event)).toEqual([
      "created",
      "delivered",
      "reopened",
      "reminded",
      "reminded",
      "overdue",
      "delivered",
      "accepted",
    ]);
    expect(logged().find((event) => event.event === "reopened")).toMatchObject({
      reason: "The year is right now, but the font is not",
      dueAt: "2026-12-14T18:00:00.000Z",
    });
  });

  it("takes another estimate from a specialist, with the reason, and moves the reminders with it", async () => {
    await agencyChat();
    setTime("2026-12-04T16:40");
    await write(client, "/revision Edit ten promotional posts in the running campaign");
    setTime("2026-12-04T17:00");
    expect(await write(specialist, "/estimate V1 3d Ten posts in a running campaign, each needs new copy")).toEqual([
      `${sofia} estimates V1 (Edit ten promotional posts in the running campaign) differently: Ten posts in a running campaign, each needs new copy\n` +
        "The previous deadline was Tue 8 Dec 2026, 19:00 (Europe/Madrid).\n" +
        "Received Fri 4 Dec, 16:40, counted from Mon 7 Dec, 10:00 over 3 business days: due by Wed 9 Dec 2026, 19:00 (Europe/Madrid), live by Thu 10 Dec.",
    ]);
    setTime("2026-12-07T10:00");
    expect(await tick()).toEqual([]);
    setTime("2026-12-08T10:00");
    expect(await tick()).toEqual([
      `Reminder for ${sofia}: V1 (Edit ten promotional posts in the running campaign) is due by Wed 9 Dec 2026, 19:00 (Europe/Madrid).`,
    ]);
    setTime("2026-12-08T19:05");
    expect(await tick()).toEqual([]);
    expect(revisions()).toMatchObject([
      { state: "open", estimate_reason: "Ten posts in a running campaign, each needs new copy" },
    ]);
    expect(local(revisions()[0]!.due_at)).toBe("Wed 9 19:00");
    expect(logged().find((event) => event.event === "estimated")).toMatchObject({
      estimate: "3d",
      reason: "Ten posts in a running campaign, each needs new copy",
      previousDueAt: "2026-12-08T18:00:00.000Z",
    });
    setTime("2026-12-09T11:00");
    expect(await write(specialist, "/estimate V1 2h Only two posts turned out to need it")).toEqual([
      `With 2h, V1 would have been due by Fri 4 Dec 2026, 18:40 (Europe/Madrid), which has already passed. Please give a longer estimate.`,
    ]);
    setTime("2026-12-09T19:30");
    expect(await write(specialist, "/estimate V1 5d More posts than we thought")).toEqual([
      "V1 was due by Wed 9 Dec 2026, 19:00 (Europe/Madrid); a deadline can be estimated again only before it passes.",
    ]);
  });

  it("answers bad input precisely, with an example", async () => {
    await agencyChat();
    setTime("2026-12-07T11:00");
    expect(await write(client, "/revision")).toEqual([
      "What should change? Write it after the command, for example: /revision Replace the photo in the second post (or reply to a message with /revision).",
    ]);
    await write(client, "/revision New logo");
    const estimateSyntax =
      "Give the revision's number, the time it takes and the reason, for example: /estimate V1 3d Ten posts to redo in a running campaign (d for business days, h for business hours).";
    expect(await write(specialist, "/estimate V1 0d Quick fix")).toEqual([
      'An estimate must be longer than zero, and "0d" is not. For example: /estimate V1 1d Only the avatar changes',
    ]);
    expect(await write(specialist, "/estimate V1 3d")).toEqual([estimateSyntax]);
    expect(await write(specialist, "/estimate V1 three days Big change")).toEqual([estimateSyntax]);
    expect(await write(specialist, "/estimate V9 3d Big change")).toEqual([
      'I don\'t know the revision "V9". Give its number, for example: /estimate V1',
    ]);
    expect(await write(specialist, "/delivered R1")).toEqual([
      'I don\'t know the revision "R1". Give its number, for example: /delivered V1',
    ]);
    expect(await write(client, "/accept V1")).toEqual([
      "V1 is not delivered yet; it is due by Wed 9 Dec 2026, 19:00 (Europe/Madrid).",
    ]);
    await write(specialist, "/delivered V1");
    expect(await write(specialist, "/delivered V1")).toEqual([
      "V1 is already delivered; the client's contact accepts it or reopens it.",
    ]);
    expect(revisions()).toMatchObject([{ number: 1, state: "delivered", estimate_reason: null }]);
  });

  it("refuses each step to the wrong role, and an edited command does not act again", async () => {
    await agencyChat();
    setTime("2026-12-07T11:00");
    const onlyClient = "Only the client's authorised contact (Ivan) asks for revisions and accepts or reopens them.";
    const onlySpecialists = `Only a specialist of this chat can do that (${sofia}).`;
    expect(await write(specialist, "/revision New logo")).toEqual([onlyClient]);
    expect(await write(bystander, "/revision New logo")).toEqual([onlyClient]);
    const asked = said(client, "/revision New logo");
    harness.telegram.pushUpdate(asked);
    await settled(harness);
    expect(await write(client, "/delivered V1")).toEqual([onlySpecialists]);
    expect(await write(client, "/estimate V1 3d It is easy")).toEqual([onlySpecialists]);
    await write(specialist, "/delivered V1");
    const delivered = lastSent();
    expect(await write(bystander, "/accept V1")).toEqual([onlyClient]);
    expect(await write(specialist, "/reopen V1 Not what I meant")).toEqual([onlyClient]);
    await pressButton(harness, delivered, specialist, "Reopen");
    expect(harness.telegram.callbackAnswers.at(-1)).toMatchObject({ show_alert: true, text: onlyClient });
    const before = harness.telegram.sentTo(chat.id).length;
    harness.telegram.pushUpdate(edit(asked, "/revision New logo, in blue"));
    await settled(harness);
    expect(harness.telegram.sentTo(chat.id)).toHaveLength(before);
    expect(revisions()).toMatchObject([{ number: 1, state: "delivered" }]);
    const [help] = await write(specialist, "/help");
    expect(help).toContain(
      "/revision <what>: the client's contact asks for changes; the due date follows the regulation",
    );
    expect(help).toContain("/shift R1: move your deadlines by the time the work waited on a late request");
  });

  it("handled again after a crash, a request for changes creates nothing more and says nothing twice", async () => {
    await agencyChat();
    setTime("2026-12-07T11:00");
    const update = harness.telegram.pushUpdate(said(client, "/revision New logo"));
    await settled(harness);
    const before = harness.telegram.sentTo(chat.id).length;
    await scenario.handleAgainAfterCrash(update);
    expect(harness.query("select state from inbox_updates where update_id = ?", update.update_id)).toEqual([
      { state: "done" },
    ]);
    expect(harness.telegram.sentTo(chat.id)).toHaveLength(before);
    expect(revisions()).toHaveLength(1);
    expect(logged().map((event) => event.event)).toEqual(["created"]);
  });
});
