import { InlineKeyboard } from "grammy";
import { DISMISS_REASONS, type DismissReason } from "../../db/window-repository.js";
import { windowJobKeys } from "../../scheduler/jobs/response-window-jobs.js";
import { commandsAndButtons } from "../middleware/commands-and-buttons.js";
import type { BotContext } from "../context.js";
import { displayName } from "../format/people.js";
import { regulationOf } from "../shared/chat-regulation.js";
import { noteOnWindowAlerts } from "../shared/window-alerts.js";
import { Feature } from "../feature.js";

/**
 * "No answer needed" under the warning about a waiting answer: the first tap offers the
 * reasons, the second closes the window as dismissed with who and why in the log. Only a
 * specialist of the window's chat may; the warning then says so instead of offering buttons, and
 * every other alert about the window is edited to say so too.
 */
const feature = new Feature();
const buttons = commandsAndButtons(feature);
const OFFER = /^nd:(\d+)$/;
const DISMISS = /^nd:(\d+):(thanks|elsewhere|not-request)$/;

buttons.callbackQuery(OFFER, async (ctx) => {
  if (!(await isSpecialistOfWindow(ctx, Number(ctx.match[1])))) return;
  const reasons = new InlineKeyboard(
    DISMISS_REASONS.map((reason) => [
      InlineKeyboard.text(ctx.t(`window-dismiss-${reason}`), `nd:${ctx.match[1]}:${reason}`),
    ]),
  );
  await ctx.answerCallbackQuery();
  const warning = ctx.callbackQuery.message;
  if (warning === undefined || !("text" in warning) || warning.text === undefined) return;
  await ctx.editMessageText(warning.text, {
    reply_markup: reasons,
    ...(warning.entities === undefined ? {} : { entities: warning.entities }),
  });
});

buttons.callbackQuery(DISMISS, async (ctx) => {
  const windowId = Number(ctx.match[1]);
  const reason = ctx.match[2] as DismissReason;
  const chat = await isSpecialistOfWindow(ctx, windowId);
  if (!chat) return;
  const { windows, jobs, clock } = ctx.deps;
  const at = clock();
  const dismissed = await windows.dismiss(
    windowId,
    { at, by: ctx.from.id, reason },
    {
      chat: { telegramChatId: chat.telegramChatId, type: chat.type as "group" | "supergroup" },
      kind: "window",
      source: `window:${windowId}:dismissed`,
      senderId: ctx.from.id,
      payload: { event: "dismissed", windowId, by: ctx.from.id, reason },
    },
  );
  if (!dismissed)
    return void (await ctx.answerCallbackQuery({ text: ctx.t("window-dismiss-too-late"), show_alert: true }));
  const keys = windowJobKeys(windowId);
  await jobs.cancel(keys.warning, keys.due, keys.escalation);
  await ctx.answerCallbackQuery({ text: ctx.t("window-dismissed-short") });
  const { language } = (await regulationOf(ctx.deps, chat)).regulation;
  const inChat = (key: string, variables?: Record<string, string>) => ctx.deps.i18n.t(language, key, variables);
  const noteForOthers = () =>
    inChat("window-dismissed", { reason: inChat(`window-dismiss-${reason}`), name: displayName(ctx.from) });
  const warning = ctx.callbackQuery.message;
  await noteOnWindowAlerts(ctx, chat, windowId, "dismissed", noteForOthers, warning);
  const note = ctx.t("window-dismissed", { reason: ctx.t(`window-dismiss-${reason}`), name: displayName(ctx.from) });
  if (warning !== undefined && "text" in warning && warning.text !== undefined) {
    await ctx.editMessageText(
      `${warning.text}\n\n${note}`,
      warning.entities === undefined ? {} : { entities: warning.entities },
    );
  }
});

/** The window's chat when the person pressing is one of its specialists; otherwise says why not. */
async function isSpecialistOfWindow(ctx: BotContext, windowId: number) {
  const window = await ctx.deps.windows.find(windowId);
  const chat = window === undefined ? undefined : await ctx.deps.chats.findById(window.chatId);
  if (window === undefined || chat === undefined || ctx.from === undefined) {
    await ctx.answerCallbackQuery({ text: ctx.t("window-dismiss-too-late"), show_alert: true });
    return undefined;
  }
  if ((await ctx.deps.roles.roleOf(chat.id, ctx.from.id)) !== "specialist") {
    await ctx.answerCallbackQuery({ text: ctx.t("window-dismiss-only-specialists"), show_alert: true });
    return undefined;
  }
  return chat;
}

export { feature as dismissalsFeature };
