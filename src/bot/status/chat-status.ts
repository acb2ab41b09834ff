import type { Chat } from "../../db/chat-repository.js";
import type { Obligation } from "../../db/obligation-repository.js";
import type { Repositories } from "../../db/repositories.js";
import type { ResponseWindow } from "../../db/window-repository.js";
import { type Language, type Translate, type TranslateIn, translateIn } from "../../domain/languages.js";
import type { Regulation } from "../../domain/regulation/regulation.js";
import { responseStatistics, type ResponseStatistics } from "../../domain/responses/response-statistics.js";
import { nextCall, unminutedCalls } from "../../domain/obligations/calls.js";
import { planProgress } from "../../domain/obligations/plan.js";
import { reportingPeriodStart } from "../../domain/status/attention.js";
import type { AskedQuestion } from "../../domain/status/answer-series.js";
import { totalBusinessDaysLate } from "../../domain/obligations/client-delay.js";
import { obligationLabel } from "../../domain/obligations/numbering.js";
import type { BusinessCalendar } from "../../domain/calendar/index.js";
import { stagePenalty, type LatePenalty } from "../../domain/contract/penalty.js";
import { penaltyLine } from "../format/penalty-text.js";
import { contractLines, contractStatus, type ContractStatus } from "./contract-status.js";
import { calendarOf, regulationOf } from "../shared/chat-regulation.js";
import { formatLocalTime } from "../format/format-time.js";
import { personName } from "../format/people.js";
import { answerChartLines, settledLines, type DigestHistory } from "./digest-history.js";
import type { Rating } from "../../db/rating-repository.js";
import { RATING_AVERAGE_SPAN_MS } from "../../domain/ratings/rating-rules.js";

export interface StatusDeps {
  repositories: Pick<
    Repositories,
    "windows" | "roles" | "people" | "regulations" | "status" | "obligations" | "voices" | "ratings"
  >;
  translate: Translate;
  defaultLanguage: Language;
  defaultTimezone: string;
  /** SHA-256 of the key that signs this deployment's exports, shown with each checkpoint. */
  keyFingerprint?: string | undefined;
}

/** A chat's state from live data; the sections later work (requests, revisions, plan, calls) adds belong here. */
export interface ChatStatus {
  chat: Chat;
  regulation: Regulation;
  now: number;
  period: { from: number; to: number };
  /** The questions of the response windows opened in the period, which the statistics count. */
  questionsInPeriod: AskedQuestion[];
  statistics: ResponseStatistics;
  /** Of the windows opened in the period, those whose late answer reached the manager. */
  escalated: number;
  /** The answer the client contact still waits for (open or past due). */
  waiting: ResponseWindow | undefined;
  nextDigestAt: number | undefined;
  /** Information the client still owes, oldest first. */
  openRequests: Obligation[];
  voicesWithoutText: number;
  /** The specialist's revisions not yet accepted (open or delivered), oldest first. */
  openRevisions: Obligation[];
  /** Business days the work waited on the client, in total so far. */
  clientDelayDays: number;
  /** The work plan's stages, and the agreed calls still open. */
  stages: Obligation[];
  /** What the contract's penalty has accrued so far on each overdue stage, by its id. */
  accruedPenalties: Map<number, LatePenalty>;
  openCalls: Obligation[];
  specialists: string[];
  /** The specialist's side's manager, named and confirmed (one at most, as a list like the specialists). */
  managers: string[];
  client: string | undefined;
  contract: ContractStatus;
  ratings: RatingsStatus;
}

/** The client contact's ratings: the latest, the average over 90 days, and those given in the period. */
export interface RatingsStatus {
  latest: Rating | undefined;
  recent: RatingAverage | undefined;
  inPeriod: RatingAverage | undefined;
}

type RatingAverage = { average: number; count: number };

