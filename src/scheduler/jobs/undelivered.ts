import type { OutboxRow, OutgoingMessage, SendParameters } from "../../db/outbox-repository.js";
import type { Repositories } from "../../db/repositories.js";
import type { EventDraft } from "../../domain/correspondence.js";
import type { Language, Translate } from "../../domain/languages.js";
import { regulationOf } from "../../bot/shared/chat-regulation.js";
import { noticeToSpecialists } from "./notify-specialists.js";

export interface UndeliveredDeps {
  repositories: Pick<Repositories, "chats" | "regulations" | "roles" | "people">;
  translate: Translate;
  defaultLanguage: Language;
  defaultTimezone: string;
}

/** How much of the lost message the specialists' notice quotes. */
const QUOTED_CHARACTERS = 200;

/**
 * A message to a group that regbot gave up on: a `message-undelivered` event in the chat's log
 * (what was not said, and why) and a private notice to each specialist. The notice has no group
 * fallback: the group is where delivery just failed. A message to one person only is logged.
 */
export async function describeUndelivered(
  deps: UndeliveredDeps,
  row: OutboxRow,
  reason: string,
): Promise<{ record: EventDraft[]; notices: OutgoingMessage[] }> {
  if (row.chatId === null) return { record: [], notices: [] };
  const chat = await deps.repositories.chats.findById(row.chatId);
  if (chat === undefined) return { record: [], notices: [] };
  const { text } = JSON.parse(row.payload) as SendParameters;
  const record: EventDraft = {
    chat: { telegramChatId: chat.telegramChatId, type: chat.type as "group" | "supergroup" },
    kind: "action",
    source: `outbox:${row.id}:undelivered`,
    text,
    payload: {
      event: "message-undelivered",
      outbox: row.id,
      dedupeKey: row.dedupeKey,
      text,
      attempts: row.attempts,
      uncertain: row.uncertain,
      reason,
    },
  };
  const { regulation } = await regulationOf(
    { ...deps.repositories, defaultLanguage: deps.defaultLanguage, defaultTimezone: deps.defaultTimezone },
    chat,
  );
  const quote = text.length > QUOTED_CHARACTERS ? `${text.slice(0, QUOTED_CHARACTERS)}…` : text;
  const privateText = deps.translate(regulation.language, "outbox-undelivered", {
    chat: chat.title ?? String(chat.telegramChatId),
    text: quote,
  });
  const notices = await noticeToSpecialists(deps.repositories, {
    chat,
    regulation,
    dedupeKey: `undelivered:${row.id}`,
    privateText,
    groupText: privateText,
  });
  return {
    record: [record],
    notices: notices.map(({ to, ...notice }) => ({ ...notice, to: "userId" in to ? { userId: to.userId } : to })),
  };
}
