import type { ChatMember } from "grammy/types";
import type { Chat } from "../../db/chat-repository.js";
import { diagnose, type DiagnosisFacts } from "../../domain/diagnosis.js";
import { defaultRegulation, type Regulation } from "../../domain/regulation/regulation.js";
import { formatSetting } from "../../domain/regulation/settings.js";
import type { BotContext } from "../context.js";
import { formatShortLocalTime } from "../format/format-time.js";
import { groupReply } from "../format/group-reply.js";
import { personName } from "../format/people.js";
import { specialistChat } from "../guards/chat-guards.js";
import { Feature } from "../feature.js";
import { regulationOf } from "../shared/chat-regulation.js";

/**
 * `/diagnose`: a specialist (or the manager, who may read it) asks whether regbot is set up to
 * keep this chat's record, and gets one line per check, each failing one with what to do, in the
 * chat's language. Telegram is asked afresh: privacy mode, regbot's membership, its permissions.
 */
const feature = new Feature();
const inGroup = feature.inGroups;

/** How long the transcription engine may take to answer the probe before it counts as not answering. */
const PROBE_TIMEOUT_MS = 10_000;

inGroup.command("diagnose", async (ctx) => {
  const chat = await specialistChat(ctx, { managerReads: true });
  if (chat === undefined) return;
  const { regulation } = await regulationOf(ctx.deps, chat);
  const facts = await factsOf(ctx, chat, regulation);
  const t = (key: string, variables?: Record<string, string | number>) =>
    ctx.deps.i18n.t(regulation.language, key, variables);
  const lines = diagnose(facts).map((finding) => {
    const args = Object.fromEntries(
      Object.entries(finding.args ?? {}).map(([name, value]) => [
        name,
        name === "at" ? formatShortLocalTime(Number(value), regulation.timezone, regulation.language) : value,
      ]),
    );
    return `${finding.ok ? "✅" : "⚠️"} ${t(finding.messageId, args)}`;
  });
  const text = [t("diagnose-title", { chat: chat.title ?? "" }), ...lines].join("\n\n");
  const reply = groupReply(ctx, chat.id, "diagnose", text);
  // Where regbot may not post, the one who asked reads it privately.
  await ctx.deps.outbox.post([
    facts.maySendMessages ? reply : { dedupeKey: reply.dedupeKey!, to: { userId: ctx.from!.id }, text },
  ]);
});

async function factsOf(ctx: BotContext, chat: Chat, regulation: Regulation): Promise<DiagnosisFacts> {
  const { roles, people, regulations, checkpoints } = ctx.deps;
  const me = await ctx.api.getMe();
  const member = await ctx.api.getChatMember(chat.telegramChatId, me.id);
  const [clientId] = await roles.usersWithRole(chat.id, "client");
  const chosen = await regulations.chosenSettings(chat.id);
  const defaults = defaultRegulation({ timezone: ctx.deps.defaultTimezone, language: regulation.language });
  const setting = (key: "hours" | "timezone" | "digest") => ({
    value: formatSetting(key, regulation[key], regulation.language),
    // A value other than regbot's default was chosen by someone, even before choices were logged.
    chosen: chosen.has(key) || JSON.stringify(regulation[key]) !== JSON.stringify(defaults[key]),
  });
  return {
    readsAllGroupMessages: me.can_read_all_group_messages,
    membership: member.status,
    maySendMessages: await maySendMessages(ctx, chat, member),
    isForum: chat.isForum,
    topicThreadId: regulation.topic.kind === "thread" ? regulation.topic.threadId : undefined,
    clientContact:
      clientId !== undefined
        ? { kind: "confirmed", name: personName(await people.find(chat.id, clientId), clientId) }
        : (await roles.hasPendingNomination(chat.id, "client"))
          ? { kind: "nominated" }
          : { kind: "none" },
    settings: { hours: setting("hours"), timezone: setting("timezone"), digest: setting("digest") },
    transcription: await transcriptionState(ctx, regulation),
    checkpoints: {
      scheduled: await checkpoints.dailyScheduled(chat.id),
      last: await checkpoints.latestDelivery(chat.id),
    },
  };
}

/** An administrator always may; a restricted member as its restriction says; a member as the group's permissions say. */
async function maySendMessages(ctx: BotContext, chat: Chat, member: ChatMember): Promise<boolean> {
  if (member.status === "administrator" || member.status === "creator") return true;
  if (member.status === "restricted") return member.can_send_messages;
  if (member.status !== "member") return false;
  const { permissions } = await ctx.api.getChat(chat.telegramChatId);
  return permissions?.can_send_messages !== false;
}

async function transcriptionState(ctx: BotContext, regulation: Regulation): Promise<DiagnosisFacts["transcription"]> {
  const { transcriber } = ctx.deps;
  if (regulation.transcribe === "off") return "off";
  if (transcriber === undefined) return "no-engine";
  try {
    await transcriber.probe(AbortSignal.timeout(PROBE_TIMEOUT_MS));
    return "answers";
  } catch (error) {
    ctx.logger.warn({ err: error, engine: transcriber.engine }, "the transcription engine did not answer /diagnose");
    return "fails";
  }
}

export { feature as diagnoseFeature };
