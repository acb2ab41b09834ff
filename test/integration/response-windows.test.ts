import { DateTime } from "luxon";
import { afterEach, describe, expect, it } from "vitest";
import { pressFirstButton } from "../support/buttons.js";
import { settled, startHarness, type Harness } from "../support/harness.js";
import { botAdded, bystander, client, group, message, specialist } from "../support/updates.js";

let harness: Harness;
afterEach(async () => harness?.stop());

const zone = "Europe/Madrid";
// A forum group, so reminders can be pointed at a topic.
const chat = { ...group(), is_forum: true as const };
let now = 0;
const setTime = (iso: string) => (now = DateTime.fromISO(iso, { zone }).toMillis());

/** What the people in the group see regbot say next. */
function newInGroup(since: number): string[] {
  return harness.telegram
    .sentTo(chat.id)
    .slice(since)
    .map((sent) => sent.text!);
}

async function write(from: typeof client, text: string, extra: Record<string, unknown> = {}): Promise<string[]> {
  const before = harness.telegram.sentTo(chat.id).length;
  harness.telegram.pushUpdate(
    message(chat, from, text, {
      date: Math.floor(now / 1000),
      ...(text.startsWith("/")
        ? { entities: [{ type: "bot_command", offset: 0, length: text.split(" ")[0]!.length }] }
        : {}),
      ...extra,
    }),
  );
  await settled(harness);
  return newInGroup(before);
}

/** Runs the scheduler as its tick would at the current (fake) time, and waits for what it posted. */
async function tick(): Promise<string[]> {
  const before = harness.telegram.sentTo(chat.id).length;
  await harness.regbot.scheduler.tick();
  await settled(harness);
  return newInGroup(before);
}

function windows() {
  return harness.query<{ state: string; due_at: number; answered_at: number | null; business_minutes: number | null }>(
    "select state, due_at, answered_at, business_minutes from response_windows order by id",
  );
}

const local = (ms: number) => DateTime.fromMillis(ms, { zone }).toFormat("ccc HH:mm");

/** A Madrid agency chat with the guide's defaults (Mon–Fri 10–19, answer in 2h) and a confirmed client contact. */
async function agencyChat(): Promise<void> {
  setTime("2026-12-02T09:00");
  harness = await startHarness({ DEFAULT_TIMEZONE: zone }, {}, { clock: () => now });
  harness.telegram.pushUpdate(botAdded(chat, { ...specialist, language_code: "en" }, "administrator"));
  await settled(harness);
  await write(specialist, "/client", { reply_to_message: { message_id: 1, date: 1, chat, from: client, text: "hi" } });
  await pressFirstButton(harness, harness.telegram.sentTo(chat.id).at(-1)!, client);
}

