import { InlineKeyboard } from "grammy";
import type { DeskChat } from "../../db/desk-repository.js";
import { FOLLOWING_ROLES } from "../../db/roles-repository.js";
import { byAttention } from "../../domain/status/attention.js";
import type { BotContext } from "../context.js";

/**
 * A phone screen's worth of chats: Telegram refuses a keyboard of more than 100 buttons, and a
 * message of more than 4,096 characters, which a specialist's long list of titles would pass.
 */
export const CHATS_PER_PAGE = 20;
/** The previous and next buttons carry the page they show (from 0), far below Telegram's 64 bytes of data. */
export const CHATS_PAGE = /^cp:(\d{1,6})$/;

export interface ChatListPage {
  text: string;
  keyboard: InlineKeyboard;
  /** The page shown, from 0: the last one when the list has shrunk below the page asked for. */
  page: number;
}

/** Page `wanted` of the chats the person follows, what needs attention first; undefined when they follow none. */
export async function chatListPage(ctx: BotContext, userId: number, wanted: number): Promise<ChatListPage | undefined> {
  const now = ctx.deps.clock();
  // One aggregate query for all their chats (as the Mini App's list), not a status per chat.
  const mine = (await ctx.deps.desk.chatsOf(userId, now))
    .filter((row) => FOLLOWING_ROLES.some((role) => role === row.role))
    .map(attentionOf)
    .sort(byAttention(now));
  if (mine.length === 0) return undefined;
  const pages = Math.ceil(mine.length / CHATS_PER_PAGE);
  const page = Math.min(wanted, pages - 1);
  const shown = mine.slice(page * CHATS_PER_PAGE, (page + 1) * CHATS_PER_PAGE);
  const { webAppUrl } = ctx.deps;
  const turn = [
    ...(page > 0 ? [InlineKeyboard.text(ctx.t("chats-previous"), `cp:${page - 1}`)] : []),
    ...(page < pages - 1 ? [InlineKeyboard.text(ctx.t("chats-next"), `cp:${page + 1}`)] : []),
  ];
  const keyboard = new InlineKeyboard([
    ...(webAppUrl === undefined ? [] : [[InlineKeyboard.webApp(ctx.t("webapp-open-button"), webAppUrl)]]),
    ...shown.map((chat) => [InlineKeyboard.text(labelOf(ctx, chat, now), `st:${chat.chatId}`)]),
    ...(turn.length === 0 ? [] : [turn]),
  ]);
  const title = ctx.t("chats-title");
  const text = pages === 1 ? title : `${title}\n${ctx.t("chats-page", { page: page + 1, pages })}`;
  return { text, keyboard, page };
}

interface ListedChat {
  chatId: number;
  title: string;
  breached: number;
  overdue: number;
  waitingDueAt?: number;
}

function attentionOf(row: DeskChat): ListedChat {
  return {
    chatId: row.chatId,
    title: row.title ?? String(row.telegramChatId),
    breached: row.breached,
    overdue:
      row.overdueRequests + row.overdueRevisions + row.overdueStages + row.unminutedCalls + row.voicesWithoutText,
    ...(row.waitingDueAt === null ? {} : { waitingDueAt: row.waitingDueAt }),
  };
}

/** The title, with the answers it breached and whether an answer is awaited. */
function labelOf(ctx: BotContext, chat: ListedChat, now: number): string {
  return [
    chat.title,
    ...(chat.breached > 0 ? [ctx.t("chats-breached", { count: chat.breached })] : []),
    ...(chat.waitingDueAt !== undefined && chat.waitingDueAt >= now ? [ctx.t("chats-waiting")] : []),
  ].join(" · ");
}
