import type { JobHandler } from "../scheduler.js";
import { regulationOf } from "../../bot/shared/chat-regulation.js";
import { obligationEvent } from "../../bot/shared/obligation-event.js";
import { personName } from "../../bot/format/people.js";
import { obligationLabel } from "../../domain/obligations/numbering.js";
import { noticeDestination, type ObligationJobDeps } from "./chat-notices.js";

export const PAUSE_END = "pause-end";

export function pauseEndKey(pauseId: number): string {
  return `pause:${pauseId}:end`;
}

/**
 * At a cooling-off pause's end both sides hear that the clocks run again. The end is logged once;
 * if the job runs again after a crash, its message's key keeps it from being said twice.
 */
export function coolingPauseJobs(deps: ObligationJobDeps): JobHandler[] {
  const { obligations, chats, roles, people } = deps.repositories;
  return [
    {
      kind: PAUSE_END,
      async run(job, { now }) {
        const pause = await obligations.find((JSON.parse(job.payload) as { obligationId: number }).obligationId);
        if (pause?.kind !== "pause" || pause.confirmedAt === null || pause.state === "cancelled") return {};
        const chat = await chats.findById(pause.chatId);
        if (chat === undefined || !chat.active) return {};
        const { regulation } = await regulationOf({ ...deps, regulations: deps.repositories.regulations }, chat);
        await obligations.changeIn(
          "open",
          pause.id,
          { state: "done", closedAt: pause.dueAt },
          obligationEvent(chat, pause, "ended", null),
          now,
        );
        const names = async (role: "specialist" | "client") =>
          Promise.all(
            (await roles.usersWithRole(chat.id, role)).map(async (userId) =>
              personName(await people.find(chat.id, userId), userId),
            ),
          );
        const sides = [...(await names("specialist")), ...(await names("client"))];
        const text = deps.translate(regulation.language, "pause-ended", {
          number: obligationLabel("pause", pause.number),
          people: sides.join(", ") || "—",
        });
        return { messages: [{ dedupeKey: `${job.dedupeKey}:message`, to: noticeDestination(chat, regulation), text }] };
      },
    },
  ];
}
