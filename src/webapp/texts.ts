import type { Language } from "../domain/languages.js";
import type { Translate } from "../bot/status/chat-status.js";

/** The front end's fixed labels, from the same Fluent files as the bot's messages. */
const LABELS = [
  "webapp-title",
  "webapp-chats",
  "webapp-no-chats",
  "webapp-back",
  "webapp-loading",
  "webapp-unauthorized",
  "webapp-error",
  "webapp-role-specialist",
  "webapp-role-observer",
  "webapp-role-client",
  "webapp-all-clear",
  "webapp-answers",
  "webapp-by-day",
  "webapp-by-week",
  "webapp-chart-median",
  "webapp-chart-agreed",
  "webapp-chart-breached",
  "webapp-no-answers",
  "webapp-specialist-owes",
  "webapp-client-owes",
  "webapp-nothing-owed",
  "webapp-plan",
  "webapp-no-plan",
  "webapp-calls",
  "webapp-no-calls",
  "webapp-regulation",
  "webapp-history",
  "webapp-checkpoints",
  "webapp-no-checkpoints",
  "webapp-digest",
  "webapp-no-digest",
  "webapp-acknowledge",
  "webapp-acknowledged",
  "webapp-export",
  "webapp-export-requested",
  "webapp-export-already",
  "webapp-state-done",
  "webapp-state-delivered",
  "webapp-state-overdue",
  "webapp-state-cancelled",
  "webapp-state-open",
] as const;

export function frontEndTexts(translate: Translate, language: Language): Record<string, string> {
  return Object.fromEntries(LABELS.map((key) => [key.slice("webapp-".length), translate(language, key)]));
}
