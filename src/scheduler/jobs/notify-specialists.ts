import type { Chat } from "../../db/chat-repository.js";
import type { OutgoingMessage } from "../../db/outbox-repository.js";
import type { Repositories } from "../../db/repositories.js";
import type { Regulation } from "../../domain/regulation/regulation.js";
import { personName } from "../../bot/format/people.js";

export interface SpecialistNotice {
  chat: Chat;
  regulation: Regulation;
  /** Unique per notice; each specialist's copy adds their id. */
  dedupeKey: string;
  /** What the specialist reads privately. */
  privateText: string;
  /** What follows "<name>, " in the group when the specialist never started regbot. */
  groupText: string;
  /** Buttons under both the private and the group copy. */
  replyMarkup?: unknown;
  /** Buttons under the group copy only, in place of `replyMarkup`. */
  groupReplyMarkup?: unknown;
}

/**
 * Privately to each specialist; as a mention in the group (in the regulation's topic in a forum
 * group) for one who never started a private chat with regbot.
 */
export async function noticeToSpecialists(
  repositories: Pick<Repositories, "roles" | "people">,
  notice: SpecialistNotice,
): Promise<OutgoingMessage[]> {
  return noticeToPeople(repositories, await repositories.roles.usersWithRole(notice.chat.id, "specialist"), notice);
}

/** The same notice to the people of the chat named (specialists, its manager): privately, or mentioned in the group. */
export async function noticeToPeople(
  repositories: Pick<Repositories, "people">,
  userIds: readonly number[],
  notice: SpecialistNotice,
): Promise<OutgoingMessage[]> {
  const { chat, regulation } = notice;
  const groupMarkup = notice.groupReplyMarkup ?? notice.replyMarkup;
  return Promise.all(
    userIds.map(async (userId) => {
      const name = personName(await repositories.people.find(chat.id, userId), userId);
      return {
        dedupeKey: `${notice.dedupeKey}:${userId}`,
        to: {
          userId,
          fallback: {
            chatId: chat.id,
            ...(regulation.topic.kind === "thread" ? { threadId: regulation.topic.threadId } : {}),
            content: {
              text: `${name}, ${notice.groupText}`,
              entities: [
                {
                  type: "text_mention",
                  offset: 0,
                  length: name.length,
                  user: { id: userId, is_bot: false, first_name: name },
                },
              ],
              ...(groupMarkup === undefined ? {} : { replyMarkup: groupMarkup }),
            },
          },
        },
        text: notice.privateText,
        ...(notice.replyMarkup === undefined ? {} : { replyMarkup: notice.replyMarkup }),
      };
    }),
  );
}
