import { createHash } from "node:crypto";
import { DateTime } from "luxon";
import type { Update } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { startFakeTranscriptionServer, type FakeTranscriptionServer } from "../support/fake-transcription-server.js";
import { openDatabase } from "../../src/db/database.js";
import { settled, startHarness, type Harness } from "../support/harness.js";
import { botAdded, client, group, message, specialist } from "../support/updates.js";

let harness: Harness | undefined;
let engine: FakeTranscriptionServer | undefined;
afterEach(async () => {
  // The engine first: a transcription still waiting on it ends, so regbot can stop.
  await engine?.close();
  await harness?.stop();
  harness = engine = undefined;
});

const zone = "Europe/Madrid";
const chat = group();
let now = 0;
const setTime = (iso: string) => (now = DateTime.fromISO(iso, { zone }).toMillis());

const NUDGE =
  "Thanks, Ivan! Could you add a short text summary of this voice message? Text can be read at a glance, and it is the record both sides rely on. Just reply to it with a few lines.";
const LABEL =
  "🤖 Automatic transcript of this voice message, made by a machine (whisper-1). It may contain mistakes and is not the record:";
const CHECK =
  "Ivan, please check it and reply to your voice message with the text in your own words (copy the transcript if it is right): your text is the record both sides rely on.";
const HEARD = "Hola, quiero el banner en azul y el presupuesto sigue en 500 euros.";

type Sent = NonNullable<Update["message"]>;

function running(): Harness {
  if (harness === undefined) throw new Error("no regbot running");
  return harness;
}

function newInGroup(since: number): string[] {
  return running()
    .telegram.sentTo(chat.id)
    .slice(since)
    .map((sent) => sent.text!);
}

async function post(from: typeof client, content: Partial<Sent>): Promise<{ sent: Sent; said: string[] }> {
  const before = running().telegram.sentTo(chat.id).length;
  const update = running().telegram.pushUpdate(
    message(chat, from, "", {
      date: Math.floor(now / 1000),
      ...content,
      ...(content.text === undefined ? { text: undefined } : {}),
    }),
  );
  await settled(running());
  return { sent: update.message!, said: newInGroup(before) };
}

const command = (body: string) => ({
  text: body,
  entities: [{ type: "bot_command" as const, offset: 0, length: body.split(" ")[0]!.length }],
});

let files = 0;
/** A voice message whose audio Telegram keeps; `reportedSize` is the file_size the message states, if any. */
function voice(audio: Buffer | { size: number }, reportedSize?: number): Partial<Sent> {
  files += 1;
  const fileId = `voice-file-${files}`;
  running().telegram.storeFile({ fileId, filePath: `voice/file_${files}.oga`, contents: audio });
  return {
    voice: {
      file_id: fileId,
      file_unique_id: `unique-${files}`,
      duration: 12,
      mime_type: "audio/ogg",
      ...(reportedSize === undefined ? {} : { file_size: reportedSize }),
    },
  };
}

/** Runs what is due, waits for the transcriptions it started, and returns what regbot said in the group. */
async function runJobs(): Promise<string[]> {
  const { regbot } = running();
  const before = running().telegram.sentTo(chat.id).length;
  await regbot.scheduler.tick();
  await regbot.scheduler.idle();
  await settled(running());
  return newInGroup(before);
}

function machineTranscripts() {
  return running()
    .query<{ line: string; text: string; reply_to_message_id: number }>(
      "select line, text, reply_to_message_id from events where kind = 'transcript' order by seq",
    )
    .map((row) => ({
      textColumn: row.text,
      replyTo: row.reply_to_message_id,
      ...(JSON.parse(row.line) as { payload: Record<string, unknown> }).payload,
    }));
}

/** A Madrid chat in English on a deployment with a speech-to-text engine that answers within `timeout` seconds. */
async function agencyChat({
  transcribe,
  timeout = "5",
}: {
  transcribe: "on" | "off";
  timeout?: string;
}): Promise<void> {
  engine = await startFakeTranscriptionServer();
  setTime("2026-12-02T09:00");
  const env = {
    DEFAULT_TIMEZONE: zone,
    TRANSCRIBE_URL: engine.url,
    TRANSCRIBE_API_KEY: "sk-test-key",
    TRANSCRIBE_TIMEOUT_SECONDS: timeout,
  };
  harness = await startHarness(env, {}, { clock: () => now });
  harness.telegram.pushUpdate(botAdded(chat, { ...specialist, language_code: "en" }, "administrator"));
  await settled(harness);
  if (transcribe === "on") await post(specialist, command("/set transcribe on"));
  setTime("2026-12-02T11:00");
}

