import type { Chat } from "../../db/chat-repository.js";
import type { Repositories } from "../../db/repositories.js";
import type { PauseInterval } from "../../domain/calendar/index.js";
import { countsFrom, pauseIntervals } from "../../domain/contract/cooling-pause.js";

type PauseDeps = Pick<Repositories, "obligations" | "pauses">;

/** Where a deadline asked at `at` begins to count: after the cooling-off pause running then, if one is. */
export async function clockStartIn(deps: Pick<Repositories, "obligations">, chat: Chat, at: number): Promise<number> {
  return countsFrom(await deps.obligations.ofKind(chat.id, "pause"), at);
}

/** The chat's accepted cooling-off pauses, in which every clock stands still. */
export async function coolingPausesIn(deps: Pick<Repositories, "obligations">, chat: Chat): Promise<PauseInterval[]> {
  return pauseIntervals(await deps.obligations.ofKind(chat.id, "pause"));
}

/** Every pause the specialist's deadlines stood still for: the client's delays applied by /shift, and cooling-off pauses. */
export async function deadlinePauses(deps: PauseDeps, chat: Chat): Promise<PauseInterval[]> {
  const waited = (await deps.pauses.forChat(chat.id)).map((pause) => ({ start: pause.startAt, end: pause.endAt }));
  return [...waited, ...(await coolingPausesIn(deps, chat))];
}
