import type { Chat } from "../../db/chat-repository.js";
import type { Obligation } from "../../db/obligation-repository.js";
import { obligationLabel } from "../../domain/obligations/numbering.js";
import type { BotContext } from "../context.js";
import { obligationEvent } from "./obligation-event.js";

/** An open obligation's deadline moved by a pause in the work. */
export interface DeadlineMove {
  obligation: Obligation;
  dueAt: number;
}

/** "S1 (Audience analysis) moved from … to …", in the chat's zone by `when`. */
export function moveLine(ctx: BotContext, when: (ms: number) => string, { obligation, dueAt }: DeadlineMove): string {
  return ctx.t("shift-moved", {
    number: obligationLabel(obligation.kind, obligation.number),
    what: obligation.description,
    from: when(obligation.dueAt),
    to: when(dueAt),
  });
}

/** The move in the chat's log, once per cause (`cause` names what paused the work). */
export function moveEvent(
  chat: Chat,
  { obligation, dueAt }: DeadlineMove,
  by: number,
  cause: string,
  extra: Record<string, unknown>,
) {
  return {
    ...obligationEvent(chat, { ...obligation, dueAt }, "moved", by, {
      previousDueAt: new Date(obligation.dueAt).toISOString(),
      ...extra,
    }),
    source: `obligation:${obligation.id}:moved:${cause}`,
  };
}
