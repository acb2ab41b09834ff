import type { Chat } from "../../db/chat-repository.js";
import type { Obligation } from "../../db/obligation-repository.js";
import type { BusinessDuration } from "../../domain/calendar/index.js";
import type { CountedDeadline } from "../../domain/obligations/deadline-count.js";
import { obligationLabel, readObligationNumber } from "../../domain/obligations/numbering.js";
import { formatDuration } from "../../domain/regulation/durations.js";
import type { Regulation } from "../../domain/regulation/regulation.js";
import type { BotContext } from "../context.js";
import { formatLocalDay, formatLocalTime, formatShortLocalTime } from "../format/format-time.js";
import { groupReply } from "../format/group-reply.js";
import { obligationEvent } from "../shared/obligation-event.js";
import { isIdentifiablePerson, personName } from "../format/people.js";

/** What the revision features share: who may act, finding a revision by number, and how a count reads. */

export const revisionLabel = (revision: Pick<Obligation, "number">): string =>
  obligationLabel("revision", revision.number);

/** The chat, when the sender is its client contact; otherwise says who is, and returns undefined. */
export async function clientChat(ctx: BotContext): Promise<Chat | undefined> {
  const { chats, roles, outbox } = ctx.deps;
  const chat = ctx.chat === undefined ? undefined : await chats.findByTelegramId(ctx.chat.id);
  if (chat === undefined) return undefined;
  if (ctx.msg?.sender_chat !== undefined || !isIdentifiablePerson(ctx.from)) {
    await outbox.post([groupReply(ctx, chat.id, "refusal", ctx.t("anonymous-cannot-act"))]);
    return undefined;
  }
  if ((await roles.roleOf(chat.id, ctx.from.id)) === "client") return chat;
  await outbox.post([groupReply(ctx, chat.id, "refusal", await onlyClientText(ctx, chat))]);
  return undefined;
}

export async function onlyClientText(ctx: BotContext, chat: Chat): Promise<string> {
  const [clientId] = await ctx.deps.roles.usersWithRole(chat.id, "client");
  return clientId === undefined
    ? ctx.t("revision-no-client")
    : ctx.t("revision-only-client", { client: personName(await ctx.deps.people.find(chat.id, clientId), clientId) });
}

/** The revision `given` names (`V1` or `1`); otherwise says it is unknown, with an example for `command`. */
export async function revisionNamed(
  ctx: BotContext,
  chat: Chat,
  given: string,
  command: string,
): Promise<Obligation | undefined> {
  const number = readObligationNumber(given, "revision");
  const revision = number === undefined ? undefined : await ctx.deps.obligations.byNumber(chat.id, "revision", number);
  if (revision === undefined)
    await sayInChat(ctx, chat, ctx.t("revision-unknown", { given: given.trim() || "—", command }));
  return revision;
}

/** Why a revision cannot take the step asked for, given where it is. */
export function stateNote(ctx: BotContext, revision: Obligation, { timezone, language }: Regulation): string {
  const number = revisionLabel(revision);
  if (revision.state === "open")
    return ctx.t("revision-not-delivered", { number, due: formatLocalTime(revision.dueAt, timezone, language) });
  return ctx.t(revision.state === "delivered" ? "revision-already-delivered" : "revision-already-accepted", { number });
}

/** A change made by this update, logged once however often the update is handled. */
export function loggedChange(
  ctx: BotContext,
  chat: Chat,
  revision: Obligation,
  event: string,
  extra: Record<string, unknown> = {},
) {
  return {
    ...obligationEvent(chat, revision, event, ctx.from!.id, extra),
    source: `obligation:${revision.id}:${event}:u${ctx.updateKey}`,
  };
}

/** When the revision's clock last started: its latest reopening, or when it was asked for. */
export async function clockStart(ctx: BotContext, revision: Obligation): Promise<number> {
  return (await ctx.deps.obligations.lastLoggedAt(revision, "reopened")) ?? revision.createdAt;
}

/** "Received Fri 4 Dec, 16:40, counted from Mon 7 Dec, 10:00 over 2 business days: due by …, live by Wed 9 Dec." */
export function countLine(
  ctx: BotContext,
  regulation: Regulation,
  arrivedAt: number,
  count: CountedDeadline,
  duration: BusinessDuration,
): string {
  const { timezone, language } = regulation;
  return ctx.t("revision-count", {
    received: formatShortLocalTime(arrivedAt, timezone, language),
    from: formatShortLocalTime(count.countedFrom, timezone, language),
    duration:
      duration.unit === "days"
        ? ctx.t("revision-business-days", { days: duration.days })
        : ctx.t("revision-business-time", { time: formatDuration(duration, language) }),
    due: formatLocalTime(count.dueAt, timezone, language),
    liveBy: formatLocalDay(count.liveBy, timezone, language),
  });
}

export function sayInChat(ctx: BotContext, chat: Chat, text: string): Promise<void> {
  return ctx.deps.outbox.post([groupReply(ctx, chat.id, "revision", text)]);
}
