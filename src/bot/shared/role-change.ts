import type { Chat } from "../../db/chat-repository.js";
import type { Role, RoleChange } from "../../db/roles-repository.js";
import type { BotContext } from "../context.js";

/** Gives `role` in answer to this update; the change is logged with who made it. */
export function grantRole(ctx: BotContext, chat: Chat, userId: number, role: Role): Promise<boolean> {
  return ctx.deps.roles.grant({ ...roleChange(ctx, chat, userId, { action: "grant", role }), role });
}

/** Ends the person's role in answer to this update (why: "unassigned", "left the chat"…). */
export function revokeRole(ctx: BotContext, chat: Chat, userId: number, reason: string): Promise<boolean> {
  return ctx.deps.roles.revoke(roleChange(ctx, chat, userId, { action: "revoke", reason }));
}

export function roleChange(
  ctx: BotContext,
  chat: Chat,
  userId: number,
  change: { action: "grant"; role: Role } | { action: "revoke"; reason: string },
): RoleChange {
  const by = ctx.from?.id;
  return {
    chatId: chat.id,
    userId,
    at: ctx.deps.clock(),
    record: {
      chat: { telegramChatId: chat.telegramChatId, type: chat.type as "group" | "supergroup" },
      kind: "roles",
      source: `update:${ctx.updateKey}:role:${userId}:${change.action}`,
      ...(by === undefined ? {} : { senderId: by }),
      payload: { ...change, userId, by: by ?? null },
    },
  };
}