describe("the specialist's answer time", () => {
  it("measures an in-hours question answered on time in business minutes", async () => {
    await agencyChat();
    setTime("2026-12-02T11:00");
    await write(client, "Where is the report for November?");
    expect(windows().map((window) => [window.state, local(window.due_at)])).toEqual([["open", "Wed 13:00"]]);
    setTime("2026-12-02T12:00");
    await write(specialist, "Sending it in an hour.");
    expect(windows()).toEqual([expect.objectContaining({ state: "answered", business_minutes: 60 })]);
    setTime("2026-12-02T13:30");
    expect(await tick()).toEqual([]);
  });

  it("reads no command as the answer, even one written in bold", async () => {
    await agencyChat();
    setTime("2026-12-02T11:00");
    await write(client, "Where is the report for November?");
    setTime("2026-12-02T11:30");
    await write(specialist, "/status", {
      entities: [
        { type: "bold", offset: 0, length: 7 },
        { type: "bot_command", offset: 0, length: 7 },
      ],
    });
    expect(windows()).toEqual([expect.objectContaining({ state: "open" })]);
  });

  it("warns the specialist before the window closes, then records the breach once, and the late answer", async () => {
    await agencyChat();
    setTime("2026-12-02T11:00");
    await write(client, "Can we change the targeting to Valencia?");
    setTime("2026-12-02T12:40");
    expect(await tick()).toEqual([
      "Sofía Marketing (@sofia_smm), Ivan is waiting for an answer, due by Wed 2 Dec 2026, 13:00 (Europe/Madrid).",
    ]);
    setTime("2026-12-02T13:01");
    expect(await tick()).toEqual([
      "Sofía Marketing (@sofia_smm), the answer to Ivan was due by Wed 2 Dec 2026, 13:00 (Europe/Madrid) and has not been given: the delay is recorded.",
    ]);
    expect(await tick()).toEqual([]);
    setTime("2026-12-02T14:00");
    await write(specialist, "Done, targeting changed.");
    expect(windows()).toEqual([expect.objectContaining({ state: "breached", business_minutes: 180 })]);
    const recorded = harness
      .query<{ line: string }>("select line from events where kind = 'window' order by seq")
      .map((row) => JSON.parse(row.line).payload.event);
    expect(recorded).toEqual(["opened", "warned", "breached", "answered"]);
  });

  it("sends the warning to the forum topic the regulation names when the specialist never started regbot", async () => {
    await agencyChat();
    await write(specialist, "/set topic 42");
    setTime("2026-12-02T11:00");
    await write(client, "Can we change the targeting to Valencia?");
    setTime("2026-12-02T12:40");
    await tick();
    expect(harness.telegram.sentTo(chat.id).at(-1)).toMatchObject({
      message_thread_id: 42,
      text: expect.stringContaining("Ivan is waiting for an answer"),
    });
  });

  it("tells a client writing on Friday night when the answer is due, once for the whole night", async () => {
    await agencyChat();
    setTime("2026-12-04T23:10");
    expect(await write(client, "Are the ads running over the weekend?")).toEqual([
      "Thank you! Sofía Marketing (@sofia_smm) answers during contact hours: Mon–Fri 10:00–19:00, Europe/Madrid time. Expect an answer by Mon 7 Dec 2026, 12:00 (Europe/Madrid).",
    ]);
    setTime("2026-12-04T23:40");
    expect(await write(client, "And what budget is left?")).toEqual([]);
    expect(windows().map((window) => local(window.due_at))).toEqual(["Mon 12:00"]);
  });

  it("opens no window for acknowledgements, stickers or people who are not the contact", async () => {
    await agencyChat();
    setTime("2026-12-02T11:00");
    await write(client, "Thanks!");
    await write(client, "👍");
    await write(bystander, "When does it start?");
    expect(windows()).toEqual([]);
  });

  it("keeps the rules a window opened under when the regulation changes mid-window", async () => {
    await agencyChat();
    setTime("2026-12-02T11:00");
    await write(client, "Please send the invoice.");
    setTime("2026-12-02T11:05");
    await write(specialist, "/set response 30m");
    expect(windows().map((window) => local(window.due_at))).toEqual(["Wed 13:00"]);
  });

  it("after a restart, sees an answer that arrived during the downtime before judging the window", async () => {
    await agencyChat();
    setTime("2026-12-02T11:00");
    await write(client, "Is the landing page ready?");
    await harness.stopRegbot();
    setTime("2026-12-02T12:30");
    harness.telegram.pushUpdate(message(chat, specialist, "Yes, live since noon.", { date: Math.floor(now / 1000) }));
    setTime("2026-12-02T15:00");
    await harness.startRegbot();
    await settled(harness);
    await harness.regbot.scheduler.tick();
    await settled(harness);
    expect(windows()).toEqual([expect.objectContaining({ state: "answered", business_minutes: 90 })]);
    expect(harness.query("select count(*) as n from events where kind = 'window' and line like '%breached%'")).toEqual([
      { n: 0 },
    ]);
  });
});