/** Gathers the status as of `now`, over the period since the last scheduled digest (or the last 7 days). */
export async function chatStatus(deps: StatusDeps, chat: Chat, now: number): Promise<ChatStatus> {
  const { windows, roles, people, status, obligations, voices, ratings } = deps.repositories;
  const rules = await regulationOf({ ...deps, regulations: deps.repositories.regulations }, chat);
  const { regulation } = rules;
  const periodFrom = reportingPeriodStart(await status.lastDigestAt(chat.id), now);
  const questions = await windows.questionsBetween(chat.id, periodFrom, now);
  const statistics = responseStatistics(questions, now);
  const named = async (userIds: number[]) =>
    Promise.all(userIds.map(async (userId) => personName(await people.find(chat.id, userId), userId)));
  const [client] = await named(await roles.usersWithRole(chat.id, "client"));
  const calendar = calendarOf(rules);
  const stages = await obligations.ofKind(chat.id, "stage");
  const openRequests = await obligations.open(chat.id, "request");
  return {
    chat,
    regulation,
    now,
    period: { from: periodFrom, to: now },
    questionsInPeriod: questions,
    statistics,
    escalated: await windows.escalatedBetween(chat.id, periodFrom, now),
    waiting: await windows.awaitingAnswer(chat.id),
    nextDigestAt: regulation.digest.kind === "off" ? undefined : await status.nextDigestAt(chat.id),
    openRequests,
    voicesWithoutText: await voices.untranscribedCount(chat.id),
    openRevisions: await obligations.unsettled(chat.id, "revision"),
    // Those provided carry their delay; only the open ones are counted anew (a chat's history may hold thousands).
    clientDelayDays:
      (await obligations.businessDaysLateWhenDone(chat.id, "request")) +
      totalBusinessDaysLate(calendar, openRequests, now),
    stages,
    accruedPenalties: accruedPenalties(regulation, calendar, stages, now),
    openCalls: await obligations.open(chat.id, "call"),
    specialists: await named(await roles.usersWithRole(chat.id, "specialist")),
    managers: await named(await roles.usersWithRole(chat.id, "manager")),
    client,
    contract: await contractStatus(deps, chat, now),
    ratings: {
      latest: await ratings.latest(chat.id),
      recent: await ratings.averageBetween(chat.id, now - RATING_AVERAGE_SPAN_MS, now + 1),
      inPeriod: await ratings.averageBetween(chat.id, periodFrom, now + 1),
    },
  };
}

/** The status's sections, each a list of lines (empty when it has nothing to say), in the order `/status` shows them. */
export interface StatusSections {
  title: string[];
  waiting: string[];
  requests: string[];
  voices: string[];
  revisions: string[];
  clientDelay: string[];
  /** The payment and the contract's other consequences. */
  contract: string[];
  plan: string[];
  calls: string[];
  answers: string[];
  /** The client contact's latest rating and the recent average. */
  ratings: string[];
  nextDigest: string[];
  people: string[];
}

/**
 * The status as lines in `language` (the chat's own unless a reader's is given), times in the
 * chat's zone: `/status` joins them into one message, the Mini App shows each in its place.
 */
export function statusSections(
  translate: Translate,
  status: ChatStatus,
  language: Language = status.regulation.language,
): StatusSections {
  const { regulation } = status;
  const t = translateIn(translate, language);
  const at = (ms: number) => formatLocalTime(ms, regulation.timezone, language);
  return {
    title: [t("status-title", { chat: status.chat.title ?? "", now: at(status.now) })],
    waiting: waitingLines(t, at, status),
    requests: requestLines(t, at, status),
    voices: status.voicesWithoutText === 0 ? [] : [t("status-voices", { count: status.voicesWithoutText })],
    revisions: revisionLines(t, at, status),
    clientDelay: status.clientDelayDays === 0 ? [] : [t("status-client-delay", { days: status.clientDelayDays })],
    contract: contractLines(t, at, status.contract),
    plan: planLines(t, at, status),
    calls: callLines(t, at, status),
    answers: statisticsLines(t, at, status, "status-period"),
    ratings: ratingLines(t, at, status.ratings),
    nextDigest: status.nextDigestAt === undefined ? [] : [t("status-next-digest", { at: at(status.nextDigestAt) })],
    people: peopleLines(t, status),
  };
}

