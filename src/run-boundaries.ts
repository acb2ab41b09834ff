import type { Repositories } from "./db/repositories.js";
import type { Run } from "./db/run-repository.js";

/**
 * Writes regbot's start or stop into every active chat's log, so the record itself shows when
 * regbot was not listening. A start names the run before it and whether it stopped cleanly
 * (a crash leaves only its last heartbeat).
 */
export async function recordRunBoundary(
  chats: Repositories["chats"],
  correspondence: Repositories["correspondence"],
  boundary: { event: "start"; run: Run; previous: Run | undefined } | { event: "stop"; run: Run },
  at: number,
): Promise<void> {
  const payload =
    boundary.event === "start"
      ? {
          event: "start",
          run: boundary.run.id,
          previousRun: boundary.previous === undefined ? null : describeRun(boundary.previous),
        }
      : { event: "stop", run: boundary.run.id };
  const drafts = (await chats.activeChats()).map((chat) => ({
    chat: { telegramChatId: chat.telegramChatId, type: chat.type as "group" | "supergroup" },
    kind: "lifecycle" as const,
    source: `run:${boundary.run.id}:${boundary.event}`,
    payload,
  }));
  await correspondence.append(drafts, at);
}

function describeRun(run: Run) {
  return {
    id: run.id,
    startedAt: new Date(run.startedAt).toISOString(),
    lastSeenAt: new Date(run.lastSeenAt).toISOString(),
    stoppedCleanly: run.stoppedAt !== null,
  };
}
