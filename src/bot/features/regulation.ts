import type { Chat } from "../../db/chat-repository.js";
import { contactTimeProblem, type ContactTimeProblem } from "../../domain/regulation/contact-time.js";
import { describeChanges } from "../../domain/regulation/describe-changes.js";
import { applySetting, type Regulation, type SettingKey } from "../../domain/regulation/regulation.js";
import {
  formatSetting,
  parseSetting,
  SETTING_KEYS,
  settingKeyNamed,
  settingNameMessageId,
} from "../../domain/regulation/settings.js";
import type { Language } from "../../domain/languages.js";
import { regulationOf } from "../shared/chat-regulation.js";
import { registerChatCommands } from "../commands.js";
import type { BotContext } from "../context.js";
import { formatLocalTime } from "../format/format-time.js";
import { groupReply } from "../format/group-reply.js";
import { specialistChat } from "../guards/chat-guards.js";
import { scheduleDigest } from "../../scheduler/jobs/digest-jobs.js";
import { contractEnded } from "../../domain/contract/contract-end.js";
import { scheduleContractEnd } from "../../scheduler/jobs/contract-end-jobs.js";
import { displayName, personName } from "../format/people.js";
import { Feature } from "../feature.js";

/** The agreed regulation: `/rules` shows it to anyone, `/set` lets a specialist change one setting. */
const feature = new Feature();
const inGroup = feature.inGroups;

inGroup.command("rules", async (ctx) => {
  const chat = await ctx.deps.chats.findByTelegramId(ctx.chat.id);
  if (chat === undefined) return;
  await ctx.deps.outbox.post([groupReply(ctx, chat.id, "rules", await describeRules(ctx, chat))]);
});

inGroup.command("set", async (ctx) => {
  const chat = await specialistChat(ctx);
  if (chat === undefined) return;
  const say = (text: string) => ctx.deps.outbox.post([groupReply(ctx, chat.id, "set", text)]);
  const [name = "", ...rest] = ctx.match.trim().split(/\s+/);
  if (name === "") return say(ctx.t("set-usage", { keys: SETTING_KEYS.join(", ") }));
  const current = await regulationOf(ctx.deps, chat);
  const context = {
    isForum: chat.isForum,
    transcriptionOffered: ctx.deps.transcriber !== undefined,
    language: current.regulation.language,
  };
  const parsed = parseSetting(name, rest.join(" "), context);
  if (!parsed.ok) return say(ctx.t(parsed.error.code, parsed.error.args));
  const key = settingKeyNamed(name)!;
  const next = applySetting(current.regulation, key, parsed.value);
  if (describeChanges(current.regulation, next).length === 0) {
    // Named for the first time, a default value becomes a choice: logged as a version that confirms it.
    if (!(await ctx.deps.regulations.chosenSettings(chat.id)).has(key))
      return saveRegulation(ctx, chat, current.regulation, next, [key]);
    const value = formatSetting(key, parsed.value, current.regulation.language);
    return say(ctx.t("set-unchanged", { setting: ctx.t(settingNameMessageId(key)), value }));
  }
  const problem = contactTimeProblem(next, ctx.deps.clock());
  if (problem !== undefined) return say(describeContactTimeProblem(ctx, problem));
  await saveRegulation(ctx, chat, current.regulation, next);
});

/** Why a regulation was refused for leaving no contact time, in the chat's language. */
export function describeContactTimeProblem(ctx: BotContext, problem: ContactTimeProblem): string {
  return problem.kind === "year-long-holidays"
    ? ctx.t("regulation-holidays-too-long", { from: problem.from, to: problem.to })
    : ctx.t("regulation-no-contact-time");
}

/**
 * Stores the new version, logs its changes (in the canonical English values) and announces them
 * in the chat's (possibly new) language, values included. `kept`: settings the author chose to
 * keep as they were (no longer regbot's untouched defaults), logged and announced as confirmed.
 */
