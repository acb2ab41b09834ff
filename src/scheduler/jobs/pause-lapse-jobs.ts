import { whenAnswered } from "../../now-or-later.js";
import type { NewJob } from "../../db/job-repository.js";
import type { Obligation } from "../../db/obligation-repository.js";
import type { Repositories } from "../../db/repositories.js";
import { formatLocalTime } from "../../bot/format/format-time.js";
import { regulationOf } from "../../bot/shared/chat-regulation.js";
import { obligationEvent } from "../../bot/shared/obligation-event.js";
import { contractEnded } from "../../domain/contract/contract-end.js";
import { proposalLapsesAt } from "../../domain/contract/cooling-pause.js";
import type { JobHandler } from "../scheduler.js";
import type { ObligationJobDeps } from "./chat-notices.js";

export const PAUSE_LAPSE = "pause-lapse";

interface LapsePayload {
  obligationId: number;
  /** The outbox key of the message with the proposal's buttons. */
  proposal: string;
}

/** The job that closes a proposal nobody answered, at its lapse time. */
export function pauseLapseJob(pause: Obligation, proposalKey: string): NewJob {
  return {
    kind: PAUSE_LAPSE,
    dedupeKey: `pause:${pause.id}:lapse`,
    chatId: pause.chatId,
    dueAt: proposalLapsesAt(pause),
    payload: { obligationId: pause.id, proposal: proposalKey } satisfies LapsePayload,
  };
}

export interface PauseLapseDeps extends ObligationJobDeps {
  repositories: ObligationJobDeps["repositories"] & Pick<Repositories, "coolingPauses" | "outbox">;
}

/**
 * A proposal nobody answered lapses: closed, logged, and its message says so and loses its
 * buttons, all recorded with the job, so a run after a crash finds it closed and says nothing.
 * Like every notice, the edit is left out once the contract has ended; the lapse is still logged.
 */
export function pauseLapseJobs(deps: PauseLapseDeps): JobHandler[] {
  const { obligations, chats, coolingPauses, outbox } = deps.repositories;
  return [
    {
      kind: PAUSE_LAPSE,
      async run(job, { now }) {
        const { obligationId, proposal } = JSON.parse(job.payload) as LapsePayload;
        const pause = await obligations.find(obligationId);
        if (pause?.kind !== "pause" || pause.state !== "open" || pause.confirmedAt !== null) return {};
        const chat = await chats.findById(pause.chatId);
        if (chat === undefined || !chat.active) return {};
        const { regulation } = await regulationOf({ ...deps, regulations: deps.repositories.regulations }, chat);
        const lapsedAt = proposalLapsesAt(pause);
        const quiet = contractEnded(regulation.contract?.period, regulation.timezone, lapsedAt);
        // The first part of a long proposal carries its buttons.
        const messages = quiet
          ? []
          : (await outbox.deliverableUnder(proposal)).filter(
              (row) => row.dedupeKey === proposal || row.dedupeKey === `${proposal}#1`,
            );
        const note = deps.translate(regulation.language, "pause-lapsed-note", {
          at: formatLocalTime(lapsedAt, regulation.timezone, regulation.language),
        });
        const edits = messages.map((row) => ({ of: row, dedupeKey: `${job.dedupeKey}:edit:${row.id}`, note }));
        const record = obligationEvent(chat, pause, "lapsed", null, { lapsedAt: new Date(lapsedAt).toISOString() });
        return {
          recordWith: () => whenAnswered(coolingPauses.lapseWithin(pause.id, lapsedAt, now, record, edits), () => []),
        };
      },
    },
  ];
}
