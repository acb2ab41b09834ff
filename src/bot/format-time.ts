import { DateTime } from "luxon";
import type { Language } from "../domain/languages.js";

/** "Wed 3 Dec 2026, 19:00 (Europe/Madrid)", in the chat's language and zone. */
export function formatLocalTime(ms: number, timezone: string, language: Language): string {
  const local = DateTime.fromMillis(ms, { zone: timezone }).setLocale(language);
  return `${local.toFormat("ccc d LLL yyyy, HH:mm")} (${timezone})`;
}
