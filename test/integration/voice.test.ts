import { DateTime } from "luxon";
import type { Update } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { withoutCheckpoints } from "../support/checkpoints.js";
import { settled, startHarness, type Harness } from "../support/harness.js";
import { botAdded, bystander, client, group, message, specialist } from "../support/updates.js";

let harness: Harness;
afterEach(async () => harness?.stop());

const zone = "Europe/Madrid";
const chat = group();
let now = 0;
const setTime = (iso: string) => (now = DateTime.fromISO(iso, { zone }).toMillis());

const NUDGE = (name: string, media = "voice message") =>
  `Thanks, ${name}! Could you add a short text summary of this ${media}? Text can be read at a glance, and it is the record both sides rely on. Just reply to it with a few lines.`;

type Sent = NonNullable<Update["message"]>;

/** What the people in the group see regbot say next. */
function newInGroup(since: number): string[] {
  return harness.telegram
    .sentTo(chat.id)
    .slice(since)
    .map((sent) => sent.text!);
}

/** Pushes a message from someone at the current (fake) time; returns it and what regbot said in the group. */
async function post(from: typeof client, content: Partial<Sent>): Promise<{ sent: Sent; said: string[] }> {
  const before = harness.telegram.sentTo(chat.id).length;
  const update = harness.telegram.pushUpdate(
    message(chat, from, "", {
      date: Math.floor(now / 1000),
      ...content,
      ...(content.text === undefined ? { text: undefined } : {}),
    }),
  );
  await settled(harness);
  return { sent: update.message!, said: newInGroup(before) };
}

const voice = (duration = 42) => ({
  voice: { file_id: "voice-file", file_unique_id: `v${now}`, duration, mime_type: "audio/ogg" },
});
const text = (body: string, replyTo?: Sent) => ({
  text: body,
  ...(replyTo === undefined ? {} : { reply_to_message: replyTo as never }),
});
const command = (body: string, replyTo?: Sent) => ({
  ...text(body, replyTo),
  entities: [{ type: "bot_command" as const, offset: 0, length: body.split(" ")[0]!.length }],
});

async function tick(): Promise<string[]> {
  const before = harness.telegram.sentTo(chat.id).length;
  await harness.regbot.scheduler.tick();
  await settled(harness);
  return withoutCheckpoints(newInGroup(before));
}

function voices() {
  return harness.query<{
    message_id: number;
    media_type: string;
    nudged: number;
    transcribed_at: number | null;
    transcript_source: string | null;
    transcript_event_seq: number | null;
  }>(
    "select message_id, media_type, nudged, transcribed_at, transcript_source, transcript_event_seq from voice_messages order by id",
  );
}

function transcriptEvents() {
  return harness
    .query<{ line: string; seq: number }>("select line, seq from events where kind = 'transcript' order by seq")
    .map((row) => ({ seq: row.seq, ...(JSON.parse(row.line) as { payload: Record<string, unknown> }).payload }));
}

/** A Madrid agency chat with the guide's defaults: contact hours Mon–Fri 10–19, English. */
async function agencyChat(): Promise<void> {
  setTime("2026-12-02T09:00");
  harness = await startHarness({ DEFAULT_TIMEZONE: zone }, {}, { clock: () => now });
  harness.telegram.pushUpdate(botAdded(chat, { ...specialist, language_code: "en" }, "administrator"));
  await settled(harness);
}

