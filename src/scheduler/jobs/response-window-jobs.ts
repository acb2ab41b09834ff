import { whenAnswered } from "../../now-or-later.js";
import type { Chat } from "../../db/chat-repository.js";
import type { NewJob } from "../../db/job-repository.js";
import { dueAfter, type BusinessCalendar, type BusinessDuration } from "../../domain/calendar/index.js";
import type { OutgoingMessage } from "../../db/outbox-repository.js";
import type { Repositories } from "../../db/repositories.js";
import type { ResponseWindow } from "../../db/window-repository.js";
import type { Language, Translate } from "../../domain/languages.js";
import type { JobHandler } from "../scheduler.js";
import { regulationOf } from "../../bot/shared/chat-regulation.js";
import { formatLocalTime } from "../../bot/format/format-time.js";
import { personName } from "../../bot/format/people.js";
import { noticeToSpecialists } from "./notify-specialists.js";

export const WINDOW_WARNING = "window-warning";
export const WINDOW_DUE = "window-due";
export const WINDOW_ESCALATION = "window-escalation";

export function windowJobKeys(windowId: number): { warning: string; due: string; escalation: string } {
  return {
    warning: `window:${windowId}:warning`,
    due: `window:${windowId}:due`,
    escalation: `window:${windowId}:escalation`,
  };
}

/** A window's warning (when it has one), its due time and, when the regulation escalates, the manager's notice. */
export function windowDeadlineJobs(
  calendar: BusinessCalendar,
  window: Pick<ResponseWindow, "id" | "chatId" | "dueAt" | "warnAt">,
  escalateAfter: BusinessDuration | null,
): NewJob[] {
  const keys = windowJobKeys(window.id);
  const job = (kind: string, dedupeKey: string, dueAt: number): NewJob => ({
    kind,
    dedupeKey,
    chatId: window.chatId,
    dueAt,
    payload: { windowId: window.id },
    judgesConduct: true,
  });
  return [
    ...(window.warnAt === null ? [] : [job(WINDOW_WARNING, keys.warning, window.warnAt)]),
    job(WINDOW_DUE, keys.due, window.dueAt),
    ...(escalateAfter === null
      ? []
      : [job(WINDOW_ESCALATION, keys.escalation, dueAfter(calendar, window.dueAt, escalateAfter))]),
  ];
}

export interface WindowJobDeps {
  repositories: Pick<Repositories, "windows" | "chats" | "roles" | "people" | "regulations" | "correspondence">;
  translate: Translate;
  defaultLanguage: Language;
  defaultTimezone: string;
}

/**
 * Before a window closes the specialists are warned; when it closes unanswered the breach is
 * recorded once and they are told. Both run only after updates that arrived during a downtime
 * are handled (judgesConduct), so an answer among them is seen first.
 */
export function responseWindowJobs(deps: WindowJobDeps): JobHandler[] {
  return [
    {
      kind: WINDOW_WARNING,
      async run(job, { now }) {
        const found = await waitingWindow(deps, job.payload);
        if (found === undefined) return {};
        const messages = await toSpecialists(deps, found, "warning");
        if (messages.length > 0) await recordWarning(deps, found, messages, now);
        return { messages };
      },
    },
    {
      kind: WINDOW_DUE,
      async run(job, { now }) {
        const found = await waitingWindow(deps, job.payload);
        if (found === undefined) return {};
        const { window, chat } = found;
        const notice = await toSpecialists(deps, found, "breach");
        const breach = {
          chat: { telegramChatId: chat.telegramChatId, type: chat.type as "group" | "supergroup" },
          kind: "window" as const,
          source: `window:${window.id}:breached`,
          payload: { event: "breached", windowId: window.id, dueAt: new Date(window.dueAt).toISOString() },
        };
        // Recorded with the job's outcome in the tick's transaction: told once, with the breach.
        return {
          recordWith: () =>
            whenAnswered(deps.repositories.windows.markBreached(window.id, breach, now), (told) =>
              told ? notice : [],
            ),
        };
      },
    },
    {
      kind: WINDOW_ESCALATION,
      async run(job, { now }) {
        const found = await waitingWindow(deps, job.payload);
        return { messages: found === undefined ? [] : await toManager(deps, found, now) };
      },
    },
  ];
}

/**
 * The log says who was warned and when, since a private warning leaves no message in the group's
 * record (one in the group, to a specialist who never started regbot, is also logged as sent).
 * Logged once: a rerun appends nothing under the same source.
 */
