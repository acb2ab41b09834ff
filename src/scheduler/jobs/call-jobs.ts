import type { JobRepository } from "../../db/job-repository.js";
import type { Obligation } from "../../db/obligation-repository.js";
import { callEndsAt, callReminderAt } from "../../domain/obligations/calls.js";
import type { JobHandler } from "../scheduler.js";
import { callVariables, nameOf, namesOnSide } from "../../bot/shared/call-sides.js";
import { regulationOf } from "../../bot/shared/chat-regulation.js";
import { obligationEvent } from "../../bot/shared/obligation-event.js";
import { noticeDestination, openObligationOfJob, type ObligationJobDeps } from "./chat-notices.js";
import { translateIn } from "../../domain/languages.js";
import { missedCallButton } from "../../bot/features/missed-calls.js";

export const CALL_REMINDER = "call-reminder";
export const CALL_ENDED = "call-ended";

export function callJobKeys(obligationId: number): { reminder: string; ended: string } {
  return { reminder: `call:${obligationId}:reminder`, ended: `call:${obligationId}:ended` };
}

/** After a call's time: its minutes are asked for, or an unconfirmed proposal is dropped. */
export async function scheduleCallEnd(jobs: Pick<JobRepository, "schedule">, call: Obligation): Promise<void> {
  await jobs.schedule({
    kind: CALL_ENDED,
    dedupeKey: callJobKeys(call.id).ended,
    chatId: call.chatId,
    dueAt: callEndsAt(call.dueAt),
    payload: { obligationId: call.id },
    judgesConduct: true,
  });
}

/** Both sides hear `minutesBefore` the start; nothing when that moment has passed (the confirmation just said when). */
export async function scheduleCallReminder(
  jobs: Pick<JobRepository, "schedule">,
  call: Obligation,
  minutesBefore: number,
  now: number,
): Promise<void> {
  const remindAt = callReminderAt(call.dueAt, minutesBefore);
  if (remindAt > now)
    await jobs.schedule({
      kind: CALL_REMINDER,
      dedupeKey: callJobKeys(call.id).reminder,
      chatId: call.chatId,
      dueAt: remindAt,
      payload: { obligationId: call.id },
    });
}

export async function cancelCallJobs(jobs: Pick<JobRepository, "cancel">, callId: number): Promise<void> {
  await jobs.cancel(...Object.values(callJobKeys(callId)));
}

export type CallJobDeps = ObligationJobDeps;

/**
 * Shortly before an agreed call both sides are reminded (the regulation's `call_reminder`); an
 * hour after it starts the proposer is asked for written minutes, since a call leaves no record.
 * Both re-read the call, so they act on its current state and time.
 */
export function callJobs(deps: CallJobDeps): JobHandler[] {
  const { obligations } = deps.repositories;
  const openCall = async (payload: string) => {
    const found = await openObligationOfJob(deps.repositories, payload);
    if (found === undefined) return undefined;
    const { obligation: call, chat } = found;
    const { regulation } = await regulationOf({ ...deps, regulations: deps.repositories.regulations }, chat);
    const t = translateIn(deps.translate, regulation.language);
    const to = noticeDestination(chat, regulation);
    return { call, chat, regulation, t, to, variables: callVariables(call, regulation) };
  };
  return [
    {
      kind: CALL_REMINDER,
      async run(job, { now }) {
        const found = await openCall(job.payload);
        if (found === undefined || found.call.confirmedAt === null || now >= found.call.dueAt) return {};
        const { call, chat, regulation, t, to, variables } = found;
        const remindAt = callReminderAt(call.dueAt, regulation.call_reminder.minutes);
        if (now < remindAt) return { nextDueAt: remindAt };
        const names = [
          ...(await namesOnSide(deps.repositories, chat, "specialist")),
          ...(await namesOnSide(deps.repositories, chat, "client")),
        ];
        const text = t("call-reminder", {
          ...variables,
          names: names.join(", "),
          minutes: Math.ceil((call.dueAt - now) / 60_000),
        });
        const replyMarkup = { inline_keyboard: [[missedCallButton(t("call-missed-button"), call.id)]] };
        return {
          messages: [
            {
              dedupeKey: `${job.dedupeKey}:${call.dueAt}:message`,
              to,
              text,
              replyMarkup,
              ...(call.sourceMessageId === null ? {} : { replyToMessageId: call.sourceMessageId }),
            },
          ],
        };
      },
    },
    {
      kind: CALL_ENDED,
      async run(job, { now }) {
        const found = await openCall(job.payload);
        if (found === undefined) return {};
        const { call, chat, t, to, variables } = found;
        if (callEndsAt(call.dueAt) > now) return { nextDueAt: callEndsAt(call.dueAt) };
        const message = { dedupeKey: `${job.dedupeKey}:message`, to };
        if (call.confirmedAt === null) {
          await obligations.cancel(call.id, null, now, obligationEvent(chat, call, "unconfirmed", null));
          return { messages: [{ ...message, text: t("call-unconfirmed-dropped", variables) }] };
        }
        // Said missed meanwhile: the minutes wait on the other side's verdict.
        if (call.missedState === "reported") return {};
        const replyMarkup = { inline_keyboard: [[missedCallButton(t("call-missed-button"), call.id)]] };
        return {
          messages: [
            {
              ...message,
              replyMarkup,
              text: t("call-minutes-asked", {
                ...variables,
                proposer: await nameOf(deps.repositories, chat, call.createdBy),
              }),
            },
          ],
        };
      },
    },
  ];
}
