import type { Language } from "../../domain/languages.js";

/** What an `/export` asked for, as its job keeps it, and the names it goes by. */
export const EXPORT_JOB = "export";

export interface ExportOrder {
  chatId: number;
  /** The update that asked: with the chat, it names the request. */
  updateId: number;
  userId: number;
  /** The language of what the person reads privately. */
  language: Language;
  /** Inclusive UTC dates; none for the whole history. */
  period: { from: string; to: string } | null;
  /** The `/export` message and its topic, which the group's answers quote; none when asked in the Mini App. */
  messageId: number | null;
  threadId: number | null;
  /** The person opened the link regbot gave them and was answered already. */
  announced?: boolean;
}

export function exportRequestKey(chatId: number, updateId: number): string {
  return `export:${chatId}:${updateId}`;
}

/** The attempt after the person opened the link (the first attempt could not reach them). */
export function afterStartKey(requestKey: string): string {
  return `${requestKey}:started`;
}

/** `/start export-<chat>-<update>`: a link's payload is at most 64 of A-Z a-z 0-9 _ -. */
export const EXPORT_LINK_PREFIX = "export-";

export function exportLinkPayload(order: Pick<ExportOrder, "chatId" | "updateId">): string {
  return `${EXPORT_LINK_PREFIX}${order.chatId}-${order.updateId}`;
}
