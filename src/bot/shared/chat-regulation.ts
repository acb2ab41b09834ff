import type { Chat } from "../../db/chat-repository.js";
import type { RegulationVersion } from "../../db/regulation-repository.js";
import { compileCalendar, type BusinessCalendar } from "../../domain/calendar/index.js";
import { calendarSpecOf, defaultRegulation } from "../../domain/regulation/regulation.js";
import type { BotDeps } from "../context.js";
import { supportedLanguage } from "../middleware/i18n.js";

/**
 * The regulation in force in a chat now, or at a past instant (a late answer is judged by the
 * rules of that day): its latest version by then, or the defaults before the first one.
 */
export async function regulationOf(deps: Pick<BotDeps, "regulations" | "defaultLanguage" | "defaultTimezone">, chat: Chat, at?: number): Promise<RegulationVersion> {
  const stored = at === undefined ? await deps.regulations.current(chat.id) : await deps.regulations.inForceAt(chat.id, at);
  if (stored !== undefined) return stored;
  const language = supportedLanguage(chat.language ?? undefined) ?? deps.defaultLanguage;
  return { version: 0, regulation: defaultRegulation({ timezone: deps.defaultTimezone, language }), changedBy: null, inForceFrom: chat.createdAt };
}

/** The chat's business calendar under a version of its regulation (compiled lazily, week by week). */
export function calendarOf({ regulation }: RegulationVersion): BusinessCalendar {
  return compileCalendar(calendarSpecOf(regulation));
}
