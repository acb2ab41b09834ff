import type { Conversation } from "@grammyjs/conversations";
import type { I18nFlavor } from "@grammyjs/i18n";
import { InlineKeyboard, type Context } from "grammy";
import { PERMISSIONS } from "../../domain/contract/terms.js";
import { type Language, SUPPORTED_LANGUAGES } from "../../domain/languages.js";
import { describeChanges } from "../../domain/regulation/describe-changes.js";
import { applySetting, type Regulation, type SettingKey } from "../../domain/regulation/regulation.js";
import { formatSetting, parseSetting, settingNameMessageId } from "../../domain/regulation/settings.js";
import { parsed, type ParseResult } from "../../domain/regulation/setting-error.js";
import { regulationOf } from "../shared/chat-regulation.js";
import type { BotContext } from "../context.js";
import { supportedLanguage } from "../middleware/i18n.js";
import { saveRegulation } from "../features/regulation.js";
import { contactTimeProblem } from "../../domain/regulation/contact-time.js";

/**
 * Contexts inside the conversation are rebuilt on every replay and carry translations only:
 * anything that reads or writes the world, and all that is said, goes through `conversation.external`.
 */
export type SetupContext = Context & I18nFlavor;
export type SetupConversation = Conversation<BotContext, SetupContext>;

export const SETUP_CONVERSATION = "setup";
/** Bump when the steps change: setups stored by an older version are dropped, not replayed wrongly. */
export const SETUP_STATE_VERSION = 3;

/** The settings the setup walks through, in order; the topic only in forum groups, the optional contract's terms last. */
const STEPS = [
  "language",
  "timezone",
  "hours",
  "holidays",
  "response",
  "escalate_after",
  "info_deadline",
  "revision_time",
  "digest",
  "voice",
  "topic",
  "contract",
  "contract_sum",
  "penalty",
  "end_reminder",
  "work_start",
  "missed_call",
  "publish_case",
  "third_parties",
] as const satisfies readonly SettingKey[];
type StepKey = (typeof STEPS)[number];

/** Common values offered as buttons (in the canonical form people may also type); anything else is typed. */
const CHOICES: { [K in StepKey]: readonly string[] } = {
  language: SUPPORTED_LANGUAGES,
  timezone: [
    "Europe/Moscow",
    "Europe/Madrid",
    "America/Mexico_City",
    "America/Bogota",
    "America/Argentina/Buenos_Aires",
    "UTC",
  ],
  hours: ["Mon-Fri 10:00-19:00", "Mon-Fri 09:00-18:00", "Mon-Fri 10:00-13:00,14:00-19:00", "24/7"],
  holidays: ["none"],
  response: ["30m", "1h", "2h", "4h", "1d"],
  escalate_after: ["off", "30m", "1h", "2h"],
  info_deadline: ["1d", "2d", "3d", "5d"],
  revision_time: ["1d", "2d", "3d"],
  digest: ["Mon 10:00", "Fri 17:00", "off"],
  voice: ["nudge", "off"],
  topic: ["general"],
  contract: ["none"],
  contract_sum: ["none"],
  penalty: ["10% + 2%/day business", "none"],
  end_reminder: ["3d", "5d", "10d", "off"],
  work_start: ["1d", "3d", "5d"],
  missed_call: ["none"],
  publish_case: PERMISSIONS,
  third_parties: PERMISSIONS,
};

/** What the setup starts from, read once (and replayed from storage afterwards). */
interface SetupStart {
  title: string;
  isForum: boolean;
  regulation: Regulation;
}

type ApplyOutcome = "applied" | "unchanged" | "not-specialist" | "chat-gone" | "no-contact-time";

const OUTCOME_MESSAGES: Record<ApplyOutcome, string> = {
  applied: "setup-applied",
  "no-contact-time": "regulation-no-contact-time",
  unchanged: "setup-applied-nothing",
  "not-specialist": "setup-no-longer-specialist",
  "chat-gone": "setup-chat-gone",
};

interface Question<K extends StepKey> {
  key: K;
  step: number;
  total: number;
  current: Regulation[K];
  isForum: boolean;
  /** The specialist's language, which values are written in as well. */
  language: Language;
  /** Marks this setup's buttons, so a button from an earlier setup is not taken as an answer. */
  session: string;
}

type Answer = { kind: "keep" } | { kind: "text"; text: string };

