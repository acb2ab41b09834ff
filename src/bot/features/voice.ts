import { Context } from "grammy";
import type { Message } from "grammy/types";
import type { Chat } from "../../db/chat-repository.js";
import type { Transcript, VoiceMessage } from "../../db/voice-repository.js";
import type { EventDraft } from "../../domain/correspondence.js";
import {
  continuesBurst,
  followsVoice,
  isDownloadable,
  isRecording,
  reminderDueAt,
} from "../../domain/voice/voice-rules.js";
import { calendarOf, regulationOf } from "../shared/chat-regulation.js";
import type { BotContext } from "../context.js";
import { groupReply } from "../format/group-reply.js";
import { displayName, isIdentifiablePerson } from "../format/people.js";
import { VOICE_REMINDER, voiceReminderKey, type VoiceReminderPayload } from "../../scheduler/jobs/voice-jobs.js";
import {
  VOICE_TRANSCRIPTION,
  voiceTranscriptionKey,
  type VoiceTranscriptionPayload,
} from "../../scheduler/jobs/transcription-jobs.js";
import { isCommand } from "../shared/message-kinds.js";
import { narrow } from "../middleware/narrow.js";
import { Feature } from "../feature.js";

/**
 * Text over voice: a voice message, round video or recording gets one friendly request for a
 * text version per burst, and is tracked until its sender or anyone else provides that text.
 * Where the chat turned transcription on, a job sends it to the engine and asks for the text
 * next to what the engine heard.
 */
const feature = new Feature();
const inGroup = narrow(feature, Context.has.chatType(["group", "supergroup"]));

feature.inGroups.command("transcript", async (ctx) => {
  const chat = await ctx.deps.chats.findByTelegramId(ctx.chat.id);
  if (chat === undefined) return;
  const text = ctx.match.trim();
  const repliedTo = ctx.message.reply_to_message;
  const voice = repliedTo === undefined ? undefined : await ctx.deps.voices.find(chat.id, repliedTo.message_id);
  const say = (purpose: string, key: string) =>
    ctx.deps.outbox.post([{ ...groupReply(ctx, chat.id, purpose, ctx.t(key)), priority: "low" }]);
  if (voice === undefined || text === "") return say("transcript-usage", "voice-transcript-usage");
  if (voice.transcribedAt !== null) return say("transcript-already", "voice-transcript-already");
  await linkTranscript(
    ctx,
    chat,
    [voice],
    { source: "command", messageId: ctx.message.message_id, at: ctx.message.date * 1000 },
    text,
  );
  await say("transcript-linked", "voice-transcript-linked");
});

narrow(inGroup, Context.has.filterQuery("message"), async (ctx, next) => {
  const message = ctx.message;
  const sender = ctx.from;
  if (isCommand(ctx.message) || message.sender_chat !== undefined || !isIdentifiablePerson(sender)) return next();
  const media = spokenMediaOf(message);
  if (media === undefined && message.text === undefined) return next();
  const chat = await ctx.deps.chats.findByTelegramId(ctx.chat.id);
  if (chat === undefined) return next();
  if (media !== undefined) await voiceSent(ctx, chat, message, media);
  else await textWritten(ctx, chat, message);
  await next();
});

interface SpokenMedia {
  mediaType: VoiceMessage["mediaType"];
  duration: number;
  fileId: string;
  fileSize: number | undefined;
}

/** What has to be listened to: voice, a round video, or an audio that is a recording rather than music. */
function spokenMediaOf(message: Message): SpokenMedia | undefined {
  const { voice, video_note: videoNote, audio } = message;
  if (voice !== undefined)
    return { mediaType: "voice", duration: voice.duration, fileId: voice.file_id, fileSize: voice.file_size };
  if (videoNote !== undefined)
    return {
      mediaType: "video_note",
      duration: videoNote.duration,
      fileId: videoNote.file_id,
      fileSize: videoNote.file_size,
    };
  if (
    audio !== undefined &&
    isRecording({ durationSeconds: audio.duration, performer: audio.performer, title: audio.title })
  ) {
    return { mediaType: "audio", duration: audio.duration, fileId: audio.file_id, fileSize: audio.file_size };
  }
  return undefined;
}