describe("text over voice", () => {
  it("asks for a text summary of a voice message, a round video and a recording, as a reply to each", async () => {
    await agencyChat();
    setTime("2026-12-02T11:00");
    const spoken = await post(client, voice());
    expect(spoken.said).toEqual([NUDGE("Ivan")]);
    expect(harness.telegram.callsTo("sendMessage").at(-1)!.params.reply_parameters).toMatchObject({
      message_id: spoken.sent.message_id,
    });
    setTime("2026-12-02T11:10");
    expect(
      (await post(specialist, { video_note: { file_id: "vn", file_unique_id: "vn1", length: 240, duration: 20 } }))
        .said,
    ).toEqual([NUDGE("Sofía Marketing (@sofia_smm)", "video message")]);
    setTime("2026-12-02T11:20");
    expect(
      (
        await post(bystander, {
          audio: {
            file_id: "rec",
            file_unique_id: "rec1",
            duration: 95,
            file_name: "Recording 12.m4a",
            mime_type: "audio/mp4",
          },
        })
      ).said,
    ).toContain(NUDGE("Cousin", "recording"));
    expect(voices().map((row) => row.media_type)).toEqual(["voice", "video_note", "audio"]);
  });

  it("lets music shared as a file pass without a nudge", async () => {
    await agencyChat();
    setTime("2026-12-02T11:00");
    const music = {
      audio: {
        file_id: "song",
        file_unique_id: "song1",
        duration: 212,
        performer: "Rosalía",
        title: "Despechá",
        mime_type: "audio/mpeg",
      },
    };
    expect((await post(client, music)).said).toEqual([]);
    expect(voices()).toEqual([]);
  });

  it("nudges once for a burst of voice messages, and again after a pause of more than 5 minutes", async () => {
    await agencyChat();
    setTime("2026-12-02T11:00");
    expect((await post(client, voice())).said).toEqual([NUDGE("Ivan")]);
    setTime("2026-12-02T11:03");
    expect((await post(client, voice())).said).toEqual([]);
    setTime("2026-12-02T11:07");
    expect((await post(client, voice())).said).toEqual([]);
    setTime("2026-12-02T11:20");
    expect((await post(client, voice())).said).toEqual([NUDGE("Ivan")]);
    expect(voices().map((row) => row.nudged)).toEqual([1, 0, 0, 1]);
  });

  it("takes the sender's reply to their voice message as its text, and links it in the log", async () => {
    await agencyChat();
    setTime("2026-12-02T11:00");
    const spoken = (await post(client, voice())).sent;
    setTime("2026-12-02T13:00");
    const summary = (
      await post(client, text("In short: the banner should be blue, and the budget stays at 500 €.", spoken))
    ).sent;
    expect(voices()).toEqual([expect.objectContaining({ transcribed_at: now, transcript_source: "reply" })]);
    expect(transcriptEvents()).toEqual([
      expect.objectContaining({
        voiceMessageId: spoken.message_id,
        transcriptMessageId: summary.message_id,
        via: "reply",
        seq: voices()[0]!.transcript_event_seq,
      }),
    ]);
    setTime("2026-12-02T16:00");
    expect(await tick()).toEqual([]);
  });

  it("takes the sender's next text within 5 minutes as the text of the whole burst", async () => {
    await agencyChat();
    setTime("2026-12-02T11:00");
    await post(client, voice());
    setTime("2026-12-02T11:02");
    await post(client, voice());
    setTime("2026-12-02T11:06");
    await post(client, text("Summary: launch on Monday, two ad formats, Valencia only."));
    expect(voices().map((row) => row.transcript_source)).toEqual(["next_message", "next_message"]);
    expect(transcriptEvents()).toHaveLength(2);
  });

  it("still takes the next text as the text after a restart, and again for the sender's next voice message", async () => {
    await agencyChat();
    setTime("2026-12-02T11:00");
    await post(client, voice());
    setTime("2026-12-02T11:01");
    await post(specialist, text("Listening now."));
    await harness.restart();
    setTime("2026-12-02T11:03");
    await post(client, text("Summary: the banner should be blue."));
    setTime("2026-12-02T12:00");
    await post(specialist, text("Thanks, noted."));
    setTime("2026-12-02T12:01");
    await post(client, voice());
    setTime("2026-12-02T12:02");
    await post(client, text("Summary: and the budget stays at 500 €."));
    expect(voices().map((row) => row.transcript_source)).toEqual(["next_message", "next_message"]);
    expect(transcriptEvents()).toHaveLength(2);
  });

  it("does not take a text written more than 5 minutes later, or someone else's, as the text", async () => {
    await agencyChat();
    setTime("2026-12-02T11:00");
    const spoken = (await post(client, voice())).sent;
    setTime("2026-12-02T11:01");
    await post(specialist, text("I'll listen later.", spoken));
    setTime("2026-12-02T11:30");
    await post(client, text("Did you listen?"));
    expect(voices()).toEqual([expect.objectContaining({ transcribed_at: null })]);
  });

  it("accepts a /transcript posted by someone else as a reply to the voice message", async () => {
    await agencyChat();
    setTime("2026-12-02T11:00");
    const spoken = (await post(client, voice())).sent;
    setTime("2026-12-02T11:30");
    const posted = await post(
      specialist,
      command("/transcript Ivan wants the banner blue and the budget unchanged.", spoken),
    );
    expect(posted.said).toEqual(["Thank you! The text is now linked to the voice message in the record."]);
    expect(voices()).toEqual([expect.objectContaining({ transcript_source: "command" })]);
    expect(transcriptEvents()).toEqual([
      expect.objectContaining({
        voiceMessageId: spoken.message_id,
        transcriptMessageId: posted.sent.message_id,
        via: "command",
      }),
    ]);
    expect((await post(client, command("/transcript again", spoken))).said).toEqual([
      "This voice message already has a text summary in the record.",
    ]);
    expect((await post(client, command("/transcript"))).said).toEqual([
      "Reply to a voice message with /transcript and its summary, for example: /transcript We move the launch to Monday; the budget stays the same.",
    ]);
  });

  it("reminds the sender once after 4 business hours when the text never came", async () => {
    await agencyChat();
    setTime("2026-12-02T17:30");
    const spoken = (await post(client, voice())).sent;
    setTime("2026-12-03T12:29");
    expect(await tick()).toEqual([]);
    setTime("2026-12-03T12:30");
    expect(await tick()).toEqual([
      "Ivan, your voice message from Wed 2 Dec 2026, 17:30 (Europe/Madrid) still has no text summary. Please reply with a few lines of text, so both sides have it in writing.",
    ]);
    expect(harness.telegram.callsTo("sendMessage").at(-1)!.params.reply_parameters).toMatchObject({
      message_id: spoken.message_id,
    });
    setTime("2026-12-03T18:00");
    expect(await tick()).toEqual([]);
    expect(voices()).toEqual([expect.objectContaining({ transcribed_at: null })]);
  });

  it("reminds privately a sender who started regbot", async () => {
    await agencyChat();
    harness.telegram.userStartedBot(client.id);
    setTime("2026-12-02T11:00");
    await post(client, voice());
    setTime("2026-12-02T15:00");
    expect(await tick()).toEqual([]);
    expect(harness.telegram.sentTo(client.id).map((sent) => sent.text)).toEqual([
      'Reminder: your voice message in "Acme × Sofía" from Wed 2 Dec 2026, 11:00 (Europe/Madrid) still has no text summary. Please reply to it with a few lines of text, so both sides have it in writing.',
    ]);
  });

  it("sends no reminder once the voice message has its text", async () => {
    await agencyChat();
    setTime("2026-12-02T11:00");
    const spoken = (await post(client, voice())).sent;
    setTime("2026-12-02T14:00");
    await post(bystander, command("/transcript The client asks for a blue banner.", spoken));
    setTime("2026-12-03T11:00");
    expect(await tick()).toEqual([]);
    expect(harness.query("select state from jobs where kind = 'voice-reminder'")).toEqual([{ state: "cancelled" }]);
  });

  it("with voice off, neither nudges nor reminds, but still tracks the voice messages", async () => {
    await agencyChat();
    setTime("2026-12-02T10:30");
    await post(specialist, command("/set voice off"));
    setTime("2026-12-02T11:00");
    expect((await post(client, voice())).said).toEqual([]);
    setTime("2026-12-03T11:00");
    expect(await tick()).toEqual([]);
    expect(voices()).toEqual([expect.objectContaining({ nudged: 0, transcribed_at: null })]);
  });
});
