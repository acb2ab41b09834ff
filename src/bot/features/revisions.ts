import { InlineKeyboard } from "grammy";
import { dueAfterPauses } from "../../domain/obligations/work-pauses.js";
import { countDeadline, liveByAfter } from "../../domain/obligations/deadline-count.js";
import { businessDaysLate } from "../../domain/obligations/schedule.js";
import { formatDuration, parseDuration } from "../../domain/regulation/durations.js";
import { calendarOf, regulationOf } from "../shared/chat-regulation.js";
import { clockStartIn, deadlinePauses } from "../shared/clock-pauses.js";
import { formatLocalDay, formatLocalTime } from "../format/format-time.js";
import { groupReply } from "../format/group-reply.js";
import { specialistChat } from "../guards/chat-guards.js";
import { armRevisionJobs, cancelRevisionJobs } from "../../scheduler/jobs/revision-jobs.js";
import { obligationEvent } from "../shared/obligation-event.js";
import { displayName, personName } from "../format/people.js";
import {
  clientChat,
  clockStart,
  countLine,
  loggedChange,
  revisionLabel,
  revisionNamed,
  sayInChat,
  stateNote,
} from "./revision-replies.js";
import { ACCEPT_DATA, REOPEN_DATA } from "./revision-review.js";
import { Feature } from "../feature.js";

/**
 * Changes the client asks for, on the specialist's clock: the client contact asks
 * (`/revision`), regbot states the due date from the regulation's `revision_time` and how it
 * was counted; a specialist may re-estimate it with a reason (`/estimate`) and marks it
 * delivered (`/delivered`), for the client to accept or reopen (revision-review.ts).
 */
const feature = new Feature();
const inGroup = feature.inGroups;

inGroup.command("revision", async (ctx) => {
  const chat = await clientChat(ctx);
  if (chat === undefined) return;
  const replied = ctx.msg.reply_to_message;
  const description = ctx.match.trim() || replied?.text || replied?.caption || "";
  if (description === "") return sayInChat(ctx, chat, ctx.t("revision-needs-text"));
  const { deps } = ctx;
  const askedAt = ctx.msg.date * 1000;
  const rules = await regulationOf(deps, chat, askedAt);
  const calendar = calendarOf(rules);
  const duration = rules.regulation.revision_time;
  const count = countDeadline(calendar, await clockStartIn(deps, chat, askedAt), duration);
  // Handled again (after a crash), the same message finds the revision it created.
  const revision =
    (await deps.obligations.bySource(chat.id, "revision", ctx.msg.message_id)) ??
    (await deps.obligations.create(
      {
        chatId: chat.id,
        kind: "revision",
        description,
        createdBy: ctx.from.id,
        createdAt: askedAt,
        sourceMessageId: ctx.msg.message_id,
        dueAt: count.dueAt,
      },
      (created) =>
        obligationEvent(chat, created, "created", ctx.from.id, {
          countedFrom: new Date(count.countedFrom).toISOString(),
          duration: formatDuration(duration),
        }),
    ));
  await armRevisionJobs(deps.jobs, calendar, revision, askedAt);
  const number = revisionLabel(revision);
  const text = [
    ctx.t("revision-created", { number, what: description }),
    countLine(ctx, rules.regulation, askedAt, count, duration),
    ctx.t("revision-estimate-hint", { number }),
  ];
  await sayInChat(ctx, chat, text.join("\n"));
});