export async function saveRegulation(
  ctx: BotContext,
  chat: Chat,
  previous: Regulation,
  next: Regulation,
  kept: readonly SettingKey[] = [],
): Promise<void> {
  const { regulations, clock } = ctx.deps;
  const author = ctx.from!;
  const changes = describeChanges(previous, next);
  const confirmed = kept.filter((key) => !changes.some((change) => change.key === key));
  ctx.i18n.useLocale(next.language);
  const lines = describeChanges(previous, next, next.language).map((change) =>
    ctx.t("regulation-change-line", {
      setting: ctx.t(settingNameMessageId(change.key)),
      old: change.old,
      new: change.new,
    }),
  );
  // One setting confirmed by /set is named; a whole setup kept as it was is said in the header alone.
  if (changes.length === 0 && confirmed.length === 1)
    for (const key of confirmed)
      lines.push(
        ctx.t("regulation-confirmed-line", {
          setting: ctx.t(settingNameMessageId(key)),
          value: formatSetting(key, next[key], next.language),
        }),
      );
  const { transcriber } = ctx.deps;
  // Both sides should know where their voices go from now on.
  const transcriptionStarts = next.transcribe === "on" && changes.some((change) => change.key === "transcribe");
  if (transcriptionStarts && transcriber !== undefined)
    lines.push(ctx.t("voice-transcription-notice", { engine: transcriber.engine }));
  await regulations.save({
    chatId: chat.id,
    regulation: next,
    changedBy: author.id,
    at: clock(),
    record: (version) => ({
      chat: { telegramChatId: chat.telegramChatId, type: chat.type as "group" | "supergroup" },
      kind: "regulation",
      source: `update:${ctx.updateKey}:regulation`,
      senderId: author.id,
      payload: {
        version,
        changedBy: author.id,
        changes,
        ...(confirmed.length > 0 ? { confirmed } : {}),
        regulation: next,
      },
    }),
    announcement: (version) =>
      groupReply(
        ctx,
        chat.id,
        "regulation",
        [
          ctx.t(changes.length === 0 ? "regulation-confirmed" : "regulation-changed", {
            name: displayName(author),
            version,
          }),
          ...lines,
          ctx.t("regulation-see-rules"),
        ].join("\n"),
      ),
  });
  ctx.deps.outbox.wake();
  if (changes.some((change) => change.key === "digest" || change.key === "timezone"))
    await scheduleDigest({ ...ctx.deps, repositories: ctx.deps }, chat, clock());
  // The end's reminder and notice follow the period, the lead time and the calendar they are counted in.
  await scheduleContractEnd(ctx.deps.jobs, chat, next, clock());
  if (changes.some((change) => change.key === "language")) {
    const translate = (language: Language, key: string) => ctx.deps.i18n.t(language, key);
    await registerChatCommands(ctx.api, translate, chat.telegramChatId, next.language, ctx.deps.commands).catch(
      (error: unknown) =>
        ctx.logger.warn({ err: error, chatId: chat.id }, "could not show the command menu in the chat's new language"),
    );
  }
}

async function describeRules(ctx: BotContext, chat: Chat): Promise<string> {
  const { version, regulation, inForceFrom } = await regulationOf(ctx.deps, chat);
  const header =
    version === 0
      ? ctx.t("rules-title-defaults")
      : ctx.t("rules-title", {
          version,
          since: formatLocalTime(inForceFrom, regulation.timezone, regulation.language),
        });
  const settings = SETTING_KEYS.filter((key) => key !== "topic" || chat.isForum).map((key: SettingKey) =>
    ctx.t("rules-line", {
      setting: ctx.t(settingNameMessageId(key)),
      value: formatSetting(key, regulation[key], regulation.language),
    }),
  );
  const ended = contractEnded(regulation.contract?.period, regulation.timezone, ctx.deps.clock())
    ? [ctx.t("rules-contract-ended", { last: regulation.contract!.period.to })]
    : [];
  const { keyFingerprint } = ctx.deps;
  const key = keyFingerprint === undefined ? [] : ["", ctx.t("rules-key", { fingerprint: keyFingerprint })];
  return [
    header,
    "",
    ...settings,
    ...ended,
    "",
    ctx.t("rules-durations-note"),
    ...(await describeRoles(ctx, chat)),
    ...key,
  ].join("\n");
}

async function describeRoles(ctx: BotContext, chat: Chat): Promise<string[]> {
  const { roles, people } = ctx.deps;
  const named = async (userIds: number[]) =>
    Promise.all(userIds.map(async (userId) => personName(await people.find(chat.id, userId), userId)));
  const specialists = await named(await roles.usersWithRole(chat.id, "specialist"));
  const managers = await named(await roles.usersWithRole(chat.id, "manager"));
  const [client] = await named(await roles.usersWithRole(chat.id, "client"));
  return [
    specialists.length > 0
      ? ctx.t("rules-specialists", { names: specialists.join(", ") })
      : ctx.t("rules-no-specialist"),
    ...(managers.length > 0 ? [ctx.t("rules-manager", { names: managers.join(", ") })] : []),
    client !== undefined ? ctx.t("rules-client", { name: client }) : ctx.t("rules-no-client"),
  ];
}

export { feature as regulationFeature };
