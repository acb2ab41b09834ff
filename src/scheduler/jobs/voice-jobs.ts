import type { Repositories } from "../../db/repositories.js";
import type { Language, Translate } from "../../domain/languages.js";
import type { JobHandler } from "../scheduler.js";
import { regulationOf } from "../../bot/shared/chat-regulation.js";
import { formatLocalTime } from "../../bot/format/format-time.js";
import { personName } from "../../bot/format/people.js";

export const VOICE_REMINDER = "voice-reminder";

/** One reminder per burst of voice messages, keyed by the burst's first message. */
export function voiceReminderKey(chatId: number, burstMessageId: number): string {
  return `voice:${chatId}:${burstMessageId}:reminder`;
}

export interface VoiceReminderPayload {
  chatId: number;
  senderId: number;
  burstMessageId: number;
}

export interface VoiceJobDeps {
  repositories: Pick<Repositories, "voices" | "chats" | "people" | "regulations">;
  translate: Translate;
  defaultLanguage: Language;
  defaultTimezone: string;
}

/**
 * A burst still without text after 4 business hours reminds its sender once: privately, or as a
 * mention replying to it in the group for a sender who never started regbot. It runs after the
 * updates of a downtime are handled (judgesConduct), so a text among them is seen first.
 */
export function voiceJobs(deps: VoiceJobDeps): JobHandler[] {
  return [
    {
      kind: VOICE_REMINDER,
      async run(job) {
        const { chatId, senderId, burstMessageId } = JSON.parse(job.payload) as VoiceReminderPayload;
        const { voices, chats, people } = deps.repositories;
        const chat = await chats.findById(chatId);
        const pending = await voices.untranscribedInBurst(chatId, senderId, burstMessageId);
        const [first] = pending;
        if (!chat?.active || first === undefined) return {};
        const { regulation } = await regulationOf({ ...deps, regulations: deps.repositories.regulations }, chat);
        if (regulation.voice === "off") return {};
        const language = regulation.language;
        const variables = {
          chat: chat.title ?? "",
          count: pending.length,
          sent: formatLocalTime(first.sentAt, regulation.timezone, language),
        };
        const name = personName(await people.find(chatId, senderId), senderId);
        const mention = `${name}, `;
        return {
          messages: [
            {
              dedupeKey: `${job.dedupeKey}:${senderId}`,
              priority: "low",
              to: {
                userId: senderId,
                fallback: {
                  chatId,
                  content: {
                    text: mention + deps.translate(language, "voice-reminder-in-group", variables),
                    entities: [
                      {
                        type: "text_mention",
                        offset: 0,
                        length: name.length,
                        user: { id: senderId, is_bot: false, first_name: name },
                      },
                    ],
                    replyToMessageId: first.messageId,
                  },
                },
              },
              text: deps.translate(language, "voice-reminder", variables),
            },
          ],
        };
      },
    },
  ];
}