inGroup.command("estimate", async (ctx) => {
  const chat = await specialistChat(ctx);
  if (chat === undefined) return;
  const [given = "", time = "", ...reasonWords] = ctx.match.trim().split(/\s+/);
  const reason = reasonWords.join(" ");
  if (time === "" || reason === "") return sayInChat(ctx, chat, ctx.t("revision-estimate-syntax"));
  const revision = await revisionNamed(ctx, chat, given, "estimate");
  if (revision === undefined) return;
  const number = revisionLabel(revision);
  const duration = parseDuration(time, "1d");
  if (!duration.ok) {
    const key =
      duration.error.code === "regulation-error-duration-not-positive"
        ? "revision-estimate-not-positive"
        : "revision-estimate-syntax";
    return sayInChat(ctx, chat, ctx.t(key, { value: time, number }));
  }
  const { deps } = ctx;
  const at = ctx.msg.date * 1000;
  const rules = await regulationOf(deps, chat, at);
  const { timezone, language } = rules.regulation;
  if (revision.state !== "open") return sayInChat(ctx, chat, stateNote(ctx, revision, rules.regulation));
  if (at > revision.dueAt)
    return sayInChat(
      ctx,
      chat,
      ctx.t("revision-estimate-too-late", { number, due: formatLocalTime(revision.dueAt, timezone, language) }),
    );
  const calendar = calendarOf(rules);
  const startAt = await clockStartIn(deps, chat, await clockStart(ctx, revision));
  const count = countDeadline(calendar, startAt, duration.value);
  // The estimate replaces the regulation's time; the time the work already waited (on the client, or in a pause) still counts.
  const dueAt = dueAfterPauses(calendar, { startAt, dueAt: count.dueAt }, await deadlinePauses(deps, chat));
  if (dueAt <= at)
    return sayInChat(
      ctx,
      chat,
      ctx.t("revision-estimate-passed", { number, value: time, due: formatLocalTime(dueAt, timezone, language) }),
    );
  const estimated = { ...revision, dueAt, estimateReason: reason };
  const record = loggedChange(ctx, chat, estimated, "estimated", {
    estimate: formatDuration(duration.value),
    reason,
    previousDueAt: new Date(revision.dueAt).toISOString(),
  });
  if (!(await deps.obligations.changeIn("open", revision.id, { dueAt, estimateReason: reason }, record, at))) return;
  await armRevisionJobs(deps.jobs, calendar, estimated, at);
  const text = [
    ctx.t("revision-estimated", {
      by: displayName(ctx.from),
      number,
      what: revision.description,
      reason,
      was: formatLocalTime(revision.dueAt, timezone, language),
    }),
    countLine(ctx, rules.regulation, startAt, count, duration.value),
    ...(dueAt === count.dueAt
      ? []
      : [
          ctx.t("revision-estimate-waited", {
            due: formatLocalTime(dueAt, timezone, language),
            liveBy: formatLocalDay(liveByAfter(calendar, dueAt), timezone, language),
          }),
        ]),
  ];
  await sayInChat(ctx, chat, text.join("\n"));
});

inGroup.command("delivered", async (ctx) => {
  const chat = await specialistChat(ctx);
  if (chat === undefined) return;
  const revision = await revisionNamed(ctx, chat, ctx.match, "delivered");
  if (revision === undefined) return;
  const { deps } = ctx;
  const at = ctx.msg.date * 1000;
  const rules = await regulationOf(deps, chat, at);
  if (revision.state !== "open") return sayInChat(ctx, chat, stateNote(ctx, revision, rules.regulation));
  const late = businessDaysLate(calendarOf(rules), revision.dueAt, at);
  const change = { state: "delivered" as const, deliveredAt: at, deliveredBy: ctx.from.id, businessDaysLate: late };
  if (
    !(await deps.obligations.changeIn(
      "open",
      revision.id,
      change,
      loggedChange(ctx, chat, revision, "delivered", { businessDaysLate: late }),
      at,
    ))
  )
    return;
  await cancelRevisionJobs(deps.jobs, revision.id);
  const [clientId] = await deps.roles.usersWithRole(chat.id, "client");
  const client =
    clientId === undefined
      ? ctx.t("request-no-client")
      : personName(await deps.people.find(chat.id, clientId), clientId);
  const variables = {
    number: revisionLabel(revision),
    what: revision.description,
    by: displayName(ctx.from),
    days: late,
    due: formatLocalTime(revision.dueAt, rules.regulation.timezone, rules.regulation.language),
  };
  const text = [
    ctx.t(late === 0 ? "revision-delivered-on-time" : "revision-delivered-late", variables),
    ctx.t("revision-review", { client, number: variables.number }),
  ];
  const buttons = new InlineKeyboard()
    .text(ctx.t("revision-accept-button"), ACCEPT_DATA(revision.id))
    .text(ctx.t("revision-reopen-button"), REOPEN_DATA(revision.id));
  await deps.outbox.post([{ ...groupReply(ctx, chat.id, "revision", text.join("\n")), replyMarkup: buttons }]);
});

export { feature as revisionsFeature };
