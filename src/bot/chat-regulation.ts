import type { Chat } from "../db/chat-repository.js";
import type { RegulationVersion } from "../db/regulation-repository.js";
import { supportedLanguage } from "./i18n.js";
import { defaultRegulation } from "../domain/regulation/regulation.js";
import type { BotDeps } from "./context.js";

/** The regulation in force in a chat: its latest version, or the defaults before the first one. */
export async function regulationOf(deps: BotDeps, chat: Chat): Promise<RegulationVersion> {
  const stored = await deps.regulations.current(chat.id);
  if (stored !== undefined) return stored;
  const language = supportedLanguage(chat.language ?? undefined) ?? deps.defaultLanguage;
  return { version: 0, regulation: defaultRegulation({ timezone: deps.defaultTimezone, language }), changedBy: null, inForceFrom: chat.createdAt };
}
