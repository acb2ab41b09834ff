import type { ExportedObligation, ExportedRegulationVersion } from "../db/export-reader.js";
import { compileCalendar } from "../domain/calendar/index.js";
import { stagePenalty, type LatePenalty } from "../domain/contract/penalty.js";
import { contractEndsAt, unprovidedAtEnd } from "../domain/contract/contract-end.js";
import { workStartsAt } from "../domain/contract/work-start.js";
import { pauseLength, pauseState, proposalLapsesAt } from "../domain/contract/cooling-pause.js";
import { calendarSpecOf, completeRegulation, type Regulation } from "../domain/regulation/regulation.js";

const iso = (ms: number) => new Date(ms).toISOString();

/** The regulation a chat had at an instant: its latest version by then (undefined before the first, when regbot's defaults held no contract terms). */
export function regulationAt(versions: readonly ExportedRegulationVersion[], at: number): Regulation | undefined {
  const version = versions.filter((candidate) => candidate.inForceFrom <= at).at(-1);
  return version === undefined ? undefined : completeRegulation(JSON.parse(version.settings) as Regulation);
}

/** A stage done late and the penalty the contract terms in force that day gave for it. */
export function latePenalties(
  versions: readonly ExportedRegulationVersion[],
  obligations: readonly ExportedObligation[],
): Array<{ stage: ExportedObligation; penalty: LatePenalty }> {
  return obligations.flatMap((stage) => {
    if (stage.kind !== "stage" || stage.state !== "done" || stage.closedAt === null) return [];
    const regulation = regulationAt(versions, stage.closedAt);
    const penalty =
      regulation && stagePenalty(regulation, compileCalendar(calendarSpecOf(regulation)), stage.dueAt, stage.closedAt);
    return penalty === undefined ? [] : [{ stage, penalty }];
  });
}

/** The contract's consequences as obligations.json lists them. */
export function contractDocument(
  versions: readonly ExportedRegulationVersion[],
  obligations: readonly ExportedObligation[],
  period: { from: number; to: number } | undefined,
  now: number,
) {
  const inPeriod = (at: number) => period === undefined || (at >= period.from && at < period.to);
  return {
    late_stage_penalties: latePenalties(versions, obligations)
      .filter(({ stage }) => inPeriod(stage.closedAt!))
      .map(({ stage, penalty }) => ({
        stage: `S${stage.number}`,
        title: stage.description,
        due_at: iso(stage.dueAt),
        done_at: iso(stage.closedAt!),
        days_late: penalty.daysLate,
        days_counted_as: penalty.days,
        fixed_percent: penalty.fixedPercent,
        per_day_percent: penalty.perDayPercent,
        counted_percent: penalty.countedPercent,
        percent: penalty.percent,
        cap_percent: penalty.capPercent ?? null,
        contract_sum: penalty.sum ?? null,
        amount: penalty.amount ?? null,
        currency: penalty.currency ?? null,
        clause: penalty.clause ?? null,
      })),
    payments: obligations
      .filter((payment) => payment.kind === "payment" && inPeriod(payment.createdAt))
      .map((payment) => {
        const regulation = payment.confirmedAt === null ? undefined : regulationAt(versions, payment.confirmedAt);
        const startsAt =
          regulation &&
          workStartsAt(compileCalendar(calendarSpecOf(regulation)), payment.dueAt, regulation.work_start.days);
        return {
          number: `M${payment.number}`,
          paid_at: iso(payment.dueAt),
          note: payment.description,
          recorded_by: payment.createdBy,
          recorded_at: iso(payment.createdAt),
          state:
            payment.state === "done"
              ? "confirmed"
              : payment.state === "cancelled"
                ? "disputed"
                : "awaiting confirmation",
          judged_by: payment.closedBy,
          judged_at: payment.closedAt === null ? null : iso(payment.closedAt),
          work_starts_at: startsAt === undefined ? null : iso(startsAt),
        };
      }),
    missed_calls: obligations
      .filter(
        (call) =>
          call.kind === "call" &&
          call.missedState !== null &&
          call.missedReportedAt !== null &&
          inPeriod(call.missedReportedAt),
      )
      .map((call) => ({
        number: `C${call.number}`,
        topic: call.description,
        starts_at: iso(call.dueAt),
        missed_by: call.missedSide,
        reported_by: call.missedReportedBy,
        reported_at: iso(call.missedReportedAt!),
        state: call.missedState,
        clause:
          call.missedState === "confirmed" && call.closedAt !== null
            ? (regulationAt(versions, call.closedAt)?.missed_call ?? null)
            : null,
      })),
    cooling_off_pauses: obligations
      .filter((pause) => pause.kind === "pause" && inPeriod(pause.createdAt))
      .map((pause) => {
        const state = pauseState(pause, now);
        // A lapsed proposal was closed by its lapse, not answered.
        const answered = state === "lapsed" ? null : pause.state === "cancelled" ? pause.closedAt : pause.confirmedAt;
        return {
          number: `P${pause.number}`,
          reason: pause.description,
          length_minutes: pauseLength(pause) / 60_000,
          proposed_by: pause.createdBy,
          proposed_at: iso(pause.createdAt),
          state,
          answered_by: state === "lapsed" ? null : pause.state === "cancelled" ? pause.closedBy : pause.confirmedBy,
          answered_at: answered === null ? null : iso(answered),
          lapsed_at: state === "lapsed" ? iso(proposalLapsesAt(pause)) : null,
          starts_at: pause.confirmedAt === null ? null : iso(pause.confirmedAt),
          ends_at: pause.confirmedAt === null ? null : iso(pause.dueAt),
        };
      }),
    end: contractEnd(versions, obligations, now),
    note: "Listed for the period by when they happened. Penalties are stated from the contract terms in the regulation in force when each stage was done, against its due date after the client's delays moved it; regbot states them, it does not bill. A cooling-off pause stopped every clock of the chat from its start to its end: deadlines due after its start moved later by the business time inside it; a proposal nobody answered within 24 hours lapsed and stopped nothing. The end is the contract's in the latest regulation; the requests listed were still open when the export was made and had been asked before the end.",
  };
}

/** The contract's end by the latest regulation, and, once it has come, the information the client never provided by then. */
function contractEnd(
  versions: readonly ExportedRegulationVersion[],
  obligations: readonly ExportedObligation[],
  now: number,
) {
  const regulation = regulationAt(versions, now);
  const period = regulation?.contract?.period;
  if (regulation === undefined || period === undefined) return null;
  const endsAt = contractEndsAt(period, regulation.timezone);
  const ended = now >= endsAt;
  const calendar = compileCalendar(calendarSpecOf(regulation));
  return {
    last_day: period.to,
    ends_at: iso(endsAt),
    ended,
    clause: regulation.contract?.clause ?? null,
    unprovided_requests: ended
      ? unprovidedAtEnd(calendar, obligations, endsAt).map(({ request, waitedBusinessDays }) => ({
          request: `R${request.number}`,
          description: request.description,
          asked_at: iso(request.createdAt),
          due_at: iso(request.dueAt),
          waited_business_days: waitedBusinessDays,
        }))
      : [],
  };
}
