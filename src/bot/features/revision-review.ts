import type { CommandContext } from "grammy";
import type { Chat } from "../../db/chat-repository.js";
import type { Obligation } from "../../db/obligation-repository.js";
import { countDeadline } from "../../domain/obligations/deadline-count.js";
import { calendarOf, regulationOf } from "../shared/chat-regulation.js";
import { clockStartIn } from "../shared/clock-pauses.js";
import type { BotContext } from "../context.js";
import { armRevisionJobs } from "../../scheduler/jobs/revision-jobs.js";
import { displayName } from "../format/people.js";
import { requestRating } from "../shared/rating-request.js";
import type { Translate } from "../../domain/languages.js";
import type { Regulation } from "../../domain/regulation/regulation.js";
import {
  clientChat,
  countLine,
  loggedChange,
  onlyClientText,
  revisionLabel,
  revisionNamed,
  sayInChat,
  stateNote,
} from "./revision-replies.js";
import { Feature } from "../feature.js";

/**
 * The client contact's answer to a delivered revision: accept it (`/accept V1` or the button)
 * or reopen it with what is still to change (`/reopen V1 <what>` or the button), which starts
 * its clock again from the regulation's `revision_time`.
 */
const feature = new Feature();
const inGroup = feature.inGroups;
const ACCEPT = /^rv-ok:(\d+)$/;
const REOPEN = /^rv-re:(\d+)$/;
export const ACCEPT_DATA = (revisionId: number): string => `rv-ok:${revisionId}`;
export const REOPEN_DATA = (revisionId: number): string => `rv-re:${revisionId}`;

type Answer = "accept" | "reopen";

inGroup.command("accept", (ctx) => answerByCommand(ctx, "accept"));
inGroup.command("reopen", (ctx) => answerByCommand(ctx, "reopen"));

inGroup.callbackQuery([ACCEPT, REOPEN], async (ctx) => {
  const { deps } = ctx;
  const revision = await deps.obligations.find(Number(ctx.match[1]));
  const chat = await deps.chats.findByTelegramId(ctx.chat.id);
  if (revision === undefined || chat === undefined || revision.chatId !== chat.id)
    return void (await ctx.answerCallbackQuery());
  if ((await deps.roles.roleOf(chat.id, ctx.from.id)) !== "client")
    return void (await ctx.answerCallbackQuery({ text: await onlyClientText(ctx, chat), show_alert: true }));
  await answerDelivery(
    ctx,
    chat,
    revision,
    ACCEPT.test(ctx.callbackQuery.data) ? "accept" : "reopen",
    deps.clock(),
    "",
  );
  await ctx.answerCallbackQuery();
});

async function answerByCommand(ctx: CommandContext<BotContext>, answer: Answer): Promise<void> {
  const chat = await clientChat(ctx);
  if (chat === undefined) return;
  const [given = "", ...reasonWords] = ctx.match.trim().split(/\s+/);
  const revision = await revisionNamed(ctx, chat, given, answer);
  if (revision !== undefined)
    await answerDelivery(ctx, chat, revision, answer, ctx.msg.date * 1000, reasonWords.join(" "));
}

async function answerDelivery(
  ctx: BotContext,
  chat: Chat,
  revision: Obligation,
  answer: Answer,
  at: number,
  reason: string,
): Promise<void> {
  const { deps } = ctx;
  const rules = await regulationOf(deps, chat, at);
  if (revision.state !== "delivered") return sayInChat(ctx, chat, stateNote(ctx, revision, rules.regulation));
  const variables = { number: revisionLabel(revision), what: revision.description, by: displayName(ctx.from!), reason };
  if (answer === "accept") {
    const accepted = await deps.obligations.changeIn(
      "delivered",
      revision.id,
      { state: "done", closedAt: at, closedBy: ctx.from!.id },
      loggedChange(ctx, chat, revision, "accepted"),
      at,
    );
    if (!accepted) return;
    // Asked before anything is said: saying may commit the handling, and the ask must go with the acceptance.
    await askForRating(ctx, chat, rules.regulation, revision, at);
    await sayInChat(ctx, chat, ctx.t("revision-accepted", variables));
    return;
  }
  const calendar = calendarOf(rules);
  const duration = rules.regulation.revision_time;
  const count = countDeadline(calendar, await clockStartIn(deps, chat, at), duration);
  const reopened = { ...revision, state: "open" as const, dueAt: count.dueAt, overdueNotifiedAt: null };
  const record = loggedChange(ctx, chat, reopened, "reopened", reason === "" ? {} : { reason });
  if (
    !(await deps.obligations.changeIn(
      "delivered",
      revision.id,
      { state: "open", dueAt: count.dueAt, overdueNotifiedAt: null },
      record,
      at,
    ))
  )
    return;
  await armRevisionJobs(deps.jobs, calendar, reopened, at);
  const text = [
    ctx.t(reason === "" ? "revision-reopened" : "revision-reopened-because", variables),
    countLine(ctx, rules.regulation, at, count, duration),
  ];
  await sayInChat(ctx, chat, text.join("\n"));
}

/** The client contact is asked to rate the work on an accepted revision, unless asked within the week. */
async function askForRating(
  ctx: BotContext,
  chat: Chat,
  regulation: Regulation,
  revision: Obligation,
  at: number,
): Promise<void> {
  const { deps } = ctx;
  const translate: Translate = (language, key, variables) => deps.i18n.t(language, key, variables);
  const asked = await requestRating(
    { repositories: deps, translate },
    chat,
    regulation,
    { kind: "revision", revision },
    at,
  );
  if (asked !== undefined) deps.outbox.wake();
}

export { feature as revisionReviewFeature };
