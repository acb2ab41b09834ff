import type { Chat } from "../../db/chat-repository.js";
import { digestAckSource } from "../../db/desk-repository.js";
import type { Repositories } from "../../db/repositories.js";

export type DigestAcknowledgement = "acknowledged" | "already-acknowledged" | "not-a-party" | "unknown-digest";

type AcknowledgeDeps = { repositories: Pick<Repositories, "roles" | "correspondence" | "status">; now: number };

/**
 * A specialist or the client's contact acknowledges a digest that was sent in the chat (pressed on
 * its message, or in the Mini App, which names no message): recorded once in the chat's log.
 */
export async function acknowledgeDigest(
  { repositories, now }: AcknowledgeDeps,
  chat: Chat,
  userId: number,
  digest: string,
  messageId: number | null,
): Promise<DigestAcknowledgement> {
  const role = await repositories.roles.roleOf(chat.id, userId);
  if (role !== "specialist" && role !== "client") return "not-a-party";
  if (!(await repositories.status.digestWasSent(chat.id, digest, messageId ?? undefined))) return "unknown-digest";
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
