import type { Chat } from "../../db/chat-repository.js";
import type { Obligation } from "../../db/obligation-repository.js";
import { stagePenalty, type LatePenalty } from "../../domain/contract/penalty.js";
import type { Language } from "../../domain/languages.js";
import { penaltyLine } from "../format/penalty-text.js";
import { calendarOf, regulationOf } from "../shared/chat-regulation.js";
import { obligationLabel } from "../../domain/obligations/numbering.js";
import { answerBar, dailyAnswerMedians, type DailyAnswers } from "../../domain/status/answer-chart.js";
import { DateTime } from "luxon";
import type { ChatStatus, StatusDeps } from "./chat-status.js";
import type { TranslateIn } from "../../domain/languages.js";

/** What the digest reports beyond the status: what was settled in its period, and the answers' chart. */
export interface DigestHistory {
  settled: Obligation[];
  /** The contract's penalty for each stage completed late in the period, by its id. */
  penalties: Map<number, LatePenalty>;
  answersPerDay: DailyAnswers[];
}

export async function digestHistory(
  deps: StatusDeps,
  { chat, period, regulation, questionsInPeriod }: ChatStatus,
): Promise<DigestHistory> {
  const { obligations } = deps.repositories;
  const answered = questionsInPeriod.flatMap(({ askedAt, businessMinutes }) =>
    businessMinutes === undefined ? [] : [{ askedAt, businessMinutes }],
  );
  const settled = await obligations.settledBetween(chat.id, period.from, period.to);
  return {
    settled,
    penalties: await stagePenalties(deps, chat, settled),
    answersPerDay: dailyAnswerMedians(answered, regulation.timezone),
  };
}

/** Each stage done late is judged by the contract terms in force when it was done. */
async function stagePenalties(
  deps: StatusDeps,
  chat: Chat,
  settled: readonly Obligation[],
): Promise<Map<number, LatePenalty>> {
  const penalties = new Map<number, LatePenalty>();
  for (const stage of settled) {
    if (
      stage.kind !== "stage" ||
      stage.state !== "done" ||
      stage.closedAt === null ||
      (stage.businessDaysLate ?? 0) === 0
    )
      continue;
    const rules = await regulationOf({ ...deps, regulations: deps.repositories.regulations }, chat, stage.closedAt);
    const penalty = stagePenalty(rules.regulation, calendarOf(rules), stage.dueAt, stage.closedAt);
    if (penalty !== undefined) penalties.set(stage.id, penalty);
  }
  return penalties;
}

const SETTLED_KINDS = new Set<Obligation["kind"]>(["request", "revision", "stage", "call"]);

/** Stages completed, requests provided (and how late), revisions delivered, calls held, then the client's record. */
export function settledLines(t: TranslateIn, history: DigestHistory, language: Language): string[] {
  const { penalties } = history;
  // Payments, pauses and missed calls are told among the contract's lines.
  const settled = history.settled.filter(
    (obligation) => SETTLED_KINDS.has(obligation.kind) && obligation.missedState !== "confirmed",
  );
  if (settled.length === 0) return [];
  const requests = settled.filter((obligation) => obligation.kind === "request");
  const late = requests.filter((request) => (request.businessDaysLate ?? 0) > 0);
  const daysWaited = late.reduce((sum, request) => sum + (request.businessDaysLate ?? 0), 0);
  return [
    t("digest-settled-title"),
    ...settled.flatMap((obligation) => {
      const line = t(`digest-settled-${obligation.kind}`, {
        number: obligationLabel(obligation.kind, obligation.number),
        what: obligation.description,
        late: obligation.businessDaysLate ?? 0,
      });
      const penalty = penalties.get(obligation.id);
      return penalty === undefined ? [line] : [line, penaltyLine(t, language, penalty, "penalty-stated")];
    }),
    ...(requests.length === 0
      ? []
      : [
          t("digest-client-record", {
            provided: requests.length,
            onTime: requests.length - late.length,
            late: late.length,
            days: daysWaited,
          }),
        ]),
  ];
}

/** Median answer time per day as bars against the agreed time; only when the agreed time is in minutes. */
export function answerChartLines(
  t: TranslateIn,
  { answersPerDay }: DigestHistory,
  { regulation }: ChatStatus,
): string[] {
  const { response, language } = regulation;
  if (response.unit !== "minutes" || answersPerDay.length === 0) return [];
  return [
    t("digest-chart-title", { agreed: response.minutes }),
    ...answersPerDay.map(({ day, medianMinutes, answered }) =>
      t(medianMinutes > response.minutes ? "digest-chart-row-late" : "digest-chart-row", {
        day: dayLabel(day, language),
        bar: answerBar(medianMinutes, response.minutes),
        minutes: medianMinutes,
        answered,
      }),
    ),
  ];
}

/** The same few days label every chart of a tick (10,000 digests at once), and luxon's formatting is slow. */
const dayLabels = new Map<string, string>();

/** "Fri 27" for `yyyy-MM-dd`, in the language. */
function dayLabel(day: string, language: Language): string {
  const key = `${language} ${day}`;
  let label = dayLabels.get(key);
  if (label === undefined) {
    if (dayLabels.size >= 1_000) dayLabels.clear();
    label = DateTime.fromISO(day).setLocale(language).toFormat("ccc d");
    dayLabels.set(key, label);
  }
  return label;
}