function accruedPenalties(
  regulation: Regulation,
  calendar: BusinessCalendar,
  stages: readonly Obligation[],
  now: number,
): Map<number, LatePenalty> {
  const accrued = new Map<number, LatePenalty>();
  for (const stage of planProgress(stages, now).overdue) {
    const penalty = stagePenalty(regulation, calendar, stage.dueAt, now);
    if (penalty !== undefined) accrued.set(stage.id, penalty);
  }
  return accrued;
}

/** `/status`: one short message; a section with nothing to say is left out. */
export function describeStatus(translate: Translate, status: ChatStatus): string {
  const sections = statusSections(translate, status);
  return [
    ...sections.title,
    ...sections.waiting,
    ...sections.requests,
    ...sections.voices,
    ...sections.revisions,
    ...sections.clientDelay,
    ...sections.contract,
    ...sections.plan,
    ...sections.calls,
    ...sections.answers,
    ...sections.ratings,
    ...sections.nextDigest,
    ...sections.people,
  ].join("\n");
}

/** The weekly digest: what happened since the last one, and what is still open. */
export function describeDigest(translate: Translate, status: ChatStatus, history: DigestHistory): string {
  const { regulation } = status;
  const t = translateIn(translate, regulation.language);
  const at = (ms: number) => formatLocalTime(ms, regulation.timezone, regulation.language);
  const answers = statisticsLines(t, at, status, "digest-period");
  return [
    t("digest-title", { chat: status.chat.title ?? "" }),
    ...(answers.length > 0 ? answers : [t("digest-quiet", { from: at(status.period.from) })]),
    ...answerChartLines(t, history, status),
    ...settledLines(t, history, regulation.language),
    ...(status.ratings.inPeriod === undefined
      ? []
      : [t("digest-ratings", { from: at(status.period.from), ...averageOf(t, status.ratings.inPeriod) })]),
    ...waitingLines(t, at, status),
    ...requestLines(t, at, status),
    ...(status.voicesWithoutText === 0 ? [] : [t("status-voices", { count: status.voicesWithoutText })]),
    ...revisionLines(t, at, status),
    ...overdueStageLines(t, at, status),
    ...contractLines(t, at, status.contract),
    t("digest-ack-note"),
  ].join("\n");
}

function waitingLines(t: TranslateIn, at: (ms: number) => string, { waiting, now, contract }: ChatStatus): string[] {
  // After the contract's end no answer is owed in time.
  if (waiting === undefined || contract.end?.ended === true) return [];
  const key = waiting.dueAt < now ? "status-overdue" : "status-waiting";
  return [t(key, { opened: at(waiting.openedAt), due: at(waiting.dueAt) })];
}

/** What the client still owes. */
function requestLines(t: TranslateIn, at: (ms: number) => string, { openRequests, now }: ChatStatus): string[] {
  return openRequests.map((request) =>
    t(request.dueAt < now ? "status-request-overdue" : "status-request", {
      number: `R${request.number}`,
      what: request.description,
      due: at(request.dueAt),
    }),
  );
}

/** The revisions the specialist owes, or that wait for the client's acceptance. */
function revisionLines(t: TranslateIn, at: (ms: number) => string, { openRevisions, now }: ChatStatus): string[] {
  const key = (revision: Obligation) =>
    revision.state === "delivered"
      ? "status-revision-delivered"
      : revision.dueAt < now
        ? "status-revision-overdue"
        : "status-revision";
  return openRevisions.map((revision) =>
    t(key(revision), {
      number: obligationLabel("revision", revision.number),
      what: revision.description,
      due: at(revision.dueAt),
    }),
  );
}

