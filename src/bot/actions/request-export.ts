import type { Chat } from "../../db/chat-repository.js";
import type { Repositories } from "../../db/repositories.js";
import type { Language } from "../../domain/languages.js";
import { EXPORT_JOB, exportRequestKey, type ExportOrder } from "../../scheduler/jobs/export-order.js";

export interface ExportRequest {
  chat: Chat;
  userId: number;
  /** The language of what the person reads privately. */
  language: Language;
  period: ExportOrder["period"];
  /** What asked: an `/export` update (quoted in the group's answers), or the Mini App (a negative id of its own). */
  origin: Pick<ExportOrder, "updateId" | "messageId" | "threadId">;
  /** The request's source in the chat's log: the same request is logged (and exported) once. */
  source: string;
}

export type ExportRequestOutcome = "requested" | "already-requested" | "not-a-party";

type ExportRequestDeps = { repositories: Pick<Repositories, "roles" | "exportRequests">; now: number };

/**
 * A specialist or the client's contact asks for the chat's record: the request is logged and the
 * export job scheduled in one transaction; the job sends the bundle privately, as for `/export`.
 */
export async function requestExport(
  { repositories, now }: ExportRequestDeps,
  request: ExportRequest,
): Promise<ExportRequestOutcome> {
  const { chat, userId } = request;
  const role = await repositories.roles.roleOf(chat.id, userId);
  if (role !== "specialist" && role !== "client" && role !== "manager") return "not-a-party";
  const order: ExportOrder = {
    chatId: chat.id,
    userId,
    language: request.language,
    period: request.period,
    ...request.origin,
  };
  const key = exportRequestKey(chat.id, order.updateId);
  const requested = await repositories.exportRequests.request(
    { kind: EXPORT_JOB, dedupeKey: key, chatId: chat.id, dueAt: now, payload: order },
    {
      chat: { telegramChatId: chat.telegramChatId, type: chat.type as "group" | "supergroup" },
      kind: "action",
      source: request.source,
      senderId: userId,
      payload: { event: "export-requested", request: key, by: userId, role, period: order.period },
    },
    now,
  );
  return requested ? "requested" : "already-requested";
}
