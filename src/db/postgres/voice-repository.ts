import { and, asc, count, desc, eq, isNull } from "drizzle-orm";
import type { EventDraft } from "../../domain/correspondence.js";
import type { RepositoryPort } from "../repository-port.js";
import {
  type MachineTranscript,
  machineTranscriptSource,
  type NewVoiceMessage,
  type Transcript,
  type VoiceMessage,
  type VoiceRepository,
} from "../voice-repository.js";
import { chatChainLock } from "./correspondence-repository.js";
import type { ChainAppender } from "./collaborators.js";
import { events, voiceMessages } from "./schema.js";
import type { PostgresSession } from "./session.js";

/** `VoiceRepository` on PostgreSQL: voice messages and their text versions, each transcript an event in the chat's log. */
export class PostgresVoiceRepository implements RepositoryPort<VoiceRepository> {
  constructor(
    private readonly session: PostgresSession,
    private readonly chain: ChainAppender,
  ) {}

  /** Stores a voice message once (`voice_messages_message` is unique); undefined when it was already stored. */
  async record(voice: NewVoiceMessage): Promise<VoiceMessage | undefined> {
    const { chatId, messageId, senderId, sentAt, duration, mediaType, burstMessageId, nudged } = voice;
    const [stored] = await this.session.queries
      .insert(voiceMessages)
      .values({ chatId, messageId, senderId, sentAt, duration, mediaType, burstMessageId, nudged })
      .onConflictDoNothing()
      .returning();
    return stored;
  }

  /** Whether the sender has a voice message in the chat still without a text version. */
  async hasWaiting(chatId: number, senderId: number): Promise<boolean> {
    const [waiting] = await this.session.queries
      .select({ id: voiceMessages.id })
      .from(voiceMessages)
      .where(
        and(
          eq(voiceMessages.chatId, chatId),
          isNull(voiceMessages.transcribedAt),
          eq(voiceMessages.senderId, senderId),
        ),
      )
      .limit(1);
    return waiting !== undefined;
  }

  async find(chatId: number, messageId: number): Promise<VoiceMessage | undefined> {
    const [voice] = await this.session.queries
      .select()
      .from(voiceMessages)
      .where(and(eq(voiceMessages.chatId, chatId), eq(voiceMessages.messageId, messageId)));
    return voice;
  }

  /** The sender's most recent voice message in the chat. */
  async latestFrom(chatId: number, senderId: number): Promise<VoiceMessage | undefined> {
    const [voice] = await this.session.queries
      .select()
      .from(voiceMessages)
      .where(and(eq(voiceMessages.chatId, chatId), eq(voiceMessages.senderId, senderId)))
      .orderBy(desc(voiceMessages.sentAt), desc(voiceMessages.id))
      .limit(1);
    return voice;
  }

  /** How many of the chat's voice messages still have no text. */
  async untranscribedCount(chatId: number): Promise<number> {
    const [row] = await this.session.queries
      .select({ count: count() })
      .from(voiceMessages)
      .where(and(eq(voiceMessages.chatId, chatId), isNull(voiceMessages.transcribedAt)));
    return row!.count;
  }

  /** The chat's voice messages still without a text version, oldest first. */
  async untranscribed(chatId: number): Promise<VoiceMessage[]> {
    return this.session.queries
      .select()
      .from(voiceMessages)
      .where(and(eq(voiceMessages.chatId, chatId), isNull(voiceMessages.transcribedAt)))
      .orderBy(asc(voiceMessages.sentAt), asc(voiceMessages.id));
  }

  /** A burst's voice messages still without a text version, oldest first. */
  async untranscribedInBurst(chatId: number, senderId: number, burstMessageId: number): Promise<VoiceMessage[]> {
    return this.session.queries
      .select()
      .from(voiceMessages)
      .where(
        and(
          eq(voiceMessages.chatId, chatId),
          eq(voiceMessages.senderId, senderId),
          eq(voiceMessages.burstMessageId, burstMessageId),
          isNull(voiceMessages.transcribedAt),
        ),
      )
      .orderBy(asc(voiceMessages.sentAt), asc(voiceMessages.id));
  }

  /** The machine transcript logged for a voice message, if one was. */
  async machineTranscript(chatId: number, voiceMessageId: number): Promise<MachineTranscript | undefined> {
    const [row] = await this.session.queries
      .select({ line: events.line })
      .from(events)
      .where(and(eq(events.chatId, chatId), eq(events.source, machineTranscriptSource(voiceMessageId))))
      .limit(1);
    return row && (JSON.parse(row.line) as { payload: MachineTranscript }).payload;
  }

  /** Logs a machine transcript; the voice message keeps waiting for its sender's own text, the binding record. */
  async recordMachineTranscript(draft: EventDraft & { payload: MachineTranscript }, at: number): Promise<void> {
    await this.session.transaction(() => this.chain.appendInTransaction([draft], at));
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
    return this.session.transaction(async () => {
      // The chat before its rows, as every writer of a chat (the chain's append too) takes them:
      // locking a voice message first and the chat at the append could deadlock with another
      // linking. The second of two processes linking the same voice message finds it linked.
      const chatIds = [...new Set(voices.map((voice) => voice.chatId))].sort((one, other) => one - other);
      for (const chatId of chatIds) await this.session.lockUntilCommit(chatChainLock(chatId));
      const linked: VoiceMessage[] = [];
      for (const voice of voices) {
        const [changed] = await this.session.queries
          .update(voiceMessages)
          .set({
            transcribedAt: transcript.at,
            transcriptSource: transcript.source,
            transcriptMessageId: transcript.messageId,
          })
          .where(and(eq(voiceMessages.id, voice.id), isNull(voiceMessages.transcribedAt)))
          .returning();
        if (changed === undefined) continue;
        const [event] = await this.chain.appendInTransaction([record(changed)], at);
        if (event !== undefined)
          await this.session.queries
            .update(voiceMessages)
            .set({ transcriptEventSeq: event.seq })
            .where(eq(voiceMessages.id, voice.id));
        linked.push({ ...changed, transcriptEventSeq: event?.seq ?? null });
      }
      return linked;
    });
  }
}
