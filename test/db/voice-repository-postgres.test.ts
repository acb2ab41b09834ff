import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PostgresVoiceRepository } from "../../src/db/postgres/voice-repository.js";
import type { RepositoryPort } from "../../src/db/repository-port.js";
import type { NewVoiceMessage, Transcript, VoiceMessage, VoiceRepository } from "../../src/db/voice-repository.js";
import type { EventDraft } from "../../src/domain/correspondence.js";
import { storedRows, type RepositoryPair, repositoryPair } from "../support/repository-pairs.js";

type Voices = RepositoryPort<VoiceRepository>;

const chat = { telegramChatId: -1001234567890, type: "supergroup" as const };
const start = 1_790_000_000_000;
const client = 501;
const colleague = 502;

let twin: RepositoryPair;
let voices: PostgresVoiceRepository;

beforeEach(async () => {
  twin = await repositoryPair();
  voices = new PostgresVoiceRepository(twin.session, twin.chain);
  await twin.append([{ chat, kind: "message", source: "update:1", senderId: client, payload: { text: "hi" } }], start);
});

afterEach(() => twin.close());

/** The same call on SQLite's repository and on PostgreSQL's: the answers must be equal. */
async function both<T>(call: (repository: Voices) => Promise<T>): Promise<T> {
  const fromSqlite = await call(twin.repositories.voices);
  const fromPostgres = await call(voices);
  expect(fromPostgres).toEqual(fromSqlite);
  return fromPostgres;
}

async function expectSameRows(): Promise<void> {
  for (const table of ["voiceMessages", "events", "chats"] as const) {
    const { sqlite, postgres } = await storedRows(twin, table);
    expect(postgres, table).toEqual(sqlite);
  }
}

function voice(messageId: number, senderId: number, sentAt: number, burstMessageId = messageId): NewVoiceMessage {
  return { chatId: 1, messageId, senderId, sentAt, duration: 7, mediaType: "voice", burstMessageId, nudged: false };
}

function transcriptEvent(
  transcript: Transcript,
  source = (voice: VoiceMessage) => `voice:${voice.messageId}:transcript`,
) {
  return (voice: VoiceMessage): EventDraft => ({
    chat,
    kind: "transcript",
    source: source(voice),
    senderId: voice.senderId,
    messageId: transcript.messageId,
    replyToMessageId: voice.messageId,
    text: "what I said",
    payload: { voiceMessageId: voice.messageId, transcriptMessageId: transcript.messageId, via: transcript.source },
  });
}

