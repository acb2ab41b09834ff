import { InlineKeyboard } from "grammy";
import type { Chat } from "../../db/chat-repository.js";
import { compileCalendar, isWithinContactHours } from "../../domain/calendar/index.js";
import type { Language } from "../../domain/languages.js";
import { calendarSpecOf, type Regulation } from "../../domain/regulation/regulation.js";
import type { BotContext } from "../context.js";
import { describeHours } from "../format/describe-hours.js";
import { formatLocalTime } from "../format/format-time.js";
import { groupReply } from "../format/group-reply.js";
import { supportedLanguage } from "../middleware/i18n.js";

/** The buttons under the question; the /call it answers is the message the question quotes. */
export const PROPOSE_ANYWAY = "call-anyway";
export const DO_NOT_PROPOSE = "call-anyway-no";

export function isOutsideContactHours(regulation: Regulation, at: number): boolean {
  return !isWithinContactHours(compileCalendar(calendarSpecOf(regulation)), at);
}

/** The person's own language when regbot speaks it, else the chat's: the question is theirs alone. */
export function personalLanguage(ctx: BotContext, regulation: Regulation): Language {
  return supportedLanguage(ctx.from?.language_code) ?? regulation.language;
}

/**
 * A call at a time nobody agreed to be reachable is asked about before it is proposed: the
 * question quotes the /call, whose text the "propose anyway" button reads again.
 */
export async function askOutsideHours(ctx: BotContext, chat: Chat, regulation: Regulation, at: number): Promise<void> {
  const language = personalLanguage(ctx, regulation);
  const t = (key: string, variables?: Record<string, string>) => ctx.deps.i18n.t(language, key, variables);
  const text = t("call-outside-hours", {
    at: formatLocalTime(at, regulation.timezone, language),
    hours: describeHours(regulation, language),
    timezone: regulation.timezone,
  });
  const buttons = new InlineKeyboard()
    .text(t("call-outside-hours-anyway"), PROPOSE_ANYWAY)
    .text(t("call-outside-hours-drop"), DO_NOT_PROPOSE);
  await ctx.deps.outbox.post([{ ...groupReply(ctx, chat.id, "call-outside-hours", text), replyMarkup: buttons }]);
}
