import type { Obligation } from "../db/obligation-repository.js";
import type { Role } from "../db/roles-repository.js";
import { translateIn, type Language, type TranslateIn } from "../domain/languages.js";
import { obligationLabel } from "../domain/obligations/numbering.js";
import { describeChanges } from "../domain/regulation/describe-changes.js";
import { formatSetting, SETTING_KEYS, settingNameMessageId } from "../domain/regulation/settings.js";
import { answerSeries, type AnswerBucket } from "../domain/status/answer-series.js";
import { chatStatus, statusSections, type ChatStatus, type StatusDeps } from "../bot/status/chat-status.js";
import { formatLocalTime } from "../bot/format/format-time.js";
import { personName } from "../bot/format/people.js";
import type { WebAppDeps } from "./webapp-deps.js";

const CHART_WEEKS = 8;
const WEEK_MS = 7 * 24 * 60 * 60 * 1000;
const CHECKPOINTS_SHOWN = 5;

export interface ObligationItem {
  label: string;
  what: string;
  due: string;
  state: "open" | "overdue" | "delivered" | "done" | "cancelled";
}

/** One chat as the Mini App shows it to a person with a role in it; the specialist's side sees more. */
export interface ChatView {
  id: number;
  title: string;
  role: Role;
  /** Specialists and the client contact act (export, acknowledge); observers only look. */
  canAct: boolean;
  timezone: string;
  specialistOwes: string[];
  clientOwes: string[];
  plan: { summary: string[]; stages: ObligationItem[] };
  calls: { summary: string[]; items: ObligationItem[] };
  people: string[];
  digest: { id: string; posted: string; text: string; acknowledged: boolean } | undefined;
  /** The specialist's side only. */
  answers?: { summary: string[]; agreedMinutes: number | undefined; days: AnswerBucket[]; weeks: AnswerBucket[] };
  regulation?: {
    title: string;
    settings: Array<{ name: string; value: string }>;
    history: Array<{ title: string; changes: string[] }>;
  };
  checkpoints?: string[];
}

/** The chat's view for the person, or undefined when they hold no role in it (or it is gone). */
export async function chatView(
  deps: WebAppDeps,
  chatId: number,
  userId: number,
  language: Language,
): Promise<ChatView | undefined> {
  const { chats, roles, desk } = deps.repositories;
  const chat = await chats.findById(chatId);
  const role = chat === undefined || !chat.active ? undefined : await roles.roleOf(chat.id, userId);
  if (chat === undefined || role === undefined) return undefined;
  const now = deps.clock();
  const status = await chatStatus(statusDepsOf(deps), chat, now);
  const sections = statusSections(deps.translate, status, language);
  const t = translateIn(deps.translate, language);
  const at = (ms: number) => formatLocalTime(ms, status.regulation.timezone, language);
  const item = (obligation: Obligation): ObligationItem => ({
    label: obligationLabel(obligation.kind, obligation.number),
    what: obligation.description,
    due: at(obligation.dueAt),
    state: obligation.state === "open" && obligation.dueAt < now ? "overdue" : obligation.state,
  });
  const digest = await desk.latestDigest(chat.id);
  const view: ChatView = {
    id: chat.id,
    title: chat.title ?? String(chat.telegramChatId),
    role,
    canAct: role !== "observer",
    timezone: status.regulation.timezone,
    specialistOwes: [...sections.waiting, ...sections.revisions],
    clientOwes: [...sections.requests, ...sections.voices, ...sections.clientDelay],
    plan: { summary: sections.plan, stages: status.stages.map(item) },
    calls: { summary: sections.calls, items: status.openCalls.map(item) },
    people: sections.people,
    digest: digest && {
      id: digest.id,
      posted: at(digest.postedAt),
      text: digest.text,
      acknowledged: await desk.acknowledged(chat.id, digest.id, userId),
    },
  };
  if (role === "client") return view;
  return {
    ...view,
    answers: { summary: [...sections.answers, ...sections.ratings], ...(await answerCharts(deps, status)) },
    regulation: await regulationView(deps, status, { t, at, language }),
    checkpoints: (await desk.recentCheckpoints(chat.id, CHECKPOINTS_SHOWN)).map((checkpoint) =>
      t("webapp-checkpoint", { at: at(checkpoint.recordedAt), size: checkpoint.size, root: checkpoint.root }),
    ),
  };
}

/** The last eight weeks of answers, by day and by week, against the agreed time when it is in minutes. */
async function answerCharts(deps: WebAppDeps, { chat, regulation, now }: ChatStatus) {
  const asked = await deps.repositories.windows.questionsBetween(chat.id, now - CHART_WEEKS * WEEK_MS, now);
  return {
    agreedMinutes: regulation.response.unit === "minutes" ? regulation.response.minutes : undefined,
    ...answerSeries(asked, regulation.timezone, now),
  };
}

/** The regulation in force, setting by setting, and each earlier change with who made it, values in the reader's language. */
async function regulationView(
  deps: WebAppDeps,
  { chat, regulation }: ChatStatus,
  { t, at, language }: { t: TranslateIn; at: (ms: number) => string; language: Language },
): Promise<NonNullable<ChatView["regulation"]>> {
  const versions = await deps.repositories.desk.regulationHistory(chat.id);
  const name = async (userId: number | null) =>
    userId === null ? "regbot" : personName(await deps.repositories.people.find(chat.id, userId), userId);
  const history = [];
  for (const [index, version] of versions.entries()) {
    const before = versions[index - 1];
    history.push({
      title: t("webapp-version", {
        version: version.version,
        since: at(version.inForceFrom),
        name: await name(version.changedBy),
      }),
      changes:
        before === undefined
          ? []
          : describeChanges(before.regulation, version.regulation, language).map(
              (change) => `${t(settingNameMessageId(change.key))}: ${change.old} → ${change.new}`,
            ),
    });
  }
  return {
    title: versions.length === 0 ? t("webapp-version-defaults") : history.at(-1)!.title,
    settings: SETTING_KEYS.filter((key) => key !== "topic" || chat.isForum).map((key) => ({
      name: t(settingNameMessageId(key)),
      value: formatSetting(key, regulation[key], language),
    })),
    history: history.reverse(),
  };
}

function statusDepsOf(deps: WebAppDeps): StatusDeps {
  return {
    repositories: deps.repositories,
    translate: deps.translate,
    defaultLanguage: deps.defaultLanguage,
    defaultTimezone: deps.defaultTimezone,
  };
}
