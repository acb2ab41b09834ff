import { addBusinessTime, type BusinessCalendar } from "../calendar/index.js";

/** Voice messages from one sender with gaps of at most this long are one burst, nudged once. */
export const BURST_GAP_MS = 5 * 60_000;
/** The sender's text this soon after their voice message stands for its text version. */
export const FOLLOW_UP_MS = 5 * 60_000;
/** A voice message still without text after this much contact time reminds its sender once. */
export const REMINDER_AFTER_BUSINESS_MINUTES = 4 * 60;

/** The largest file the Bot API lets a bot download ("20 MB"). */
export const BOT_DOWNLOAD_LIMIT_BYTES = 20 * 1024 * 1024;

/** A recording sent as an audio file rather than music shared deliberately (see `isRecording`). */
const RECORDING_MAX_SECONDS = 10 * 60;

export interface AudioFile {
  durationSeconds: number;
  performer?: string | undefined;
  title?: string | undefined;
}

/**
 * Music carries a performer or title tag and usually runs longer; a dictaphone or a forwarded
 * voice note has neither and is short, so only such audio is asked for text.
 */
export function isRecording(audio: AudioFile): boolean {
  const untagged = !audio.performer?.trim() && !audio.title?.trim();
  return untagged && audio.durationSeconds <= RECORDING_MAX_SECONDS;
}

/** Whether a voice message at `sentAt` continues the sender's burst whose latest message was at `previousAt`. */
export function continuesBurst(previousAt: number, sentAt: number): boolean {
  return sentAt >= previousAt && sentAt - previousAt <= BURST_GAP_MS;
}

/** Whether the sender's text at `writtenAt` follows their voice message at `voiceAt` closely enough to be its text. */
export function followsVoice(voiceAt: number, writtenAt: number): boolean {
  return writtenAt >= voiceAt && writtenAt - voiceAt <= FOLLOW_UP_MS;
}

/** When the sender is reminded of a voice message (or burst) last added to at `sentAt`. */
export function reminderDueAt(calendar: BusinessCalendar, sentAt: number): number {
  return addBusinessTime(calendar, sentAt, REMINDER_AFTER_BUSINESS_MINUTES);
}

/** Whether a bot may download a file of this size; an unknown size is left to Telegram to judge. */
export function isDownloadable(fileSize: number | undefined): boolean {
  return fileSize === undefined || fileSize <= BOT_DOWNLOAD_LIMIT_BYTES;
}

/**
 * The name the audio is uploaded under: engines tell the format by its extension, and Telegram
 * names voice files `.oga`, which OpenAI's list of formats spells `.ogg`.
 */
export function uploadNameOf(filePath: string): string {
  const name = filePath.split("/").at(-1) || "audio.ogg";
  return name.replace(/\.oga$/i, ".ogg");
}