describe("PostgresVoiceRepository answers and stores as SQLite's", () => {
  it("records each voice message once and finds the waiting ones, oldest first", async () => {
    await both((repository) => repository.record(voice(100, client, start + 2_000, 100)));
    await both((repository) => repository.record(voice(101, client, start + 1_000, 100)));
    await both((repository) =>
      repository.record({ ...voice(102, colleague, start + 3_000), mediaType: "video_note", nudged: true }),
    );
    await both((repository) => repository.record(voice(103, client, start + 1_000, 103)));
    expect(await both((repository) => repository.record(voice(100, client, start + 9_000)))).toBeUndefined();

    expect(await both((repository) => repository.hasWaiting(1, client))).toBe(true);
    expect(await both((repository) => repository.hasWaiting(1, 999))).toBe(false);
    await both((repository) => repository.find(1, 102));
    expect(await both((repository) => repository.find(1, 999))).toBeUndefined();
    expect((await both((repository) => repository.latestFrom(1, client)))?.messageId).toBe(100);
    expect(await both((repository) => repository.latestFrom(1, 999))).toBeUndefined();
    expect(await both((repository) => repository.untranscribedCount(1))).toBe(4);
    const waiting = await both((repository) => repository.untranscribed(1));
    expect(waiting.map((voice) => voice.messageId)).toEqual([101, 103, 100, 102]);
    const burst = await both((repository) => repository.untranscribedInBurst(1, client, 100));
    expect(burst.map((voice) => voice.messageId)).toEqual([101, 100]);
    expect(await both((repository) => repository.untranscribed(2))).toEqual([]);
    await expectSameRows();
  });

  it("links a text to a burst once, logging one transcript event for each voice message", async () => {
    await both((repository) => repository.record(voice(100, client, start + 1_000, 100)));
    await both((repository) => repository.record(voice(101, client, start + 2_000, 100)));
    await both((repository) => repository.record(voice(102, colleague, start + 3_000)));
    const burst = await both((repository) => repository.untranscribedInBurst(1, client, 100));
    const transcript: Transcript = { source: "next_message", messageId: 104, at: start + 10_000 };

    const linked = await both((repository) =>
      repository.markTranscribed(burst, transcript, transcriptEvent(transcript), start + 10_500),
    );
    expect(linked.map((voice) => voice.transcriptEventSeq)).toEqual([2, 3]);
    const again: Transcript = { source: "command", messageId: 105, at: start + 20_000 };
    expect(
      await both((repository) => repository.markTranscribed(burst, again, transcriptEvent(again), start + 20_000)),
    ).toEqual([]);
    expect(await both((repository) => repository.untranscribedCount(1))).toBe(1);
    expect(await both((repository) => repository.hasWaiting(1, client))).toBe(false);
    await expectSameRows();
  });

  it("links a voice message whose transcript event was logged already, leaving its seq empty", async () => {
    const [stored] = [await both((repository) => repository.record(voice(100, client, start + 1_000)))];
    const transcript: Transcript = { source: "reply", messageId: 104, at: start + 10_000 };
    const linked = await both((repository) =>
      repository.markTranscribed(
        [stored!],
        transcript,
        transcriptEvent(transcript, () => "update:1"),
        start + 10_000,
      ),
    );
    expect(linked[0]?.transcriptEventSeq).toBeNull();
    await expectSameRows();
  });

  it("logs a machine transcript and finds it again, leaving the voice message waiting", async () => {
    const stored = (await both((repository) => repository.record(voice(100, client, start + 1_000))))!;
    const payload = {
      voiceMessageId: stored.id,
      voiceSenderId: client,
      via: "machine" as const,
      engine: "stt.example",
      model: "whisper-1",
      audioSha256: "ab".repeat(32),
      audioBytes: 2048,
      text: "what the machine heard",
    };
    await both((repository) =>
      repository.recordMachineTranscript(
        { chat, kind: "transcript", source: `voice:${stored.id}:machine-transcript`, text: payload.text, payload },
        start + 30_000,
      ),
    );
    expect(await both((repository) => repository.machineTranscript(1, stored.id))).toEqual(payload);
    expect(await both((repository) => repository.machineTranscript(1, stored.id + 1))).toBeUndefined();
    expect(await both((repository) => repository.hasWaiting(1, client))).toBe(true);
    await expectSameRows();
  });
});

describe("PostgresVoiceRepository with two processes", () => {
  it("links a voice message once when both link it at the same moment", async () => {
    const other = await twin.another();
    const stored = (await voices.record(voice(100, client, start + 1_000)))!;
    const elsewhere = new PostgresVoiceRepository(other.session, other.chain);
    const first: Transcript = { source: "next_message", messageId: 104, at: start + 10_000 };
    const second: Transcript = { source: "reply", messageId: 105, at: start + 10_001 };
    const results = await Promise.all([
      voices.markTranscribed(
        [stored],
        first,
        transcriptEvent(first, () => "link:a"),
        start + 10_000,
      ),
      elsewhere.markTranscribed(
        [stored],
        second,
        transcriptEvent(second, () => "link:b"),
        start + 10_001,
      ),
    ]);
    expect(results.map((linked) => linked.length).sort()).toEqual([0, 1]);
    const { postgres: logged } = await storedRows(twin, "events");
    expect(logged.filter((event) => (event as { kind: string }).kind === "transcript")).toHaveLength(1);
  });
});
