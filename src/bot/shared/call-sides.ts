import type { Chat } from "../../db/chat-repository.js";
import type { Obligation } from "../../db/obligation-repository.js";
import type { Repositories } from "../../db/repositories.js";
import type { Regulation } from "../../domain/regulation/regulation.js";
import { formatLocalTime } from "../format/format-time.js";
import { personName } from "../format/people.js";

/** Calls are between two sides: the specialists and the client's contact; nobody else proposes or confirms one. */
export type Side = "specialist" | "client";

type SideDeps = Pick<Repositories, "roles" | "people">;

export async function sideOf(deps: Pick<Repositories, "roles">, chat: Chat, userId: number): Promise<Side | undefined> {
  const role = await deps.roles.roleOf(chat.id, userId);
  return role === "specialist" || role === "client" ? role : undefined;
}

/** Who answers what `userId` put forward (a proposed call, posted minutes): the other side. */
export async function otherSideOf(deps: Pick<Repositories, "roles">, chat: Chat, userId: number): Promise<Side> {
  return (await sideOf(deps, chat, userId)) === "client" ? "specialist" : "client";
}

export async function namesOnSide(deps: SideDeps, chat: Chat, side: Side): Promise<string[]> {
  const userIds = await deps.roles.usersWithRole(chat.id, side);
  return Promise.all(userIds.map(async (userId) => personName(await deps.people.find(chat.id, userId), userId)));
}

export async function nameOf(deps: SideDeps, chat: Chat, userId: number): Promise<string> {
  return personName(await deps.people.find(chat.id, userId), userId);
}

/** `C1` or `1`, where the command already says it is a call; Cyrillic С looks the same. */
const CALL_NUMBER = /^[cс]?(\d+)$/i;

export async function callNamed(
  deps: Pick<Repositories, "obligations">,
  chat: Chat,
  given: string,
): Promise<Obligation | undefined> {
  const number = CALL_NUMBER.exec(given)?.[1];
  return number === undefined ? undefined : deps.obligations.byNumber(chat.id, "call", Number(number));
}

/** How every message names a call: `C1`, its topic and its time in the chat's zone. */
export function callVariables(call: Obligation, regulation: Regulation): { number: string; topic: string; at: string } {
  return {
    number: `C${call.number}`,
    topic: call.description,
    at: formatLocalTime(call.dueAt, regulation.timezone, regulation.language),
  };
}
