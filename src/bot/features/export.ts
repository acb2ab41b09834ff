import { regulationOf } from "../shared/chat-regulation.js";
import { readExportPeriod } from "../../domain/export/export-period.js";
import type { StartRoute } from "../context.js";
import { groupReply } from "../format/group-reply.js";
import { supportedLanguage } from "../middleware/i18n.js";
import { isIdentifiablePerson } from "../format/people.js";
import {
  afterStartKey,
  EXPORT_JOB,
  EXPORT_LINK_PREFIX,
  exportRequestKey,
  type ExportOrder,
} from "../../scheduler/jobs/export-order.js";
import { requestExport } from "../actions/request-export.js";
import { Feature } from "../feature.js";

/**
 * `/export [from..to]` in a group, by a specialist or the client's contact: the chat's record as a
 * verifiable bundle, sent to them privately (never posted in the group) by the export job.
 */
const feature = new Feature();
const inGroup = feature.inGroups;

inGroup.command("export", async (ctx) => {
  const { deps } = ctx;
  const chat = await deps.chats.findByTelegramId(ctx.chat.id);
  if (chat === undefined) return;
  const say = (text: string) => deps.outbox.post([groupReply(ctx, chat.id, "export", text)]);
  if (ctx.msg.sender_chat !== undefined || !isIdentifiablePerson(ctx.from)) return say(ctx.t("anonymous-cannot-act"));
  const period = readExportPeriod(ctx.match);
  if (period.kind === "unreadable") return say(ctx.t("export-period-unreadable", { given: period.given }));
  if (period.kind === "not-a-date") return say(ctx.t("export-period-not-a-date", { date: period.date }));
  if (period.kind === "reversed") return say(ctx.t("export-period-reversed", period));
  const outcome = await requestExport(
    { repositories: deps, now: deps.clock() },
    {
      chat,
      userId: ctx.from.id,
      language: supportedLanguage(ctx.from.language_code) ?? deps.defaultLanguage,
      period: period.kind === "period" ? { from: period.from, to: period.to } : null,
      origin: {
        updateId: ctx.updateKey,
        messageId: ctx.msg.message_id,
        threadId: ctx.msg.is_topic_message ? (ctx.msg.message_thread_id ?? null) : null,
      },
      source: `update:${ctx.updateKey}:export`,
    },
  );
  if (outcome === "not-a-party") return say(ctx.t("export-only-parties"));
});

/** `/start export-<chat>-<update>`: the person regbot could not reach opened the link it gave them. */
export const exportStartRoute: StartRoute = {
  prefix: EXPORT_LINK_PREFIX,
  async handle(ctx, argument) {
    const { jobs } = ctx.deps;
    const [, chatId, updateId] = /^(\d+)-(-?\d+)$/.exec(argument) ?? [];
    const requestKey = chatId === undefined ? undefined : exportRequestKey(Number(chatId), Number(updateId));
    const request = requestKey === undefined ? undefined : await jobs.find(requestKey);
    const order = request?.kind === EXPORT_JOB ? (JSON.parse(request.payload) as ExportOrder) : undefined;
    const chat = order === undefined ? undefined : await ctx.deps.chats.findById(order.chatId);
    if (order === undefined || chat === undefined) return void (await ctx.reply(ctx.t("export-link-unknown")));
    if (order.userId !== ctx.from?.id) return void (await ctx.reply(ctx.t("export-link-not-yours")));
    if ((await jobs.find(afterStartKey(requestKey!))) !== undefined)
      return void (await ctx.reply(ctx.t("export-link-used")));
    const { regulation } = await regulationOf(ctx.deps, chat);
    const period =
      order.period === null
        ? ctx.t("export-period-whole")
        : ctx.t("export-period-dates", { ...order.period, timezone: regulation.timezone });
    await ctx.reply(ctx.t("export-link-accepted", { chat: chat.title ?? String(chat.telegramChatId), period }));
    await jobs.schedule({
      kind: EXPORT_JOB,
      dedupeKey: afterStartKey(requestKey!),
      chatId: order.chatId,
      dueAt: ctx.deps.clock(),
      payload: { ...order, announced: true },
    });
  },
};

export { feature as exportFeature };