async function recordWarning(
  deps: WindowJobDeps,
  { window, chat }: { window: ResponseWindow; chat: Chat },
  messages: readonly OutgoingMessage[],
  now: number,
): Promise<void> {
  const specialists = messages.flatMap((message) => ("userId" in message.to ? [message.to.userId] : []));
  await deps.repositories.correspondence.append(
    [
      {
        chat: { telegramChatId: chat.telegramChatId, type: chat.type as "group" | "supergroup" },
        kind: "window",
        source: `window:${window.id}:warned`,
        payload: { event: "warned", windowId: window.id, dueAt: new Date(window.dueAt).toISOString(), specialists },
      },
    ],
    now,
  );
}

/** The manager hears privately that an answer is late by the agreed margin; logged once, sent once. */
async function toManager(
  deps: WindowJobDeps,
  { window, chat }: { window: ResponseWindow; chat: Chat },
  now: number,
): Promise<OutgoingMessage[]> {
  const { roles, people, correspondence } = deps.repositories;
  const managers = await roles.usersWithRole(chat.id, "manager");
  if (managers.length === 0) return [];
  const { regulation } = await regulationOf(
    { ...deps, regulations: deps.repositories.regulations },
    chat,
    window.openedAt,
  );
  await correspondence.append(
    [
      {
        chat: { telegramChatId: chat.telegramChatId, type: chat.type as "group" | "supergroup" },
        kind: "window",
        source: `window:${window.id}:escalated`,
        payload: { event: "escalated", windowId: window.id, dueAt: new Date(window.dueAt).toISOString(), managers },
      },
    ],
    now,
  );
  const language = regulation.language;
  const names = async (role: "client" | "specialist") =>
    (
      await Promise.all(
        (
          await roles.usersWithRole(chat.id, role)
        ).map(async (userId) => personName(await people.find(chat.id, userId), userId)),
      )
    ).join(", ");
  const text = deps.translate(language, "window-escalation", {
    chat: chat.title ?? "",
    client: (await names("client")) || deps.translate(language, "the-client"),
    specialists: (await names("specialist")) || "—",
    opened: formatLocalTime(window.openedAt, regulation.timezone, language),
    due: formatLocalTime(window.dueAt, regulation.timezone, language),
  });
  return managers.map((userId) => ({ dedupeKey: `window:${window.id}:escalation:${userId}`, to: { userId }, text }));
}

async function waitingWindow(
  deps: WindowJobDeps,
  payload: string,
): Promise<{ window: ResponseWindow; chat: Chat } | undefined> {
  const { windowId } = JSON.parse(payload) as { windowId: number };
  const window = await deps.repositories.windows.find(windowId);
  if (window === undefined || window.answeredAt !== null || window.dismissedAt !== null) return undefined;
  const chat = await deps.repositories.chats.findById(window.chatId);
  return chat?.active ? { window, chat } : undefined;
}

async function toSpecialists(
  deps: WindowJobDeps,
  { window, chat }: { window: ResponseWindow; chat: Chat },
  notice: "warning" | "breach",
): Promise<OutgoingMessage[]> {
  const { roles, people } = deps.repositories;
  const { regulation } = await regulationOf(
    { ...deps, regulations: deps.repositories.regulations },
    chat,
    window.openedAt,
  );
  const language = regulation.language;
  const [clientId] = await roles.usersWithRole(chat.id, "client");
  const variables = {
    client:
      clientId === undefined
        ? deps.translate(language, "the-client")
        : personName(await people.find(chat.id, clientId), clientId),
    chat: chat.title ?? "",
    due: formatLocalTime(window.dueAt, regulation.timezone, language),
  };
  return noticeToSpecialists(deps.repositories, {
    chat,
    regulation,
    dedupeKey: `window:${window.id}:${notice}`,
    privateText: deps.translate(language, `window-${notice}`, variables),
    groupText: deps.translate(language, `window-${notice}-in-group`, variables),
    // Peers see one or two false alarms per ten: the warning lets a specialist close one as needing no answer.
    ...(notice === "warning"
      ? {
          replyMarkup: {
            inline_keyboard: [
              [{ text: deps.translate(language, "window-no-answer-needed"), callback_data: `nd:${window.id}` }],
            ],
          },
        }
      : {}),
  });
}
