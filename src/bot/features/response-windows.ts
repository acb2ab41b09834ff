import { Context } from "grammy";
import type { Message } from "grammy/types";
import type { Chat } from "../../db/chat-repository.js";
import type { ResponseWindow } from "../../db/window-repository.js";
import { isWithinContactHours, nextOpening } from "../../domain/calendar/index.js";
import { needsAnswer } from "../../domain/responses/needs-answer.js";
import { contractEnded } from "../../domain/contract/contract-end.js";
import { answerOf, minutesLate, windowTimes } from "../../domain/responses/response-window.js";
import { calendarOf, regulationOf } from "../shared/chat-regulation.js";
import { coolingPausesIn } from "../shared/clock-pauses.js";
import type { BotContext } from "../context.js";
import { describeHours } from "../format/describe-hours.js";
import { formatElapsed, formatLocalTime, formatShortLocalTime } from "../format/format-time.js";
import { groupReply } from "../format/group-reply.js";
import { displayName, personName } from "../format/people.js";
import { noteOnWindowAlerts } from "../shared/window-alerts.js";
import { windowDeadlineJobs, windowJobKeys } from "../../scheduler/jobs/response-window-jobs.js";
import { isCommand } from "../shared/message-kinds.js";
import { narrow } from "../middleware/narrow.js";
import { Feature } from "../feature.js";

/**
 * The specialist's promised answer time: the client contact's message opens a window (or joins
 * the one waiting), a specialist's message closes it, measured in business time by Telegram's
 * dates; a client writing out of hours hears once when the answer is due.
 */
const feature = new Feature();
const inGroup = narrow(feature, Context.has.chatType(["group", "supergroup"]));

narrow(inGroup, Context.has.filterQuery("message"), async (ctx, next) => {
  const message = ctx.message;
  const sender = ctx.from;
  if (
    isCommand(ctx.message) ||
    sender === undefined ||
    sender.is_bot ||
    message.sender_chat !== undefined ||
    isServiceMessage(message)
  )
    return next();
  const chat = await ctx.deps.chats.findByTelegramId(ctx.chat.id);
  const role = chat === undefined ? undefined : await ctx.deps.roles.roleOf(chat.id, sender.id);
  if (chat !== undefined && role === "client") await clientWrote(ctx, chat, message);
  if (chat !== undefined && role === "specialist") await specialistAnswered(ctx, chat, message);
  await next();
});

async function clientWrote(ctx: BotContext, chat: Chat, message: Message): Promise<void> {
  const text = message.text ?? message.caption;
  if (
    !needsAnswer({
      ...(text === undefined ? {} : { text }),
      isSticker: message.sticker !== undefined,
      hasMedia:
        message.photo !== undefined ||
        message.document !== undefined ||
        message.voice !== undefined ||
        message.video !== undefined,
    })
  )
    return;
  const { windows, jobs, clock } = ctx.deps;
  const writtenAt = message.date * 1000;
  const rules = await regulationOf(ctx.deps, chat, writtenAt);
  const { contract, timezone } = rules.regulation;
  // After the contract's end nobody is owed an answer in time; the message is still logged.
  if (contractEnded(contract?.period, timezone, writtenAt)) return;
  const calendar = calendarOf(rules);
  const times = windowTimes(
    calendar,
    writtenAt,
    rules.regulation.response,
    rules.regulation.warn_before,
    await coolingPausesIn(ctx.deps, chat),
  );
  const { window, opened } = await windows.open(
    {
      chatId: chat.id,
      openedAt: writtenAt,
      openedByMessageId: message.message_id,
      regulationVersion: rules.version,
      dueAt: times.dueAt,
      warnAt: times.warnAt ?? null,
    },
    (windowId) =>
      windowEvent(ctx, chat, {
        event: "opened",
        windowId,
        dueAt: new Date(times.dueAt).toISOString(),
        regulationVersion: rules.version,
      }),
    clock(),
  );
  if (opened)
    for (const job of windowDeadlineJobs(calendar, window, rules.regulation.escalate_after)) await jobs.schedule(job);
  if (!isWithinContactHours(calendar, writtenAt))
    await tellWhenDue(ctx, chat, window, nextOpening(calendar, writtenAt));
}

/** Once per off-hours period (keyed by the next opening), so a night of messages gets one reply. */
async function tellWhenDue(ctx: BotContext, chat: Chat, window: ResponseWindow, opening: number): Promise<void> {
  const { regulation } = await regulationOf(ctx.deps, chat, window.openedAt);
  const [specialistId] = await ctx.deps.roles.usersWithRole(chat.id, "specialist");
  const specialist =
    specialistId === undefined
      ? ctx.t("the-specialist")
      : personName(await ctx.deps.people.find(chat.id, specialistId), specialistId);
  const text = ctx.t("out-of-hours", {
    specialist,
    hours: describeHours(regulation, regulation.language),
    timezone: regulation.timezone,
    due: formatLocalTime(window.dueAt, regulation.timezone, regulation.language),
  });
  await ctx.deps.outbox.post([
    { ...groupReply(ctx, chat.id, "out-of-hours", text), dedupeKey: `out-of-hours:${chat.id}:${opening}` },
  ]);
}

async function specialistAnswered(ctx: BotContext, chat: Chat, message: Message): Promise<void> {
  const { windows, jobs, clock } = ctx.deps;
  const window = await windows.awaitingAnswer(chat.id);
  const answeredAt = message.date * 1000;
  if (window === undefined || answeredAt < window.openedAt) return;
  const rules = await regulationOf(ctx.deps, chat, window.openedAt);
  const calendar = calendarOf(rules);
  const pauses = await coolingPausesIn(ctx.deps, chat);
  const answer = answerOf(calendar, window.openedAt, window.dueAt, answeredAt, pauses);
  const recorded = await windows.answer(
    window.id,
    { answeredAt, answeredBy: ctx.from!.id, answerMessageId: message.message_id, ...answer },
    windowEvent(ctx, chat, {
      event: "answered",
      windowId: window.id,
      businessMinutes: answer.businessMinutes,
      onTime: answer.onTime,
    }),
    clock(),
  );
  if (!recorded) return;
  const keys = windowJobKeys(window.id);
  await jobs.cancel(keys.warning, keys.due, keys.escalation);
  const { regulation } = rules;
  const late = minutesLate(calendar, window.dueAt, answeredAt, pauses);
  const note = () =>
    ctx.deps.i18n.t(regulation.language, late === 0 ? "window-answered" : "window-answered-late", {
      name: displayName(ctx.from!),
      at: formatShortLocalTime(answeredAt, regulation.timezone, regulation.language),
      late: formatElapsed(late * 60_000, regulation.language),
    });
  await noteOnWindowAlerts(ctx, chat, window.id, "answered", note);
}

function windowEvent(
  ctx: BotContext,
  chat: Chat,
  payload: { event: string; windowId: number } & Record<string, unknown>,
) {
  return {
    chat: { telegramChatId: chat.telegramChatId, type: chat.type as "group" | "supergroup" },
    kind: "window" as const,
    source: `window:${payload.windowId}:${payload.event}`,
    ...(ctx.from === undefined ? {} : { senderId: ctx.from.id }),
    payload,
  };
}

function isServiceMessage(message: Message): boolean {
  return (
    message.new_chat_members !== undefined ||
    message.left_chat_member !== undefined ||
    message.pinned_message !== undefined ||
    message.new_chat_title !== undefined
  );
}

export { feature as responseWindowsFeature };