describe("automatic transcription", () => {
  it("is off by default: the voice message is nudged at once and its audio goes nowhere", async () => {
    await agencyChat({ transcribe: "off" });
    expect((await post(client, voice(Buffer.from("OggS audio")))).said).toEqual([NUDGE]);
    expect(await runJobs()).toEqual([]);
    expect(engine!.received).toEqual([]);
    expect(running().telegram.callsTo("getFile")).toEqual([]);
  });

  it("is announced when a specialist turns it on, saying where the audio goes", async () => {
    await agencyChat({ transcribe: "off" });
    const { said } = await post(specialist, command("/set transcribe on"));
    expect(said).toEqual([
      [
        "Sofía Marketing (@sofia_smm) changed the regulation (version 1):",
        "• Automatic transcription of voice messages: off → on",
        `From now on regbot sends this chat's voice messages, video messages and recordings to ${new URL(engine!.url).host} for an automatic transcript, posted here and labelled as machine-made. Only the sender's own text counts as the record. To stop: /set transcribe off`,
        "The full regulation: /rules",
      ].join("\n"),
    ]);
  });

  it("posts what the engine heard as a labelled reply, logs it with the engine, model and audio hash, and still asks for the sender's own text", async () => {
    await agencyChat({ transcribe: "on" });
    engine!.answerWith(HEARD);
    const audio = Buffer.from("OggS\u0000 a voice message about the banner");
    const spoken = await post(client, voice(audio, audio.length));
    expect(spoken.said).toEqual([]);
    expect(await runJobs()).toEqual([[LABEL, HEARD, CHECK].join("\n\n")]);
    expect(running().telegram.callsTo("sendMessage").at(-1)!.params.reply_parameters).toMatchObject({
      message_id: spoken.sent.message_id,
    });
    expect(engine!.received).toEqual([
      {
        model: "whisper-1",
        fileName: `file_${files}.ogg`,
        audio,
        responseFormat: "json",
        authorization: "Bearer sk-test-key",
      },
    ]);
    expect(machineTranscripts()).toEqual([
      {
        textColumn: HEARD,
        replyTo: spoken.sent.message_id,
        voiceMessageId: spoken.sent.message_id,
        voiceSenderId: client.id,
        via: "machine",
        engine: new URL(engine!.url).host,
        model: "whisper-1",
        audioSha256: createHash("sha256").update(audio).digest("hex"),
        audioBytes: audio.length,
        text: HEARD,
      },
    ]);
    expect(running().logs.join(""), "what was said stays out of the logs").not.toContain("banner en azul");
    expect(running().logs.join(""), "and so does the engine's key").not.toContain("sk-test-key");
    // The machine's text is not the sender's: the voice message still waits for theirs.
    expect(running().query("select transcribed_at from voice_messages")).toEqual([{ transcribed_at: null }]);
    expect(await runJobs()).toEqual([]);
    expect(engine!.received).toHaveLength(1);

    setTime("2026-12-02T11:04");
    await post(client, { text: "Banner in blue, budget stays at 500 €." });
    expect(running().query("select transcript_source from voice_messages")).toEqual([
      { transcript_source: "next_message" },
    ]);
  });

  it("run again after a crash, posts the logged transcript once and does not send the audio again", async () => {
    await agencyChat({ transcribe: "on" });
    engine!.answerWith(HEARD);
    await post(client, voice(Buffer.from("OggS audio")));
    expect(await runJobs()).toHaveLength(1);
    await running().stopRegbot();
    // As after a crash between logging the transcript and recording the job as done.
    const database = openDatabase(running().databasePath);
    database.sqlite.prepare("update jobs set state = 'running' where kind = 'voice-transcription'").run();
    database.close();
    engine!.answerWith("Something else entirely.");
    const before = running().telegram.sentTo(chat.id).length;
    await running().startRegbot();
    // It runs once the updates of the downtime are handled (regbot then ticks by itself).
    const jobState = () =>
      running().query<{ state: string }>("select state from jobs where kind = 'voice-transcription'")[0]!.state;
    await running().telegram.waitFor(() => jobState() === "done");
    expect(await runJobs()).toEqual([]);
    expect(newInGroup(before)).toEqual([]);
    expect(engine!.received).toHaveLength(1);
    expect(machineTranscripts().map((transcript) => transcript.textColumn)).toEqual([HEARD]);
    expect(running().query("select state, attempts from jobs where kind = 'voice-transcription'")).toEqual([
      { state: "done", attempts: 2 },
    ]);
  });

  it("transcribes every message of a burst, asking for the sender's text only once", async () => {
    await agencyChat({ transcribe: "on" });
    await post(client, voice(Buffer.from("OggS first")));
    setTime("2026-12-02T11:02");
    await post(client, voice(Buffer.from("OggS second")));
    engine!.answerWith(HEARD);
    expect(await runJobs()).toEqual([[LABEL, HEARD, CHECK].join("\n\n"), [LABEL, HEARD].join("\n\n")]);
    expect(engine!.received.map((received) => received.audio.toString())).toEqual(["OggS first", "OggS second"]);
  });

  it("falls back to the nudge when the engine fails", async () => {
    await agencyChat({ transcribe: "on" });
    engine!.failWith(500);
    await post(client, voice(Buffer.from("OggS audio")));
    expect(await runJobs()).toEqual([NUDGE]);
    expect(engine!.received).toHaveLength(1);
    expect(machineTranscripts()).toEqual([]);
    expect(running().logs.join("")).toContain("the engine answered HTTP 500");
  });

  it("falls back to the nudge when the engine is too slow", async () => {
    await agencyChat({ transcribe: "on", timeout: "1" });
    engine!.delayBy(3_000);
    await post(client, voice(Buffer.from("OggS audio")));
    expect(await runJobs()).toEqual([NUDGE]);
    expect(engine!.received).toHaveLength(1);
    expect(machineTranscripts()).toEqual([]);
  });

  it("holds up neither other messages nor other jobs while the engine works", async () => {
    await agencyChat({ transcribe: "on", timeout: "60" });
    engine!.hold();
    await post(client, voice(Buffer.from("OggS audio")));
    const { regbot } = running();
    await regbot.scheduler.tick();
    await running().telegram.waitFor(() => engine!.received.length === 1);
    expect((await post(client, command("/rules"))).said).toEqual([
      expect.stringContaining("• Automatic transcription of voice messages: on"),
    ]);
    // A tick waiting for the engine would never end while it holds its answer.
    await regbot.scheduler.tick();
    engine!.release();
    await regbot.scheduler.idle();
    await settled(running());
    expect(newInGroup(0).at(-1)).toBe([LABEL, "Hola, soy una transcripción.", CHECK].join("\n\n"));
  });

  it("never downloads a file over Telegram's 20 MB limit for bots: the nudge comes at once, or when getFile refuses it", async () => {
    await agencyChat({ transcribe: "on" });
    const tooBig = 20 * 1024 * 1024 + 1;
    expect((await post(client, voice({ size: tooBig }, tooBig))).said).toEqual([NUDGE]);
    expect(await runJobs()).toEqual([]);
    expect(running().telegram.callsTo("getFile")).toEqual([]);

    setTime("2026-12-02T11:30");
    expect((await post(client, voice({ size: tooBig }))).said).toEqual([]);
    expect(await runJobs()).toEqual([NUDGE]);
    expect(
      running()
        .telegram.callsTo("getFile")
        .map((call) => call.status),
    ).toEqual([400]);
    expect(running().telegram.downloads).toEqual([]);
    expect(engine!.received).toEqual([]);
  });

  it("sends nothing to the engine when the sender's text came first", async () => {
    await agencyChat({ transcribe: "on" });
    const spoken = (await post(client, voice(Buffer.from("OggS audio")))).sent;
    await post(client, { text: "In short: blue banner.", reply_to_message: spoken as never });
    expect(await runJobs()).toEqual([]);
    expect(engine!.received).toEqual([]);
  });
});

describe("a deployment without a transcription engine", () => {
  it("politely refuses to turn transcription on", async () => {
    setTime("2026-12-02T09:00");
    harness = await startHarness({ DEFAULT_TIMEZONE: zone }, {}, { clock: () => now });
    harness.telegram.pushUpdate(botAdded(chat, { ...specialist, language_code: "en" }, "administrator"));
    await settled(harness);
    expect((await post(specialist, command("/set transcribe on"))).said).toEqual([
      "This regbot installation has no speech-to-text engine, so voice messages cannot be transcribed automatically here; transcription stays off. Whoever runs regbot can offer it by setting TRANSCRIBE_URL. Until then: /set transcribe off",
    ]);
  });
});
