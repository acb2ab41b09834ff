import type { Chat } from "../../db/chat-repository.js";
import type { Obligation, ObligationRepository } from "../../db/obligation-repository.js";
import type { PeopleRepository } from "../../db/people-repository.js";
import type { RegulationRepository } from "../../db/regulation-repository.js";
import { contractEnded, contractEndsAt, unprovidedAtEnd } from "../../domain/contract/contract-end.js";
import { isAwaitingAnswer, pauseRunningAt, proposalLapsesAt } from "../../domain/contract/cooling-pause.js";
import { workStartsAt } from "../../domain/contract/work-start.js";
import { obligationLabel } from "../../domain/obligations/numbering.js";
import type { Language, TranslateIn } from "../../domain/languages.js";
import { personName } from "../format/people.js";
import { calendarOf, regulationOf } from "../shared/chat-regulation.js";

/** What the contract's consequences add to the status: the payment and when work starts, missed calls, the end, a pause. */
export interface ContractStatus {
  payment?: { state: "confirmed" | "pending"; paidAt: number; by: string; workStartsAt?: number };
  /** Calls confirmed as missed, by the side that missed them. */
  missedCalls: { client: number; specialist: number };
  /** The contract's end, whether it has come, and how many requests the client never provided by then. */
  end?: { lastDay: string; ended: boolean; unprovided: number };
  /** The cooling-off pause running now, or else the one proposed and not answered yet. */
  pause?:
    | { state: "running"; number: string; until: number }
    | { state: "proposed"; number: string; by: string; lapses: number };
}

export interface ContractStatusDeps {
  /** Only what it reads, so the report's PostgreSQL readers serve it as SQLite's repositories do. */
  repositories: {
    obligations: Pick<ObligationRepository, "ofKind" | "open" | "missedCallCounts">;
    people: Pick<PeopleRepository, "find">;
    regulations: Pick<RegulationRepository, "current" | "inForceAt">;
  };
  defaultLanguage: Language;
  defaultTimezone: string;
}

export async function contractStatus(deps: ContractStatusDeps, chat: Chat, now: number): Promise<ContractStatus> {
  return {
    ...(await paymentStatus(deps, chat)),
    missedCalls: await deps.repositories.obligations.missedCallCounts(chat.id),
    ...(await endStatus(deps, chat, now)),
    ...(await pauseStatus(deps, chat, now)),
  };
}

async function pauseStatus(deps: ContractStatusDeps, chat: Chat, now: number): Promise<Pick<ContractStatus, "pause">> {
  const pauses = await deps.repositories.obligations.ofKind(chat.id, "pause");
  const running = pauseRunningAt(pauses, now);
  if (running !== undefined)
    return { pause: { state: "running", number: obligationLabel("pause", running.number), until: running.dueAt } };
  const proposed = pauses.find((pause) => isAwaitingAnswer(pause, now));
  if (proposed === undefined) return {};
  const by = personName(await deps.repositories.people.find(chat.id, proposed.createdBy), proposed.createdBy);
  return {
    pause: {
      state: "proposed",
      number: obligationLabel("pause", proposed.number),
      by,
      lapses: proposalLapsesAt(proposed),
    },
  };
}

/** The contract's end by the regulation in force now. */
async function endStatus(deps: ContractStatusDeps, chat: Chat, now: number): Promise<Pick<ContractStatus, "end">> {
  const rules = await regulationOf({ ...deps, regulations: deps.repositories.regulations }, chat);
  const period = rules.regulation.contract?.period;
  if (period === undefined) return {};
  const endsAt = contractEndsAt(period, rules.regulation.timezone);
  const ended = contractEnded(period, rules.regulation.timezone, now);
  const requests = ended ? await deps.repositories.obligations.open(chat.id, "request") : [];
  return {
    end: { lastDay: period.to, ended, unprovided: unprovidedAtEnd(calendarOf(rules), requests, endsAt).length },
  };
}

export function missedCallCounts(calls: readonly Obligation[]): ContractStatus["missedCalls"] {
  const missedBy = (side: "client" | "specialist") =>
    calls.filter((call) => call.missedState === "confirmed" && call.missedSide === side).length;
  return { client: missedBy("client"), specialist: missedBy("specialist") };
}

/** The confirmed payment (the latest), or else the one waiting for confirmation. */
async function paymentStatus(deps: ContractStatusDeps, chat: Chat): Promise<Pick<ContractStatus, "payment">> {
  const payments = await deps.repositories.obligations.ofKind(chat.id, "payment");
  const payment =
    payments.filter((candidate) => candidate.state === "done").at(-1) ??
    payments.find((candidate) => candidate.state === "open");
  if (payment === undefined) return {};
  const by = personName(await deps.repositories.people.find(chat.id, payment.createdBy), payment.createdBy);
  if (payment.state === "open") return { payment: { state: "pending", paidAt: payment.dueAt, by } };
  // The start as stated at the confirmation: by the regulation in force then.
  const rules = await regulationOf(
    { ...deps, regulations: deps.repositories.regulations },
    chat,
    payment.confirmedAt ?? payment.dueAt,
  );
  const startsAt = workStartsAt(calendarOf(rules), payment.dueAt, rules.regulation.work_start.days);
  return { payment: { state: "confirmed", paidAt: payment.dueAt, by, workStartsAt: startsAt } };
}

/** The status's lines about the contract; none when there is nothing to say. */
export function contractLines(
  t: TranslateIn,
  at: (ms: number) => string,
  { payment, missedCalls, end, pause }: ContractStatus,
): string[] {
  const paused =
    pause === undefined
      ? []
      : pause.state === "running"
        ? [t("status-pause-running", { number: pause.number, until: at(pause.until) })]
        : [t("status-pause-proposed", { number: pause.number, by: pause.by, lapses: at(pause.lapses) })];
  const paid =
    payment === undefined
      ? []
      : payment.state === "pending"
        ? [t("status-paid-pending", { paid: at(payment.paidAt), by: payment.by })]
        : [t("status-paid", { paid: at(payment.paidAt), start: at(payment.workStartsAt!) })];
  const missed = missedCalls.client + missedCalls.specialist === 0 ? [] : [t("status-missed-calls", missedCalls)];
  return [...paused, ...paid, ...missed, ...endLines(t, end)];
}

function endLines(t: TranslateIn, end: ContractStatus["end"]): string[] {
  if (end === undefined) return [];
  if (!end.ended) return [t("status-contract-ends", { last: end.lastDay })];
  return [
    t("status-contract-ended", { last: end.lastDay }),
    ...(end.unprovided === 0 ? [] : [t("status-contract-unprovided", { count: end.unprovided })]),
  ];
}
