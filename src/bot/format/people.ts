import type { User } from "grammy/types";
import type { Person } from "../../db/people-repository.js";

/** Telegram's stand-in sender for anonymous group administrators. */
const ANONYMOUS_ADMIN_ID = 1087968824;

/** A real, non-anonymous person (not a bot, not an anonymous admin). */
export function isIdentifiablePerson(user: User | undefined): user is User {
  return user !== undefined && !user.is_bot && user.id !== ANONYMOUS_ADMIN_ID;
}

/** "Sofía Marketing (@sofia_smm)": how regbot names people everywhere. */
export function displayName(user: User): string {
  return fullName(user.first_name, user.last_name, user.username);
}

/** A stored person's name as `displayName` writes it; their id when regbot never saw them. */
export function personName(person: Person | undefined, userId: number): string {
  return person === undefined
    ? `id ${userId}`
    : fullName(person.firstName, person.lastName ?? undefined, person.username ?? undefined);
}

function fullName(first: string, last: string | undefined, username: string | undefined): string {
  const name = [first, last].filter(Boolean).join(" ");
  return username ? `${name} (@${username})` : name;
}
