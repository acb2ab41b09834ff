import type { Chat } from "../../db/chat-repository.js";
import type { JobRepository } from "../../db/job-repository.js";
import type { Obligation } from "../../db/obligation-repository.js";
import type { Repositories } from "../../db/repositories.js";
import { contractEndsAt, endReminderAt, openOnEachSide, unprovidedAtEnd } from "../../domain/contract/contract-end.js";
import { translateIn, type Language, type Translate, type TranslateIn } from "../../domain/languages.js";
import { obligationLabel } from "../../domain/obligations/numbering.js";
import type { Regulation } from "../../domain/regulation/regulation.js";
import type { JobHandler } from "../scheduler.js";
import { calendarOf } from "../../bot/shared/chat-regulation.js";
import { formatLocalTime } from "../../bot/format/format-time.js";
import { personName } from "../../bot/format/people.js";
import { obligationEvent } from "../../bot/shared/obligation-event.js";
import { activeChatOfJob, noticeDestination } from "./chat-notices.js";

export const CONTRACT_END_REMINDER = "contract-end-reminder";
export const CONTRACT_END = "contract-end";

export interface ContractEndJobDeps {
  repositories: Pick<
    Repositories,
    "obligations" | "chats" | "roles" | "people" | "regulations" | "windows" | "correspondence"
  >;
  translate: Translate;
  defaultLanguage: Language;
  defaultTimezone: string;
}

/** Which contract and reminder a job was scheduled for: one that no longer matches the regulation does nothing. */
interface ContractEndPayload {
  to: string;
  days?: number;
}

/**
 * Schedules the reminder before the contract's end and the notice at it, keyed by the period's
 * last day (and the reminder's lead), so saving the regulation again moves them rather than adding
 * more, and a notice that ran is never sent again. Called whenever the regulation is saved.
 */
export async function scheduleContractEnd(
  jobs: Pick<JobRepository, "schedule">,
  chat: Chat,
  regulation: Regulation,
  now: number,
): Promise<void> {
  const period = regulation.contract?.period;
  if (period === undefined) return;
  const endsAt = contractEndsAt(period, regulation.timezone);
  const key = `contract:${chat.id}:${period.to}`;
  await jobs.schedule({
    kind: CONTRACT_END,
    dedupeKey: `${key}:end`,
    chatId: chat.id,
    dueAt: endsAt,
    payload: { to: period.to } satisfies ContractEndPayload,
    judgesConduct: true,
  });
  const days = regulation.end_reminder?.days;
  if (days === undefined || endsAt <= now) return;
  const remindAt = endReminderAt(calendarOf({ regulation }), endsAt, days);
  if (remindAt === undefined) return;
  await jobs.schedule({
    kind: CONTRACT_END_REMINDER,
    dedupeKey: `${key}:reminder:${days}d`,
    chatId: chat.id,
    dueAt: remindAt,
    payload: { to: period.to, days } satisfies ContractEndPayload,
    judgesConduct: true,
  });
}

/**
 * Before the end both sides hear what is still open on each side; at the end regbot says once
 * that response windows and reminders stop, and, when information the client owed never
 * arrived, that the service counts as rendered and accepted (quoting the contract's clause).
 */
