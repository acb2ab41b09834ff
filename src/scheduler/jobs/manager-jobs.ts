import type { Chat } from "../../db/chat-repository.js";
import type { Obligation } from "../../db/obligation-repository.js";
import type { Repositories } from "../../db/repositories.js";
import { obligationLabel } from "../../domain/obligations/numbering.js";
import { nextWeeklyOccurrence } from "../../domain/recurrence.js";
import type { Regulation } from "../../domain/regulation/regulation.js";
import { responseStatistics } from "../../domain/responses/response-statistics.js";
import type { JobHandler } from "../scheduler.js";
import { regulationOf } from "../../bot/shared/chat-regulation.js";
import { formatLocalTime } from "../../bot/format/format-time.js";
import type { Translate } from "../../domain/languages.js";

export const MANAGER_SUMMARY = "manager-summary";
const WEEK_MS = 7 * 24 * 60 * 60 * 1000;
/** Monday 09:00 in the zone of the manager's first chat: the week's summary before the week's work. */
const SUMMARY_TIME = { weekday: 1, minute: 9 * 60 } as const;

export interface ManagerJobDeps {
  repositories: Pick<
    Repositories,
    "status" | "chats" | "regulations" | "windows" | "obligations" | "jobs" | "roles" | "ratings"
  >;
  translate: Translate;
  defaultLanguage: Regulation["language"];
  defaultTimezone: string;
}

export function managerSummaryKey(userId: number): string {
  return `${MANAGER_SUMMARY}:${userId}`;
}

/**
 * The manager's weekly cross-chat summary, privately: per chat, answers on time, breaches, the
 * answers late enough to have reached them, and what is overdue on either side. Recurring while the person manages some chat.
 */
export function managerJobs(deps: ManagerJobDeps): JobHandler[] {
  return [
    {
      kind: MANAGER_SUMMARY,
      async run(job, { now }) {
        const { userId } = JSON.parse(job.payload) as { userId: number };
        const managed = await managedChats(deps, userId);
        const first = managed[0];
        if (first === undefined) return {};
        const t = (key: string, variables?: Record<string, string | number>) =>
          deps.translate(first.regulation.language, key, variables);
        const at = (ms: number) => formatLocalTime(ms, first.regulation.timezone, first.regulation.language);
        const sections = await Promise.all(managed.map((chat) => chatSection(deps, chat, now, t)));
        return {
          messages: [
            {
              dedupeKey: `${managerSummaryKey(userId)}:${job.dueAt}`,
              to: { userId },
              text: [t("manager-summary-title", { now: at(now) }), ...sections.flat()].join("\n"),
            },
          ],
          nextDueAt: nextWeeklyOccurrence({ ...SUMMARY_TIME, timezone: first.regulation.timezone }, now),
        };
      },
    },
  ];
}

/** The summary job of someone who just became a manager, or who manages chats and has none pending (after an upgrade). */
export async function scheduleManagerSummary(
  deps: Omit<ManagerJobDeps, "translate">,
  userId: number,
  now: number,
): Promise<void> {
  const [first] = await managedChats(deps, userId);
  if (first === undefined) return;
  const pending = await deps.repositories.jobs.find(managerSummaryKey(userId));
  if (pending?.state === "pending" || pending?.state === "running") return;
  await deps.repositories.jobs.rearm({
    kind: MANAGER_SUMMARY,
    dedupeKey: managerSummaryKey(userId),
    dueAt: nextWeeklyOccurrence({ ...SUMMARY_TIME, timezone: first.regulation.timezone }, now),
    payload: { userId },
    judgesConduct: true,
  });
}

/** On start: every current manager has a summary pending. */
export async function scheduleMissingManagerSummaries(
  deps: Omit<ManagerJobDeps, "translate">,
  now: number,
): Promise<void> {
  for (const userId of await deps.repositories.roles.holdersAnywhere("manager"))
    await scheduleManagerSummary(deps, userId, now);
}

async function managedChats(
  deps: Omit<ManagerJobDeps, "translate">,
  userId: number,
): Promise<Array<Chat & { regulation: Regulation }>> {
  const { status, chats, regulations } = deps.repositories;
  const managed = [];
  for (const { chatId, role } of await status.chatsOf(userId)) {
    const chat = role === "manager" ? await chats.findById(chatId) : undefined;
    if (chat !== undefined)
      managed.push({ ...chat, regulation: (await regulationOf({ ...deps, regulations }, chat)).regulation });
  }
  return managed;
}

type T = (key: string, variables?: Record<string, string | number>) => string;

async function chatSection(
  deps: ManagerJobDeps,
  chat: Chat & { regulation: Regulation },
  now: number,
  t: T,
): Promise<string[]> {
  const { windows, obligations, ratings } = deps.repositories;
  const at = (ms: number) => formatLocalTime(ms, chat.regulation.timezone, chat.regulation.language);
  const title = chat.title ?? String(chat.telegramChatId);
  const statistics = responseStatistics(await windows.questionsBetween(chat.id, now - WEEK_MS, now), now);
  const escalated = await windows.escalatedBetween(chat.id, now - WEEK_MS, now);
  const waiting = await windows.awaitingAnswer(chat.id);
  const overdue = (obligation: Obligation) => obligation.dueAt < now;
  const fromClient = (await obligations.open(chat.id, "request")).filter(overdue);
  const fromSpecialist = [
    ...(await obligations.ofKind(chat.id, "revision")),
    ...(await obligations.ofKind(chat.id, "stage")),
  ].filter((obligation) => obligation.state === "open" && overdue(obligation));
  const item = (obligation: Obligation) => ({
    number: obligationLabel(obligation.kind, obligation.number),
    what: obligation.description,
    due: at(obligation.dueAt),
  });
  const rating = await ratings.averageBetween(chat.id, now - WEEK_MS, now);
  const lines = [
    ...(waiting !== undefined && waiting.dueAt < now
      ? [t("manager-summary-overdue-answer", { due: at(waiting.dueAt) })]
      : []),
    ...fromClient.map((obligation) => t("manager-summary-overdue-client", item(obligation))),
    ...fromSpecialist.map((obligation) => t("manager-summary-overdue-specialist", item(obligation))),
  ];
  return [
    "",
    statistics.opened + statistics.dismissed === 0
      ? t("manager-summary-chat-quiet", { chat: title })
      : t("manager-summary-chat", {
          chat: title,
          opened: statistics.opened,
          onTime: statistics.answeredOnTime,
          breached: statistics.breached,
          dismissed: statistics.dismissed,
        }),
    ...(escalated === 0 ? [] : [t("manager-summary-escalated", { count: escalated })]),
    ...(lines.length === 0 ? [t("manager-summary-nothing-overdue")] : lines),
    ...(rating === undefined ? [] : [t("manager-summary-rating", { average: rating.average, count: rating.count })]),
  ];
}
