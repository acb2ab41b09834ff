import { whenAnswered } from "../../now-or-later.js";
import type { Chat } from "../../db/chat-repository.js";
import type { OutgoingMessage } from "../../db/outbox-repository.js";
import type { Repositories } from "../../db/repositories.js";
import { DIGEST_JOB, digestMessageKey } from "../../db/status-repository.js";
import { nextWeeklyOccurrence } from "../../domain/recurrence.js";
import type { Regulation } from "../../domain/regulation/regulation.js";
import type { JobHandler } from "../scheduler.js";
import { regulationOf } from "../../bot/shared/chat-regulation.js";
import { describeCheckpoint } from "../../bot/format/checkpoint-text.js";
import { chatStatus, describeDigest, type StatusDeps } from "../../bot/status/chat-status.js";
import { digestHistory } from "../../bot/status/digest-history.js";
import { activeChatOfJob, noticeDestination } from "./chat-notices.js";
import { translateIn } from "../../domain/languages.js";

export type DigestDeps = StatusDeps & {
  repositories: StatusDeps["repositories"] & Pick<Repositories, "chats" | "checkpoints">;
};

/**
 * Callback data of the acknowledgement button, well under 64 bytes: `dg:<chat>:<digest>`, where a
 * weekly digest is `w<due instant in seconds>` and one asked for with /digest is `u<update id>`.
 */
export const DIGEST_ACK = /^dg:(\d+):([wu]\d+)$/;

/** The digest in the chat's topic, with the button both sides acknowledge it with; `id` names this digest. */
export async function digestMessage(
  deps: StatusDeps,
  chat: Chat,
  now: number,
  id: string,
  dedupeKey: string,
): Promise<OutgoingMessage> {
  const status = await chatStatus(deps, chat, now);
  const { language } = status.regulation;
  return {
    dedupeKey,
    to: noticeDestination(chat, status.regulation),
    text: describeDigest(deps.translate, status, await digestHistory(deps, status)),
    replyMarkup: {
      inline_keyboard: [
        [{ text: deps.translate(language, "digest-ack-button"), callback_data: `dg:${chat.id}:${id}` }],
      ],
    },
  };
}

/**
 * The weekly digest of each chat: a recurring job whose next time is computed from now, so one
 * missed during a downtime is posted once on return, covering everything since the last one.
 */
export function digestJobs(deps: DigestDeps): JobHandler[] {
  return [
    {
      kind: DIGEST_JOB,
      async run(job, { now }) {
        const found = await activeChatOfJob(deps, job);
        if (found === undefined) return {};
        const { chat, regulation } = found;
        if (regulation.digest.kind === "off") return {};
        const message = await digestMessage(
          deps,
          chat,
          now,
          `w${Math.floor(job.dueAt / 1000)}`,
          digestMessageKey(chat.id, job.dueAt),
        );
        const t = translateIn(deps.translate, regulation.language);
        return {
          // The day's checkpoint rides on the digest, which both sides acknowledge: of the log as the tick records it.
          recordWith: () =>
            whenAnswered(
              deps.repositories.checkpoints.takeWithin({
                chat,
                messageKey: message.dedupeKey!,
                at: now,
                onlyAfterActivity: true,
              }),
              (checkpoint) => {
                const text =
                  checkpoint === undefined
                    ? message.text
                    : `${message.text}\n\n${describeCheckpoint(t, checkpoint, deps.keyFingerprint)}`;
                return [{ ...message, text }];
              },
            ),
          nextDueAt: nextDigestAt(regulation, now),
        };
      },
    },
  ];
}

function nextDigestAt(regulation: Regulation, now: number): number | undefined {
  const { digest, timezone } = regulation;
  return digest.kind === "off"
    ? undefined
    : nextWeeklyOccurrence({ weekday: digest.weekday, minute: digest.time, timezone }, now);
}

/** (Re)schedules the chat's digest from its regulation now: after joining and after a digest or zone change. */
export async function scheduleDigest(
  deps: Pick<StatusDeps, "defaultLanguage" | "defaultTimezone"> & {
    repositories: Pick<Repositories, "regulations" | "status">;
  },
  chat: Chat,
  now: number,
): Promise<void> {
  const { regulation } = await regulationOf({ ...deps, regulations: deps.repositories.regulations }, chat);
  const dueAt = chat.active ? nextDigestAt(regulation, now) : undefined;
  if (dueAt === undefined) await deps.repositories.status.stopDigest(chat.id);
  else await deps.repositories.status.scheduleDigest(chat.id, dueAt);
}

/** On start: chats that have no digest pending get one (idempotent, pending digests keep their time). */
export async function scheduleMissingDigests(
  deps: Pick<StatusDeps, "defaultLanguage" | "defaultTimezone"> & {
    repositories: Pick<Repositories, "regulations" | "status" | "chats">;
  },
  now: number,
): Promise<void> {
  for (const chatId of await deps.repositories.status.activeChatsWithoutDigest()) {
    const chat = await deps.repositories.chats.findById(chatId);
    if (chat !== undefined) await scheduleDigest(deps, chat, now);
  }
}