export function contractEndJobs(deps: ContractEndJobDeps): JobHandler[] {
  const { obligations, roles, people, windows, correspondence } = deps.repositories;
  const names = async (chat: Chat, role: "client" | "specialist") =>
    Promise.all(
      (await roles.usersWithRole(chat.id, role)).map(async (id) => personName(await people.find(chat.id, id), id)),
    );
  const everything = async (chat: Chat) =>
    (
      await Promise.all((["request", "revision", "stage"] as const).map((kind) => obligations.ofKind(chat.id, kind)))
    ).flat();
  /** The chat and its regulation while the job still matches the contract and its reminder. */
  const current = async (job: Parameters<JobHandler["run"]>[0]) => {
    const found = await activeChatOfJob(deps, job);
    const payload = JSON.parse(job.payload) as ContractEndPayload;
    const period = found?.regulation.contract?.period;
    if (found === undefined || period?.to !== payload.to) return undefined;
    if (payload.days !== undefined && found.regulation.end_reminder?.days !== payload.days) return undefined;
    return { ...found, period, days: payload.days, endsAt: contractEndsAt(period, found.regulation.timezone) };
  };
  return [
    {
      kind: CONTRACT_END_REMINDER,
      async run(job, { now }) {
        const found = await current(job);
        if (found === undefined || found.days === undefined || now >= found.endsAt) return {};
        const { chat, regulation, days, period } = found;
        const t = translateIn(deps.translate, regulation.language);
        const at = (ms: number) => formatLocalTime(ms, regulation.timezone, regulation.language);
        const open = openOnEachSide(await everything(chat));
        const waiting = await windows.awaitingAnswer(chat.id);
        const side = (title: string, lines: string[]) => [
          title,
          ...(lines.length > 0 ? lines : [t("contract-end-side-clear")]),
        ];
        const text = [
          t("contract-end-reminder", { last: period.to, days }),
          ...side(
            t("contract-end-client-side", { names: (await names(chat, "client")).join(", ") || t("the-client") }),
            open.client.map((owed) => openLine(t, at, owed)),
          ),
          ...side(
            t("contract-end-specialist-side", {
              names: (await names(chat, "specialist")).join(", ") || t("the-specialist"),
            }),
            [
              ...open.specialist.map((owed) => openLine(t, at, owed)),
              ...(waiting === undefined
                ? []
                : [t("contract-end-item-answer", { opened: at(waiting.openedAt), due: at(waiting.dueAt) })]),
            ],
          ),
        ].join("\n");
        return { messages: [{ dedupeKey: `${job.dedupeKey}:message`, to: noticeDestination(chat, regulation), text }] };
      },
    },
    {
      kind: CONTRACT_END,
      async run(job, { now }) {
        const found = await current(job);
        if (found === undefined) return {};
        const { chat, regulation, endsAt, period } = found;
        const t = translateIn(deps.translate, regulation.language);
        const at = (ms: number) => formatLocalTime(ms, regulation.timezone, regulation.language);
        const unprovided = unprovidedAtEnd(
          calendarOf({ regulation }),
          await obligations.open(chat.id, "request"),
          endsAt,
        );
        const clause = regulation.contract?.clause;
        // Logged once per request (by its source), however often the job runs.
        await correspondence.append(
          unprovided.map(({ request, waitedBusinessDays }) =>
            obligationEvent(chat, request, "unprovided-at-end", null, {
              contractEndsAt: new Date(endsAt).toISOString(),
              waitedBusinessDays,
              clause: clause ?? null,
            }),
          ),
          now,
        );
        const text = [
          t("contract-ended", { from: period.from, to: period.to }),
          ...(unprovided.length === 0
            ? []
            : [
                t("contract-ended-accepted"),
                ...unprovided.map(({ request, waitedBusinessDays }) =>
                  t("contract-ended-request", {
                    number: obligationLabel("request", request.number),
                    what: request.description,
                    asked: at(request.createdAt),
                    days: waitedBusinessDays,
                  }),
                ),
                ...(clause === undefined ? [] : [t("contract-ended-clause", { clause })]),
              ]),
        ].join("\n");
        return { messages: [{ dedupeKey: `${job.dedupeKey}:message`, to: noticeDestination(chat, regulation), text }] };
      },
    },
  ];
}

function openLine(t: TranslateIn, at: (ms: number) => string, owed: Obligation): string {
  const variables = { number: obligationLabel(owed.kind, owed.number), what: owed.description, due: at(owed.dueAt) };
  return t(owed.state === "delivered" ? "contract-end-item-delivered" : "contract-end-item", variables);
}
