import { whenAnswered } from "../../now-or-later.js";
import type { Chat } from "../../db/chat-repository.js";
import { DAILY_CHECKPOINT_JOB, type Checkpoint } from "../../db/checkpoint-repository.js";
import type { OutgoingMessage } from "../../db/outbox-repository.js";
import type { Repositories } from "../../db/repositories.js";
import { isDigestDay, nextCheckpointAt } from "../../domain/checkpoint-schedule.js";
import { translateIn } from "../../domain/languages.js";
import type { Regulation } from "../../domain/regulation/regulation.js";
import type { JobHandler } from "../scheduler.js";
import { regulationOf } from "../../bot/shared/chat-regulation.js";
import { describeCheckpoint } from "../../bot/format/checkpoint-text.js";
import type { StatusDeps } from "../../bot/status/chat-status.js";
import { activeChatOfJob, noticeDestination } from "./chat-notices.js";

type ScheduleDeps = Pick<StatusDeps, "defaultLanguage" | "defaultTimezone"> & {
  repositories: Pick<Repositories, "regulations" | "checkpoints">;
};
export type CheckpointJobDeps = Pick<
  StatusDeps,
  "translate" | "defaultLanguage" | "defaultTimezone" | "keyFingerprint"
> & { repositories: Pick<Repositories, "regulations" | "checkpoints" | "chats"> };

/**
 * The daily checkpoint of each chat, posted only when anything was logged since the last one.
 * On the digest's day the digest carries it instead (see digest-jobs.ts).
 */
export function checkpointJobs(deps: CheckpointJobDeps): JobHandler[] {
  return [
    {
      kind: DAILY_CHECKPOINT_JOB,
      async run(job, { now }) {
        const found = await activeChatOfJob(deps, job);
        if (found === undefined) return {};
        const { chat, regulation } = found;
        const nextDueAt = nextCheckpointAt(regulation.digest, regulation.timezone, now);
        if (isDigestDay(regulation.digest, regulation.timezone, job.dueAt)) return { nextDueAt };
        return {
          recordWith: () =>
            whenAnswered(
              deps.repositories.checkpoints.takeWithin({
                chat,
                messageKey: `daily-checkpoint:${chat.id}:${job.dueAt}`,
                at: now,
                onlyAfterActivity: true,
              }),
              (checkpoint) => (checkpoint === undefined ? [] : [checkpointMessage(deps, chat, regulation, checkpoint)]),
            ),
          nextDueAt,
        };
      },
    },
  ];
}

/** The checkpoint on its own, where the chat's reminders and digests go. */
function checkpointMessage(
  deps: Pick<StatusDeps, "translate" | "keyFingerprint">,
  chat: Chat,
  regulation: Regulation,
  checkpoint: Checkpoint,
): OutgoingMessage {
  const { language } = regulation;
  return {
    dedupeKey: checkpoint.messageKey,
    to: noticeDestination(chat, regulation),
    text: describeCheckpoint(translateIn(deps.translate, language), checkpoint, deps.keyFingerprint),
  };
}

/** (Re)starts the chat's daily checkpoint from its regulation now. */
export async function scheduleDailyCheckpoint(deps: ScheduleDeps, chat: Chat, now: number): Promise<void> {
  const { regulation } = await regulationOf({ ...deps, regulations: deps.repositories.regulations }, chat);
  await deps.repositories.checkpoints.scheduleDaily(
    chat.id,
    nextCheckpointAt(regulation.digest, regulation.timezone, now),
  );
}

/** On start: active chats without a daily checkpoint get one (those joined before it existed). */
export async function scheduleMissingCheckpoints(
  deps: ScheduleDeps & { repositories: Pick<Repositories, "chats"> },
  now: number,
): Promise<void> {
  for (const chatId of await deps.repositories.checkpoints.activeChatsWithoutDaily()) {
    const chat = await deps.repositories.chats.findById(chatId);
    if (chat !== undefined) await scheduleDailyCheckpoint(deps, chat, now);
  }
}