/** Where the work plan stands: the stage being worked on and the ones overdue. */
function planLines(t: TranslateIn, at: (ms: number) => string, status: ChatStatus): string[] {
  const { stages, now } = status;
  if (stages.length === 0) return [];
  const { done, total, current } = planProgress(stages, now);
  const stage = (obligation: Obligation) => ({
    number: obligationLabel("stage", obligation.number),
    title: obligation.description,
    due: at(obligation.dueAt),
  });
  return [
    current === undefined
      ? t("status-plan", { done, total })
      : t("status-plan-current", { done, total, ...stage(current) }),
    ...overdueStageLines(t, at, status),
  ];
}

/** Each overdue stage, with what the contract's penalty has accrued on it so far. */
function overdueStageLines(
  t: TranslateIn,
  at: (ms: number) => string,
  { stages, now, accruedPenalties, regulation }: ChatStatus,
): string[] {
  return planProgress(stages, now).overdue.flatMap((obligation) => {
    const penalty = accruedPenalties.get(obligation.id);
    const line = t("status-stage-overdue", {
      number: obligationLabel("stage", obligation.number),
      title: obligation.description,
      due: at(obligation.dueAt),
    });
    return penalty === undefined ? [line] : [line, penaltyLine(t, regulation.language, penalty, "penalty-accrued")];
  });
}

/** The next call and the calls that still have no written minutes. */
function callLines(t: TranslateIn, at: (ms: number) => string, { openCalls, now }: ChatStatus): string[] {
  const call = (obligation: Obligation) => ({
    number: obligationLabel("call", obligation.number),
    topic: obligation.description,
    at: at(obligation.dueAt),
  });
  const next = nextCall(openCalls, now);
  return [
    ...(next === undefined
      ? []
      : [t(next.confirmedAt === null ? "status-next-call-unconfirmed" : "status-next-call", call(next))]),
    ...unminutedCalls(openCalls, now).map((obligation) => t("status-call-unminuted", call(obligation))),
  ];
}

function statisticsLines(
  t: TranslateIn,
  at: (ms: number) => string,
  { statistics, escalated, period }: ChatStatus,
  key: string,
): string[] {
  if (statistics.opened === 0 && statistics.dismissed === 0) return [];
  return [
    t(key, {
      from: at(period.from),
      opened: statistics.opened,
      onTime: statistics.answeredOnTime,
      breached: statistics.breached,
    }),
    ...(statistics.dismissed === 0 ? [] : [t("status-dismissed", { count: statistics.dismissed })]),
    ...(escalated === 0 ? [] : [t("status-escalated", { count: escalated })]),
    ...(statistics.medianMinutes === undefined ? [] : [t("status-median", { minutes: statistics.medianMinutes })]),
  ];
}

function ratingLines(t: TranslateIn, at: (ms: number) => string, { latest, recent }: RatingsStatus): string[] {
  if (latest === undefined || latest.score === null || latest.ratedAt === null) return [];
  return [
    t("status-rating-latest", { score: latest.score, at: at(latest.ratedAt) }),
    ...(latest.comment === null ? [] : [t("status-rating-comment", { comment: latest.comment })]),
    ...(recent === undefined || recent.count < 2 ? [] : [t("status-rating-average", averageOf(t, recent))]),
  ];
}

function averageOf(t: TranslateIn, { average, count }: RatingAverage): { average: number; ratings: string } {
  return { average, ratings: t("rating-count", { count }) };
}

function peopleLines(t: TranslateIn, { specialists, managers, client }: ChatStatus): string[] {
  return [
    ...(specialists.length === 0 ? [] : [t("status-specialists", { names: specialists.join(", ") })]),
    ...(managers.length === 0 ? [] : [t("status-manager", { names: managers.join(", ") })]),
    ...(client === undefined ? [] : [t("status-client", { name: client })]),
  ];
}
