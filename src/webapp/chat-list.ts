import type { DeskChat } from "../db/desk-repository.js";
import type { Language } from "../domain/languages.js";
import { byAttention } from "../domain/status/attention.js";
import type { WebAppDeps } from "./webapp-deps.js";

export interface ChatListItem {
  id: number;
  title: string;
  role: DeskChat["role"];
  /** What it owes, short, in the reader's language; empty when nothing is overdue or awaited. */
  flags: string[];
  needsAttention: boolean;
}

/** The counts the list flags, each with its label. */
const FLAGGED = [
  ["chats-breached", "breached"],
  ["webapp-flag-requests", "overdueRequests"],
  ["webapp-flag-revisions", "overdueRevisions"],
  ["webapp-flag-stages", "overdueStages"],
  ["webapp-flag-calls", "unminutedCalls"],
  ["webapp-flag-voices", "voicesWithoutText"],
] as const;

/** The person's chats from one aggregate query, the ones needing attention first. */
export async function chatList(deps: WebAppDeps, userId: number, language: Language): Promise<ChatListItem[]> {
  const now = deps.clock();
  // The same few labels and counts recur across hundreds of chats; each is translated once.
  const translated = new Map<string, string>();
  const t = (key: string, count?: number) => {
    const id = count === undefined ? key : `${key}:${count}`;
    let text = translated.get(id);
    if (text === undefined) {
      text = deps.translate(language, key, count === undefined ? undefined : { count });
      translated.set(id, text);
    }
    return text;
  };
  const rows = (await deps.repositories.desk.chatsOf(userId, now)).map((row) => ({
    row,
    title: row.title ?? String(row.telegramChatId),
    breached: row.breached,
    overdue:
      row.overdueRequests + row.overdueRevisions + row.overdueStages + row.unminutedCalls + row.voicesWithoutText,
    waitingDueAt: row.waitingDueAt ?? undefined,
  }));
  return rows.sort(byAttention(now)).map(({ row, title, breached, overdue, waitingDueAt }) => {
    const flags: string[] = [];
    for (const [key, field] of FLAGGED) if (row[field] > 0) flags.push(t(key, row[field]));
    if (waitingDueAt !== undefined && waitingDueAt >= now) flags.push(t("chats-waiting"));
    return {
      id: row.chatId,
      title,
      role: row.role,
      flags,
      needsAttention: breached > 0 || overdue > 0 || (waitingDueAt !== undefined && waitingDueAt < now),
    };
  });
}
