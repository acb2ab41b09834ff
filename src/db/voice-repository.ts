import { and, asc, count, desc, eq, isNull, sql } from "drizzle-orm";
import type { EventDraft } from "../domain/correspondence.js";
import type { CorrespondenceRepository } from "./correspondence-repository.js";
import { connectionOf, type Orm } from "./database.js";
import { reportWrite } from "./read-cache.js";
import { events, voiceMessages } from "./schema.js";

export type VoiceMessage = typeof voiceMessages.$inferSelect;
export type NewVoiceMessage = Pick<
  VoiceMessage,
  "chatId" | "messageId" | "senderId" | "sentAt" | "duration" | "mediaType" | "burstMessageId" | "nudged"
>;
export type TranscriptSource = NonNullable<VoiceMessage["transcriptSource"]>;

export interface Transcript {
  source: TranscriptSource;
  messageId: number;
  at: number;
}

/** What a speech-to-text engine heard in a voice message, as logged (the sealed line carries all of it). */
export interface MachineTranscript {
  voiceMessageId: number;
  voiceSenderId: number;
  via: "machine";
  /** The engine's host and the model it was asked to use. */
  engine: string;
  model: string;
  /** SHA-256 of the audio exactly as sent, hex. */
  audioSha256: string;
  audioBytes: number;
  text: string;
}

/** The log's source of a voice message's machine transcript: one per voice message. */
export function machineTranscriptSource(voiceMessageId: number): string {
  return `voice:${voiceMessageId}:machine-transcript`;
}

/** Voice messages and their text versions; each transcript is also an event in the chat's log. */
export class VoiceRepository {
  private readonly latestFromSender;
  /** Read by every status and digest. */
  private readonly untranscribedInChat;
  private readonly untranscribedInChatCount;
  /** Asked for every text of a sender with a voice message waiting. */
  private readonly untranscribedOfBurst;
  /** Whether a sender has a voice message still without a text: asked for every text message. */
  private readonly senderWaiting;
  /** Recorded for every voice message and linked to the text that follows: prepared once. */
  private readonly insert;
  private readonly markTranscribedTransaction: (
    voices: readonly VoiceMessage[],
    transcript: Transcript,
    record: (voice: VoiceMessage) => EventDraft,
    at: number,
  ) => VoiceMessage[];

  constructor(
    private readonly orm: Orm,
    private readonly correspondence: CorrespondenceRepository,
  ) {
    this.latestFromSender = orm
      .select()
      .from(voiceMessages)
      .where(
        and(
          eq(voiceMessages.chatId, sql.placeholder("chatId")),
          eq(voiceMessages.senderId, sql.placeholder("senderId")),
        ),
      )
      .orderBy(desc(voiceMessages.sentAt), desc(voiceMessages.id))
      .limit(1)
      .prepare();
    const untranscribedInChat = and(
      eq(voiceMessages.chatId, sql.placeholder("chatId")),
      isNull(voiceMessages.transcribedAt),
    );
    this.untranscribedInChat = orm
      .select()
      .from(voiceMessages)
      .where(untranscribedInChat)
      .orderBy(asc(voiceMessages.sentAt), asc(voiceMessages.id))
      .prepare();
    this.untranscribedInChatCount = orm
      .select({ count: count() })
      .from(voiceMessages)
      .where(untranscribedInChat)
      .prepare();
    this.untranscribedOfBurst = orm
      .select()
      .from(voiceMessages)
      .where(
        and(
          eq(voiceMessages.chatId, sql.placeholder("chatId")),
          eq(voiceMessages.senderId, sql.placeholder("senderId")),
          eq(voiceMessages.burstMessageId, sql.placeholder("burstMessageId")),
          isNull(voiceMessages.transcribedAt),
        ),
      )
      // `+`: sorting the burst's few rows beats walking all the sender's voice messages in `voice_messages_sender`'s order.
      .orderBy(sql`+${voiceMessages.sentAt}`, asc(voiceMessages.id))
      .prepare();
    // One probe of `voice_messages_pending`: reading every waiting voice message of the chat (all
    // senders') made the first text after each voice message cost as much as the chat's backlog.
    this.senderWaiting = orm
      .select({ id: voiceMessages.id })
      .from(voiceMessages)
      .where(
        and(
          eq(voiceMessages.chatId, sql.placeholder("chatId")),
          isNull(voiceMessages.transcribedAt),
          eq(voiceMessages.senderId, sql.placeholder("senderId")),
        ),
      )
      .limit(1)
      .prepare();
    const placeholders = <Column extends string>(columns: readonly Column[]) =>
      Object.fromEntries(columns.map((column) => [column, sql.placeholder(column)])) as never;
    this.insert = orm
      .insert(voiceMessages)
      .values(
        placeholders([
          "chatId",
          "messageId",
          "senderId",
          "sentAt",
          "duration",
          "mediaType",
          "burstMessageId",
          "nudged",
        ] satisfies (keyof NewVoiceMessage)[]),
      )
      .onConflictDoNothing()
      .returning()
      .prepare();
    const transcribed = orm
      .update(voiceMessages)
      .set(placeholders(["transcribedAt", "transcriptSource", "transcriptMessageId"]))
      .where(and(eq(voiceMessages.id, sql.placeholder("id")), isNull(voiceMessages.transcribedAt)))
      .returning()
      .prepare();
    const transcriptLogged = orm
      .update(voiceMessages)
      .set(placeholders(["transcriptEventSeq"]))
      .where(eq(voiceMessages.id, sql.placeholder("id")))
      .prepare();
    this.markTranscribedTransaction = connectionOf(orm).transaction(
      (
        voices: readonly VoiceMessage[],
        transcript: Transcript,
        record: (voice: VoiceMessage) => EventDraft,
        at: number,
      ) => {
        const linked: VoiceMessage[] = [];
        for (const voice of voices) {
          const changed = transcribed.get({
            id: voice.id,
            transcribedAt: transcript.at,
            transcriptSource: transcript.source,
            transcriptMessageId: transcript.messageId,
          });
          if (changed === undefined) continue;
          const [event] = correspondence.appendWithin(orm, [record(changed)], at);
          if (event !== undefined) transcriptLogged.run({ id: voice.id, transcriptEventSeq: event.seq });
          linked.push({ ...changed, transcriptEventSeq: event?.seq ?? null });
        }
        return linked;
      },
    );
  }