/** The guided setup of one chat's regulation, in the specialist's private chat with regbot. */
export async function setup(conversation: SetupConversation, ctx: SetupContext, chatId: number): Promise<void> {
  const start = await conversation.external((outside) => setupStart(outside, chatId));
  if (start === undefined) {
    await say(conversation, ctx.t("setup-chat-gone"));
    return;
  }
  // The update that started it, not a random draw: started again after a crash, it asks with the same buttons.
  const session = await conversation.external((outside) => outside.updateKey.toString(36));
  const language = supportedLanguage(await ctx.i18n.getLocale()) ?? "en";
  const steps = STEPS.filter((key) => key !== "topic" || start.isForum);
  await say(conversation, ctx.t("setup-intro", { chat: start.title, count: steps.length }));

  let draft = start.regulation;
  for (const [index, key] of steps.entries()) {
    const current = start.regulation[key];
    const question = { key, step: index + 1, total: steps.length, current, isForum: start.isForum, language, session };
    draft = applySetting(draft, key, await ask(conversation, ctx, question));
  }

  const changes = describeChanges(start.regulation, draft, language);
  if (changes.length === 0) {
    // Every value was looked at and kept: what were regbot's defaults are the specialist's choices now.
    await conversation.external((outside) => applySetup(outside, chatId, draft, [], steps));
    await say(conversation, ctx.t("setup-no-changes", { chat: start.title }));
    return;
  }
  const lines = changes.map((change) =>
    ctx.t("regulation-change-line", {
      setting: ctx.t(settingNameMessageId(change.key)),
      old: change.old,
      new: change.new,
    }),
  );
  const keyboard = new InlineKeyboard()
    .text(ctx.t("setup-apply"), buttonData(session, "apply"))
    .text(ctx.t("setup-cancel"), buttonData(session, "cancel"));
  await say(
    conversation,
    [ctx.t("setup-summary", { chat: start.title }), ...lines, "", ctx.t("setup-summary-confirm")].join("\n"),
    { reply_markup: keyboard },
  );
  if (!(await confirmed(conversation, session))) {
    await say(conversation, ctx.t("setup-cancelled"));
    return;
  }
  const changedKeys = changes.map((change) => change.key);
  const outcome = await conversation.external((outside) => applySetup(outside, chatId, draft, changedKeys, steps));
  await say(conversation, ctx.t(OUTCOME_MESSAGES[outcome], { chat: start.title }));
}

/** Asks until the answer is a valid value (or the current one is kept); a wrong one gets the precise error and the question again. */
async function ask<K extends StepKey>(
  conversation: SetupConversation,
  ctx: SetupContext,
  question: Question<K>,
): Promise<Regulation[K]> {
  for (;;) {
    const text = `${ctx.t("setup-question", {
      step: question.step,
      total: question.total,
      setting: ctx.t(settingNameMessageId(question.key)),
      current: formatSetting(question.key, question.current, question.language),
    })}\n${ctx.t(`setup-hint-${question.key.replaceAll("_", "-")}`)}`;
    const asked = await say(conversation, text, { reply_markup: choicesKeyboard(ctx, question) });
    const answer = await answerTo(conversation, question);
    const result: ParseResult<Regulation[K]> =
      answer.kind === "keep"
        ? parsed(question.current)
        : parseSetting(question.key, answer.text, { isForum: question.isForum, language: question.language });
    if (!result.ok) {
      await say(conversation, ctx.t(result.error.code, result.error.args));
      continue;
    }
    // The question keeps what was chosen and loses its buttons.
    const answered = `${text}\n\n${ctx.t("setup-answer", { value: formatSetting(question.key, result.value, question.language) })}`;
    await conversation.external((outside) => outside.api.editMessageText(asked.chat.id, asked.message_id, answered));
    return result.value;
  }
}

/** The next answer to this question: a tap on one of its buttons, or typed text. */
async function answerTo(conversation: SetupConversation, question: Question<StepKey>): Promise<Answer> {
  const keep = buttonData(question.session, `keep:${question.key}`);
  const choice = buttonData(question.session, `set:${question.key}:`);
  for (;;) {
    const update = await conversation.wait();
    const data = update.callbackQuery?.data;
    if (data !== undefined) {
      const answer: Answer | undefined =
        data === keep
          ? { kind: "keep" }
          : data.startsWith(choice)
            ? { kind: "text", text: data.slice(choice.length) }
            : undefined;
      await answerButton(conversation, answer === undefined ? { text: update.t("setup-button-expired") } : {});
      if (answer !== undefined) return answer;
      continue;
    }
    // Other updates, and a new deep link (which starts over), are handled outside as usual.
    if (update.message === undefined || update.hasCommand("start")) await conversation.skip({ next: true });
    const text = update.message?.text;
    if (text === undefined || text.startsWith("/")) {
      await say(conversation, update.t("setup-text-only"));
      continue;
    }
    return { kind: "text", text };
  }
}

