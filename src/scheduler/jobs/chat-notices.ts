import type { Chat } from "../../db/chat-repository.js";
import type { Job } from "../../db/job-repository.js";
import type { Obligation } from "../../db/obligation-repository.js";
import type { Repositories } from "../../db/repositories.js";
import type { Language, Translate } from "../../domain/languages.js";
import type { Regulation } from "../../domain/regulation/regulation.js";
import { regulationOf } from "../../bot/shared/chat-regulation.js";

/** What the jobs that speak about obligations need. */
export interface ObligationJobDeps {
  repositories: Pick<Repositories, "obligations" | "chats" | "roles" | "people" | "regulations">;
  translate: Translate;
  defaultLanguage: Language;
  defaultTimezone: string;
}

/** Where the chat's reminders, notices and digests go: its regulation's topic in a forum, else General. */
export function noticeDestination(chat: Chat, regulation: Regulation): { chatId: number; threadId?: number } {
  return { chatId: chat.id, ...(regulation.topic.kind === "thread" ? { threadId: regulation.topic.threadId } : {}) };
}

/** The obligation a job's payload names, with its chat, while it is still open and regbot still in the chat. */
export async function openObligationOfJob(
  repositories: Pick<Repositories, "obligations" | "chats">,
  payload: string,
): Promise<{ obligation: Obligation; chat: Chat } | undefined> {
  const obligation = await repositories.obligations.find(
    (JSON.parse(payload) as { obligationId: number }).obligationId,
  );
  const chat = obligation?.state === "open" ? await repositories.chats.findById(obligation.chatId) : undefined;
  return obligation === undefined || chat === undefined || !chat.active ? undefined : { obligation, chat };
}

/** The chat a recurring job is for, with the regulation in force now, while regbot is still in it. */
export async function activeChatOfJob(
  deps: {
    repositories: Pick<Repositories, "chats" | "regulations">;
    defaultLanguage: Language;
    defaultTimezone: string;
  },
  job: Pick<Job, "chatId">,
): Promise<{ chat: Chat; regulation: Regulation } | undefined> {
  const chat = job.chatId === null ? undefined : await deps.repositories.chats.findById(job.chatId);
  if (chat === undefined || !chat.active) return undefined;
  const { regulation } = await regulationOf({ ...deps, regulations: deps.repositories.regulations }, chat);
  return { chat, regulation };
}
