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

/** The person's chats from one aggregate query, the ones needing attention first. */
export async function chatList(deps: WebAppDeps, userId: number, language: Language): Promise<ChatListItem[]> {
  const now = deps.clock();
  // The same few labels and counts recur across hundreds of chats; each is translated once.
  const translated = new Map<string, string>();
  const t = (key: string, count?: number) => {
    const id = `${key}:${count}`;
    if (!translated.has(id))
      translated.set(id, deps.translate(language, key, count === undefined ? undefined : { count }));
    return translated.get(id)!;
  };
  const rows = (await deps.repositories.desk.chatsOf(userId, now)).map((row) => {
    const overdue =
      row.overdueRequests + row.overdueRevisions + row.overdueStages + row.unminutedCalls + row.voicesWithoutText;
    return {
      row,
      title: row.title ?? String(row.telegramChatId),
      breached: row.breached,
      overdue,
      ...(row.waitingDueAt === null ? {} : { waitingDueAt: row.waitingDueAt }),
    };
  });
  return rows.sort(byAttention(now)).map(({ row, title, breached, overdue, waitingDueAt }) => {
    const counted: Array<[string, number]> = [
      ["chats-breached", breached],
      ["webapp-flag-requests", row.overdueRequests],
      ["webapp-flag-revisions", row.overdueRevisions],
      ["webapp-flag-stages", row.overdueStages],
      ["webapp-flag-calls", row.unminutedCalls],
      ["webapp-flag-voices", row.voicesWithoutText],
    ];
    const flags = [
      ...counted.flatMap(([key, count]) => (count > 0 ? [t(key, count)] : [])),
      ...(waitingDueAt !== undefined && waitingDueAt >= now ? [t("chats-waiting")] : []),
    ];
    return {
      id: row.chatId,
      title,
      role: row.role,
      flags,
      needsAttention: breached > 0 || overdue > 0 || (waitingDueAt !== undefined && waitingDueAt < now),
    };
  });
}
