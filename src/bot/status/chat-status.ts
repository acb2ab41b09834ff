import type { Chat } from "../../db/chat-repository.js";
import type { Obligation } from "../../db/obligation-repository.js";
import type { Repositories } from "../../db/repositories.js";
import { outcomeOf, type ResponseWindow } from "../../db/window-repository.js";
import type { Language } from "../../domain/languages.js";
import type { Regulation } from "../../domain/regulation/regulation.js";
import { responseStatistics, type ResponseStatistics } from "../../domain/responses/response-statistics.js";
import { nextCall, unminutedCalls } from "../../domain/obligations/calls.js";
import { planProgress } from "../../domain/obligations/plan.js";
import { reportingPeriodStart } from "../../domain/status/attention.js";
import { totalBusinessDaysLate } from "../../domain/obligations/client-delay.js";
import { obligationLabel } from "../../domain/obligations/numbering.js";
import { calendarOf, regulationOf } from "../shared/chat-regulation.js";
import { formatLocalTime } from "../format/format-time.js";
import { personName } from "../format/people.js";
import { answerChartLines, settledLines, type DigestHistory } from "./digest-history.js";

export type Translate = (language: Language, key: string, variables?: Record<string, string | number>) => string;

export interface StatusDeps {
  repositories: Pick<Repositories, "windows" | "roles" | "people" | "regulations" | "status" | "obligations" | "voices">;
  translate: Translate;
  defaultLanguage: Language;
  defaultTimezone: string;
}

/** A chat's state from live data; the sections later work (requests, revisions, plan, calls) adds belong here. */
export interface ChatStatus {
  chat: Chat;
  regulation: Regulation;
  now: number;
  period: { from: number; to: number };
  statistics: ResponseStatistics;
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
  openCalls: Obligation[];
  specialists: string[];
  client: string | undefined;
}

/** Gathers the status as of `now`, over the period since the last scheduled digest (or the last 7 days). */
export async function chatStatus(deps: StatusDeps, chat: Chat, now: number): Promise<ChatStatus> {
  const { windows, roles, people, status, obligations, voices } = deps.repositories;
  const rules = await regulationOf({ ...deps, regulations: deps.repositories.regulations }, chat);
  const { regulation } = rules;
  const periodFrom = reportingPeriodStart(await status.lastDigestAt(chat.id), now);
  const opened = await windows.openedBetween(chat.id, periodFrom, now);
  const statistics = responseStatistics(
    opened.map(outcomeOf),
    now,
  );
  const named = async (userIds: number[]) => Promise.all(userIds.map(async (userId) => personName(await people.find(chat.id, userId), userId)));
  const [client] = await named(await roles.usersWithRole(chat.id, "client"));
  return {
    chat,
    regulation,
    now,
    period: { from: periodFrom, to: now },
    statistics,
    waiting: await windows.awaitingAnswer(chat.id),
    nextDigestAt: regulation.digest.kind === "off" ? undefined : await status.nextDigestAt(chat.id),
    openRequests: await obligations.open(chat.id, "request"),
    voicesWithoutText: (await voices.untranscribed(chat.id)).length,
    openRevisions: (await obligations.ofKind(chat.id, "revision")).filter((revision) => revision.state === "open" || revision.state === "delivered"),
    clientDelayDays: totalBusinessDaysLate(calendarOf(rules), await obligations.ofKind(chat.id, "request"), now),
    stages: await obligations.ofKind(chat.id, "stage"),
    openCalls: await obligations.open(chat.id, "call"),
    specialists: await named(await roles.usersWithRole(chat.id, "specialist")),
    client,
  };
}

/** `/status`: one short message; a section with nothing to say is left out. */
export function describeStatus(translate: Translate, status: ChatStatus): string {
  const { regulation } = status;
  const t = (key: string, variables?: Record<string, string | number>) => translate(regulation.language, key, variables);
  const at = (ms: number) => formatLocalTime(ms, regulation.timezone, regulation.language);
  return [
    t("status-title", { chat: status.chat.title ?? "", now: at(status.now) }),
    ...waitingLines(t, at, status),
    ...owedLines(t, at, status),
    ...revisionLines(t, at, status),
    ...(status.clientDelayDays === 0 ? [] : [t("status-client-delay", { days: status.clientDelayDays })]),
    ...planLines(t, at, status),
    ...callLines(t, at, status),
    ...statisticsLines(t, at, status, "status-period"),
    ...(status.nextDigestAt === undefined ? [] : [t("status-next-digest", { at: at(status.nextDigestAt) })]),
    ...peopleLines(t, status),
  ].join("\n");
}

