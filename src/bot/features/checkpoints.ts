import type { Chat } from "../../db/chat-repository.js";
import type { BotContext } from "../context.js";
import { describeCheckpoint } from "../format/checkpoint-text.js";
import { groupReply } from "../format/group-reply.js";
import { scheduleDailyCheckpoint } from "../../scheduler/jobs/checkpoint-jobs.js";
import { Feature } from "../feature.js";

/**
 * Witnessed checkpoints: `/checkpoint` from anyone in a group posts the log's current root, so
 * both sides hold it in their own Telegram apps; one is also posted when regbot joins.
 */
const feature = new Feature();
const inGroup = feature.inGroups;

inGroup.command("checkpoint", async (ctx) => {
  const chat = await ctx.deps.chats.findByTelegramId(ctx.chat.id);
  if (chat === undefined) return;
  // Someone who pastes a checkpoint here most likely wants to check an export against it.
  if (ctx.match.trim() !== "")
    return void (await ctx.deps.outbox.post([groupReply(ctx, chat.id, "checkpoint-usage", ctx.t("checkpoint-usage"))]));
  await postCheckpoint(ctx, chat);
});

/** After joining: the record's first checkpoint, and the daily ones from then on. */
export async function startCheckpoints(ctx: BotContext, chat: Chat): Promise<void> {
  await postCheckpoint(ctx, chat);
  await scheduleDailyCheckpoint({ ...ctx.deps, repositories: ctx.deps }, chat, ctx.deps.clock());
}

/** Records a checkpoint of the log as it is now and queues its message in the same transaction. */
async function postCheckpoint(ctx: BotContext, chat: Chat): Promise<void> {
  const reply = groupReply(ctx, chat.id, "checkpoint", "");
  const t = (key: string, variables?: Record<string, string | number>) => ctx.t(key, variables);
  await ctx.deps.checkpoints.take({ chat, messageKey: reply.dedupeKey!, at: ctx.deps.clock() }, (checkpoint) => ({
    ...reply,
    text: describeCheckpoint(t, checkpoint, ctx.deps.keyFingerprint),
  }));
  ctx.deps.outbox.wake();
}

export { feature as checkpointsFeature };
