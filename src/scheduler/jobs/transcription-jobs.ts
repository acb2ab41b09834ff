import { createHash } from "node:crypto";
import type { Logger } from "pino";
import type { Clock } from "../../clock.js";
import type { Chat } from "../../db/chat-repository.js";
import type { Job } from "../../db/job-repository.js";
import type { OutgoingMessage } from "../../db/outbox-repository.js";
import type { Repositories } from "../../db/repositories.js";
import { machineTranscriptSource, type MachineTranscript, type VoiceMessage } from "../../db/voice-repository.js";
import type { EventDraft } from "../../domain/correspondence.js";
import type { Language, Translate } from "../../domain/languages.js";
import type { Regulation } from "../../domain/regulation/regulation.js";
import { uploadNameOf } from "../../domain/voice/voice-rules.js";
import type { JobHandler } from "../scheduler.js";
import type { Transcriber } from "../../transcription/transcriber.js";
import { regulationOf } from "../../bot/shared/chat-regulation.js";
import { personName } from "../../bot/format/people.js";
import type { FetchTelegramFile } from "../../bot/shared/telegram-files.js";

export const VOICE_TRANSCRIPTION = "voice-transcription";

/** One transcription per voice message. */
export function voiceTranscriptionKey(chatId: number, messageId: number): string {
  return `voice:${chatId}:${messageId}:transcription`;
}

export interface VoiceTranscriptionPayload {
  chatId: number;
  messageId: number;
  fileId: string;
  threadId?: number;
}

export interface TranscriptionJobDeps {
  repositories: Pick<Repositories, "voices" | "chats" | "people" | "regulations">;
  translate: Translate;
  defaultLanguage: Language;
  defaultTimezone: string;
  /** Absent when the deployment no longer offers transcription: jobs left from before fall back to the nudge. */
  transcriber: Transcriber | undefined;
  fetchFile: FetchTelegramFile;
  clock: Clock;
  logger: Logger;
}

/**
 * Sends a voice message to the speech-to-text engine and posts what it heard, labelled as
 * machine-made, with the nudge's request for the sender's own text. When the engine fails or
 * times out, or the chat turned transcription off meanwhile, the plain nudge is posted instead.
 * Slow: the engine may take a minute, and other jobs must not wait for it.
 */
export function transcriptionJobs(deps: TranscriptionJobDeps): JobHandler[] {
  return [
    {
      kind: VOICE_TRANSCRIPTION,
      slow: true,
      async run(job, { logger }) {
        const payload = JSON.parse(job.payload) as VoiceTranscriptionPayload;
        const { voices, chats } = deps.repositories;
        const chat = await chats.findById(payload.chatId);
        const voice = await voices.find(payload.chatId, payload.messageId);
        if (!chat?.active || voice === undefined) return {};
        const { regulation } = await regulationOf({ ...deps, regulations: deps.repositories.regulations }, chat);
        const replies = await repliesTo(deps, job, payload, voice, regulation);
        // After a crash the logged transcript is posted again (once, by its key), not asked for anew.
        const logged = await voices.machineTranscript(chat.id, voice.messageId);
        if (logged !== undefined) return { messages: [replies.transcript(logged)] };
        // The sender's own text came first: nothing to transcribe or ask for.
        if (voice.transcribedAt !== null) return {};
        const fallback = { messages: replies.nudge === undefined ? [] : [replies.nudge] };
        if (regulation.transcribe !== "on" || deps.transcriber === undefined) return fallback;
        const heard = await listen(deps.transcriber, deps.fetchFile, payload.fileId).catch((error: unknown) => {
          logger.warn(
            { chatId: chat.id, messageId: voice.messageId, err: error },
            "transcription failed; asking for a text instead",
          );
          return undefined;
        });
        if (heard === undefined || heard.text === "") return fallback;
        const transcript: MachineTranscript = {
          voiceMessageId: voice.messageId,
          voiceSenderId: voice.senderId,
          via: "machine",
          ...heard,
        };
        await voices.recordMachineTranscript(transcriptEvent(chat, payload, transcript), deps.clock());
        return { messages: [replies.transcript(transcript)] };
      },
    },
  ];
}

type Heard = Pick<MachineTranscript, "engine" | "model" | "audioSha256" | "audioBytes" | "text">;

async function listen(transcriber: Transcriber, fetchFile: FetchTelegramFile, fileId: string): Promise<Heard> {
  const signal = AbortSignal.timeout(transcriber.timeoutMs);
  const audio = await fetchFile(fileId, signal);
  const text = await transcriber.transcribe({ bytes: audio.bytes, fileName: uploadNameOf(audio.filePath) }, signal);
  return {
    engine: transcriber.engine,
    model: transcriber.model,
    audioSha256: createHash("sha256").update(audio.bytes).digest("hex"),
    audioBytes: audio.bytes.byteLength,
    text,
  };
}

interface Replies {
  /** The plain request for a text, when this voice message is the one its burst is asked about. */
  nudge: OutgoingMessage | undefined;
  transcript(transcript: MachineTranscript): OutgoingMessage;
}

async function repliesTo(
  deps: TranscriptionJobDeps,
  job: Job,
  payload: VoiceTranscriptionPayload,
  voice: VoiceMessage,
  regulation: Regulation,
): Promise<Replies> {
  const { language } = regulation;
  const name = personName(await deps.repositories.people.find(voice.chatId, voice.senderId), voice.senderId);
  const asksForText = voice.nudged && regulation.voice === "nudge";
  const reply = (purpose: string, text: string): OutgoingMessage => ({
    dedupeKey: `${job.dedupeKey}:${purpose}`,
    to: { chatId: voice.chatId, ...(payload.threadId === undefined ? {} : { threadId: payload.threadId }) },
    text,
    replyToMessageId: voice.messageId,
  });
  return {
    nudge: asksForText
      ? {
          ...reply("nudge", deps.translate(language, "voice-nudge", { name, media: voice.mediaType })),
          priority: "low",
        }
      : undefined,
    transcript: ({ model, text }) => {
      const label = deps.translate(language, "voice-machine-transcript", { media: voice.mediaType, model });
      const check = asksForText ? [deps.translate(language, "voice-machine-transcript-check", { name })] : [];
      return reply("transcript", [label, text, ...check].join("\n\n"));
    },
  };
}

function transcriptEvent(
  chat: Chat,
  payload: VoiceTranscriptionPayload,
  transcript: MachineTranscript,
): EventDraft & { payload: MachineTranscript } {
  return {
    chat: { telegramChatId: chat.telegramChatId, type: chat.type as "group" | "supergroup" },
    kind: "transcript",
    source: machineTranscriptSource(transcript.voiceMessageId),
    replyToMessageId: transcript.voiceMessageId,
    ...(payload.threadId === undefined ? {} : { threadId: payload.threadId }),
    text: transcript.text,
    payload: transcript,
  };
}