/** The weekly digest: what happened since the last one, and what is still open. */
export function describeDigest(translate: Translate, status: ChatStatus, history: DigestHistory): string {
  const { regulation } = status;
  const t = (key: string, variables?: Record<string, string | number>) => translate(regulation.language, key, variables);
  const at = (ms: number) => formatLocalTime(ms, regulation.timezone, regulation.language);
  const answers = statisticsLines(t, at, status, "digest-period");
  return [
    t("digest-title", { chat: status.chat.title ?? "" }),
    ...(answers.length > 0 ? answers : [t("digest-quiet", { from: at(status.period.from) })]),
    ...answerChartLines(t, history, status),
    ...settledLines(t, history),
    ...waitingLines(t, at, status),
    ...owedLines(t, at, status),
    ...revisionLines(t, at, status),
    t("digest-ack-note"),
  ].join("\n");
}

type T = (key: string, variables?: Record<string, string | number>) => string;

function waitingLines(t: T, at: (ms: number) => string, { waiting, now }: ChatStatus): string[] {
  if (waiting === undefined) return [];
  const key = waiting.dueAt < now ? "status-overdue" : "status-waiting";
  return [t(key, { opened: at(waiting.openedAt), due: at(waiting.dueAt) })];
}

/** What the client still owes and the voice messages nobody put into words yet. */
function owedLines(t: T, at: (ms: number) => string, { openRequests, voicesWithoutText, now }: ChatStatus): string[] {
  return [
    ...openRequests.map((request) =>
      t(request.dueAt < now ? "status-request-overdue" : "status-request", { number: `R${request.number}`, what: request.description, due: at(request.dueAt) }),
    ),
    ...(voicesWithoutText === 0 ? [] : [t("status-voices", { count: voicesWithoutText })]),
  ];
}

/** The revisions the specialist owes, or that wait for the client's acceptance. */
function revisionLines(t: T, at: (ms: number) => string, { openRevisions, now }: ChatStatus): string[] {
  const key = (revision: Obligation) => (revision.state === "delivered" ? "status-revision-delivered" : revision.dueAt < now ? "status-revision-overdue" : "status-revision");
  return openRevisions.map((revision) => t(key(revision), { number: obligationLabel("revision", revision.number), what: revision.description, due: at(revision.dueAt) }));
}

/** Where the work plan stands: the stage being worked on and the ones overdue. */
function planLines(t: T, at: (ms: number) => string, { stages, now }: ChatStatus): string[] {
  if (stages.length === 0) return [];
  const { done, total, overdue, current } = planProgress(stages, now);
  const stage = (obligation: Obligation) => ({ number: obligationLabel("stage", obligation.number), title: obligation.description, due: at(obligation.dueAt) });
  return [
    current === undefined ? t("status-plan", { done, total }) : t("status-plan-current", { done, total, ...stage(current) }),
    ...overdue.map((obligation) => t("status-stage-overdue", stage(obligation))),
  ];
}

/** The next call and the calls that still have no written minutes. */
function callLines(t: T, at: (ms: number) => string, { openCalls, now }: ChatStatus): string[] {
  const call = (obligation: Obligation) => ({ number: obligationLabel("call", obligation.number), topic: obligation.description, at: at(obligation.dueAt) });
  const next = nextCall(openCalls, now);
  return [
    ...(next === undefined ? [] : [t(next.confirmedAt === null ? "status-next-call-unconfirmed" : "status-next-call", call(next))]),
    ...unminutedCalls(openCalls, now).map((obligation) => t("status-call-unminuted", call(obligation))),
  ];
}

function statisticsLines(t: T, at: (ms: number) => string, { statistics, period }: ChatStatus, key: string): string[] {
  if (statistics.opened === 0) return [];
  return [
    t(key, { from: at(period.from), opened: statistics.opened, onTime: statistics.answeredOnTime, breached: statistics.breached }),
    ...(statistics.medianMinutes === undefined ? [] : [t("status-median", { minutes: statistics.medianMinutes })]),
  ];
}

function peopleLines(t: T, { specialists, client }: ChatStatus): string[] {
  return [
    ...(specialists.length === 0 ? [] : [t("status-specialists", { names: specialists.join(", ") })]),
    ...(client === undefined ? [] : [t("status-client", { name: client })]),
  ];
}