/** Whether the specialist taps Apply (true) or Cancel (false) under the summary. */
async function confirmed(conversation: SetupConversation, session: string): Promise<boolean> {
  const apply = buttonData(session, "apply");
  const cancel = buttonData(session, "cancel");
  for (;;) {
    const update = await conversation.wait();
    const data = update.callbackQuery?.data;
    if (data !== undefined) {
      const known = data === apply || data === cancel;
      await answerButton(conversation, known ? {} : { text: update.t("setup-button-expired") });
      if (known) return data === apply;
      continue;
    }
    if (update.message === undefined || update.hasCommand("start")) await conversation.skip({ next: true });
    await say(conversation, update.t("setup-choose-apply"));
  }
}

/**
 * Says something in the private chat through the update being handled (not the conversation's
 * own API), so it is journaled with the update's replies and said once even if handled again.
 */
function say(conversation: SetupConversation, text: string, other?: Parameters<BotContext["reply"]>[1]) {
  return conversation.external((outside) => outside.reply(text, other));
}

/** Answers the button that brought the update being handled, once (as `say`). */
function answerButton(conversation: SetupConversation, other: Parameters<BotContext["answerCallbackQuery"]>[0]) {
  return conversation.external((outside) => outside.answerCallbackQuery(other));
}

function choicesKeyboard(ctx: SetupContext, { key, session, language }: Question<StepKey>): InlineKeyboard {
  const buttons = CHOICES[key].map((value) =>
    InlineKeyboard.text(choiceLabel(ctx, key, value, language), buttonData(session, `set:${key}:${value}`)),
  );
  // Short values share a row, three at a time; long ones (hours, zones) get a row each.
  const perRow = CHOICES[key].some((value) => value.length > 12) ? 1 : 3;
  const rows = [];
  for (let index = 0; index < buttons.length; index += perRow) rows.push(buttons.slice(index, index + perRow));
  return new InlineKeyboard([...rows, [InlineKeyboard.text(ctx.t("setup-keep"), buttonData(session, `keep:${key}`))]]);
}

/** A choice's button shows its value in the specialist's language (`Пн-Пт 10:00-19:00`); its data keeps the canonical text. */
function choiceLabel(ctx: SetupContext, key: StepKey, value: string, language: Language): string {
  if (key === "language") return ctx.t(`setup-language-${value}`);
  const choice = parseSetting(key, value, { isForum: true });
  return choice.ok ? formatSetting(key, choice.value, language) : value;
}

/** `setup:<session>:<action>`: at most 57 bytes with the longest choice and a 32-bit update key, within Telegram's 64. */
function buttonData(session: string, action: string): string {
  return `setup:${session}:${action}`;
}

async function setupStart(ctx: BotContext, chatId: number): Promise<SetupStart | undefined> {
  const chat = await ctx.deps.chats.findById(chatId);
  if (chat === undefined || !chat.active) return undefined;
  const { regulation } = await regulationOf(ctx.deps, chat);
  return { title: chat.title ?? String(chat.telegramChatId), isForum: chat.isForum, regulation };
}

/**
 * One new version with the settings the specialist changed, laid over the regulation in force
 * now (a /set in the group meanwhile is kept), announced once in the group. The settings asked
 * and kept are logged as chosen, so none of them reads as an untouched default any more.
 */
async function applySetup(
  ctx: BotContext,
  chatId: number,
  draft: Regulation,
  changedKeys: readonly SettingKey[],
  askedKeys: readonly SettingKey[],
): Promise<ApplyOutcome> {
  const { chats, roles, regulations } = ctx.deps;
  const chat = await chats.findById(chatId);
  if (chat === undefined || !chat.active) return "chat-gone";
  if (ctx.from === undefined || (await roles.roleOf(chat.id, ctx.from.id)) !== "specialist") return "not-specialist";
  const { regulation } = await regulationOf(ctx.deps, chat);
  const next = changedKeys.reduce((result, key) => applySetting(result, key, draft[key]), regulation);
  const chosen = await regulations.chosenSettings(chat.id);
  const kept = askedKeys.filter((key) => !changedKeys.includes(key) && !chosen.has(key));
  if (describeChanges(regulation, next).length === 0 && kept.length === 0) return "unchanged";
  if (contactTimeProblem(next, ctx.deps.clock()) !== undefined) return "no-contact-time";
  await saveRegulation(ctx, chat, regulation, next, kept);
  return "applied";
}