async function voiceSent(ctx: BotContext, chat: Chat, message: Message, media: SpokenMedia): Promise<void> {
  const { voices, jobs, outbox } = ctx.deps;
  const sender = ctx.from!;
  const sentAt = message.date * 1000;
  const rules = await regulationOf(ctx.deps, chat, sentAt);
  const nudging = rules.regulation.voice === "nudge";
  // The transcription job then asks for the text itself, next to what the engine heard (or without it, when it fails).
  const transcribing =
    rules.regulation.transcribe === "on" && ctx.deps.transcriber !== undefined && isDownloadable(media.fileSize);
  const previous = await voices.latestFrom(chat.id, sender.id);
  // A text in between (a transcript) ends the burst, so the next voice message is asked about again.
  const burst =
    previous !== undefined && previous.transcribedAt === null && continuesBurst(previous.sentAt, sentAt)
      ? previous.burstMessageId
      : undefined;
  const stored = await voices.record({
    chatId: chat.id,
    messageId: message.message_id,
    senderId: sender.id,
    sentAt,
    duration: media.duration,
    mediaType: media.mediaType,
    burstMessageId: burst ?? message.message_id,
    nudged: nudging && burst === undefined,
  });
  if (stored === undefined) return;
  if (transcribing) await scheduleTranscription(ctx, chat, message, media);
  if (!nudging) return;
  if (stored.nudged && !transcribing) {
    const text = ctx.t("voice-nudge", { name: displayName(sender), media: media.mediaType });
    await outbox.post([{ ...groupReply(ctx, chat.id, "voice-nudge", text), priority: "low" }]);
  }
  // Each message of a burst moves the reminder: it counts from the latest one.
  const payload: VoiceReminderPayload = { chatId: chat.id, senderId: sender.id, burstMessageId: stored.burstMessageId };
  await jobs.schedule({
    kind: VOICE_REMINDER,
    dedupeKey: voiceReminderKey(chat.id, stored.burstMessageId),
    chatId: chat.id,
    dueAt: reminderDueAt(calendarOf(rules), sentAt),
    payload,
    judgesConduct: true,
  });
}

async function scheduleTranscription(ctx: BotContext, chat: Chat, message: Message, media: SpokenMedia): Promise<void> {
  const payload: VoiceTranscriptionPayload = {
    chatId: chat.id,
    messageId: message.message_id,
    fileId: media.fileId,
    ...(message.is_topic_message ? { threadId: message.message_thread_id } : {}),
  };
  await ctx.deps.jobs.schedule({
    kind: VOICE_TRANSCRIPTION,
    dedupeKey: voiceTranscriptionKey(chat.id, message.message_id),
    chatId: chat.id,
    dueAt: ctx.deps.clock(),
    payload,
    // After a downtime the sender's text among the backlog is seen first, and the audio stays home.
    judgesConduct: true,
  });
}

/** The sender's text is the transcript when it replies to their voice message, or follows their burst within 5 minutes (a sticker in between does not count as their next message). */
async function textWritten(ctx: BotContext, chat: Chat, message: Message): Promise<void> {
  const { voices } = ctx.deps;
  const sender = ctx.from!;
  const writtenAt = message.date * 1000;
  const transcript = (source: Transcript["source"]): Transcript => ({
    source,
    messageId: message.message_id,
    at: writtenAt,
  });
  const repliedTo = message.reply_to_message;
  const voice = repliedTo === undefined ? undefined : await voices.find(chat.id, repliedTo.message_id);
  if (voice !== undefined && voice.senderId === sender.id && voice.transcribedAt === null) {
    await linkTranscript(ctx, chat, [voice], transcript("reply"), message.text!);
    return;
  }
  if (!(await voices.hasWaiting(chat.id, sender.id))) return;
  const latest = await voices.latestFrom(chat.id, sender.id);
  if (latest === undefined || latest.transcribedAt !== null || !followsVoice(latest.sentAt, writtenAt)) return;
  const burst = await voices.untranscribedInBurst(chat.id, sender.id, latest.burstMessageId);
  await linkTranscript(ctx, chat, burst, transcript("next_message"), message.text!);
}

async function linkTranscript(
  ctx: BotContext,
  chat: Chat,
  voices: readonly VoiceMessage[],
  transcript: Transcript,
  text: string,
): Promise<void> {
  const { deps } = ctx;
  const linked = await deps.voices.markTranscribed(
    voices,
    transcript,
    (voice) => transcriptEvent(ctx, chat, voice, transcript, text),
    deps.clock(),
  );
  const bursts = new Map(linked.map((voice) => [voice.burstMessageId, voice.senderId]));
  for (const [burstMessageId, senderId] of bursts) {
    const waiting = await deps.voices.untranscribedInBurst(chat.id, senderId, burstMessageId);
    if (waiting.length === 0) await deps.jobs.cancel(voiceReminderKey(chat.id, burstMessageId));
  }
}

function transcriptEvent(
  ctx: BotContext,
  chat: Chat,
  voice: VoiceMessage,
  transcript: Transcript,
  text: string,
): EventDraft {
  return {
    chat: { telegramChatId: chat.telegramChatId, type: chat.type as "group" | "supergroup" },
    kind: "transcript",
    source: `voice:${voice.messageId}:transcript`,
    telegramDate: Math.floor(transcript.at / 1000),
    ...(ctx.from === undefined ? {} : { senderId: ctx.from.id }),
    messageId: transcript.messageId,
    replyToMessageId: voice.messageId,
    text,
    payload: {
      voiceMessageId: voice.messageId,
      voiceSenderId: voice.senderId,
      transcriptMessageId: transcript.messageId,
      via: transcript.source,
    },
  };
}

export { feature as voiceFeature };
