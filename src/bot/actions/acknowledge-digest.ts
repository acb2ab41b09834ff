import type { Chat } from "../../db/chat-repository.js";
import { digestAckSource } from "../../db/desk-repository.js";
import type { Repositories } from "../../db/repositories.js";

export type DigestAcknowledgement = "acknowledged" | "already-acknowledged" | "not-a-party";

type AcknowledgeDeps = { repositories: Pick<Repositories, "roles" | "correspondence">; now: number };

/** A specialist or the client's contact acknowledges a digest (button or Mini App): recorded once in the chat's log. */
export async function acknowledgeDigest({ repositories, now }: AcknowledgeDeps, chat: Chat, userId: number, digest: string): Promise<DigestAcknowledgement> {
  const role = await repositories.roles.roleOf(chat.id, userId);
  if (role !== "specialist" && role !== "client") return "not-a-party";
  const logged = await repositories.correspondence.append(
    [
      {
        chat: { telegramChatId: chat.telegramChatId, type: chat.type as "group" | "supergroup" },
        kind: "action",
        source: digestAckSource(digest, userId),
        senderId: userId,
        payload: { event: "digest-acknowledged", digest, by: userId, role },
      },
    ],
    now,
  );
  return logged.length > 0 ? "acknowledged" : "already-acknowledged";
}