  /** Stores a voice message once; undefined when it was already stored (the update was handled before). */
  async record(voice: NewVoiceMessage): Promise<VoiceMessage | undefined> {
    return reportWrite(
      this.orm,
      () => this.insert.get(voice),
      () => [voiceMessages],
    );
  }

  /** Whether the sender has a voice message in the chat still without a text version. */
  async hasWaiting(chatId: number, senderId: number): Promise<boolean> {
    return this.senderWaiting.get({ chatId, senderId }) !== undefined;
  }

  async find(chatId: number, messageId: number): Promise<VoiceMessage | undefined> {
    return this.orm
      .select()
      .from(voiceMessages)
      .where(and(eq(voiceMessages.chatId, chatId), eq(voiceMessages.messageId, messageId)))
      .get();
  }

  /** The sender's most recent voice message in the chat. */
  async latestFrom(chatId: number, senderId: number): Promise<VoiceMessage | undefined> {
    return this.latestFromSender.get({ chatId, senderId });
  }

  /** How many of the chat's voice messages still have no text, counted by index (the status shows only the number). */
  async untranscribedCount(chatId: number): Promise<number> {
    return this.untranscribedInChatCount.get({ chatId })!.count;
  }

  /** The chat's voice messages still without a text version, oldest first. */
  async untranscribed(chatId: number): Promise<VoiceMessage[]> {
    return this.untranscribedInChat.all({ chatId });
  }

  /** A burst's voice messages still without a text version, oldest first. */
  async untranscribedInBurst(chatId: number, senderId: number, burstMessageId: number): Promise<VoiceMessage[]> {
    return this.untranscribedOfBurst.all({ chatId, senderId, burstMessageId });
  }

  /** The machine transcript logged for a voice message, if one was. */
  async machineTranscript(chatId: number, voiceMessageId: number): Promise<MachineTranscript | undefined> {
    const row = this.orm
      .select({ line: events.line })
      .from(events)
      .where(and(eq(events.chatId, chatId), eq(events.source, machineTranscriptSource(voiceMessageId))))
      .get();
    return row && (JSON.parse(row.line) as { payload: MachineTranscript }).payload;
  }

  /**
   * Logs a machine transcript. It leaves the voice message waiting for its sender's own text,
   * which stays the binding record.
   */
  async recordMachineTranscript(draft: EventDraft & { payload: MachineTranscript }, at: number): Promise<void> {
    await this.correspondence.append([draft], at);
  }

  /**
   * Links a text to voice messages that had none, logging one `transcript` event for each in
   * the same transaction; returns those it linked (none when all had a text already).
   */
  async markTranscribed(
    voices: readonly VoiceMessage[],
    transcript: Transcript,
    record: (voice: VoiceMessage) => EventDraft,
    at: number,
  ): Promise<VoiceMessage[]> {
    return reportWrite(
      this.orm,
      () => this.markTranscribedTransaction(voices, transcript, record, at),
      () => [voiceMessages],
    );
  }
}
