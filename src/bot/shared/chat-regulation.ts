import type { Chat } from "../../db/chat-repository.js";
import type { RegulationRepository, RegulationVersion } from "../../db/regulation-repository.js";
import { compileCalendar, type BusinessCalendar } from "../../domain/calendar/index.js";
import { calendarSpecOf, defaultRegulation } from "../../domain/regulation/regulation.js";
import type { BotDeps } from "../context.js";
import { supportedLanguage } from "../middleware/i18n.js";

/**
 * The regulation in force in a chat now, or at a past instant (a late answer is judged by the
 * rules of that day): its latest version by then, or the defaults before the first one.
 */
export async function regulationOf(
  deps: Pick<BotDeps, "defaultLanguage" | "defaultTimezone"> & {
    regulations: Pick<RegulationRepository, "current" | "inForceAt">;
  },
  chat: Chat,
  at?: number,
): Promise<RegulationVersion> {
  const stored =
    at === undefined ? await deps.regulations.current(chat.id) : await deps.regulations.inForceAt(chat.id, at);
  if (stored !== undefined) return stored;
  const language = supportedLanguage(chat.language ?? undefined) ?? deps.defaultLanguage;
  return {
    version: 0,
    regulation: defaultRegulation({ timezone: deps.defaultTimezone, language }),
    changedBy: null,
    inForceFrom: chat.createdAt,
  };
}

/** How many distinct calendars stay compiled: far more than the specs a deployment's chats share. */
const KEPT_CALENDARS = 1_000;
/**
 * Compiled calendars by their spec. Compiling checks the time zone through Intl (about 0.1 ms)
 * and each compiled week is the calendar's value, so every message asking again must not pay
 * for both; the compiled calendar is a pure function of the spec, so sharing it is safe.
 */
const calendars = new Map<string, BusinessCalendar>();

/** The chat's business calendar under a version of its regulation (compiled lazily, week by week). */
export function calendarOf({ regulation }: Pick<RegulationVersion, "regulation">): BusinessCalendar {
  const spec = calendarSpecOf(regulation);
  const key = JSON.stringify(spec);
  let calendar = calendars.get(key);
  if (calendar === undefined) {
    if (calendars.size >= KEPT_CALENDARS) calendars.delete(calendars.keys().next().value!);
    calendar = compileCalendar(spec);
  } else {
    calendars.delete(key);
  }
  // Re-inserted on every use, so the least recently used spec is the first to go.
  calendars.set(key, calendar);
  return calendar;
}
