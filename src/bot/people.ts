import type { User } from "grammy/types";
import type { Person } from "../db/people-repository.js";

/** Telegram's stand-in sender for anonymous group administrators. */
const ANONYMOUS_ADMIN_ID = 1087968824;

/** A real, non-anonymous person (not a bot, not an anonymous admin). */
export function isIdentifiablePerson(user: User | undefined): user is User {
  return user !== undefined && !user.is_bot && user.id !== ANONYMOUS_ADMIN_ID;
}

export function displayName(user: User): string {
  const fullName = [user.first_name, user.last_name].filter(Boolean).join(" ");
  return user.username ? `${fullName} (@${user.username})` : fullName;
}

/** A stored person's name as `displayName` writes it; their id when regbot never saw them. */
export function personName(person: Person | undefined, userId: number): string {
  if (person === undefined) return `id ${userId}`;
  const fullName = [person.firstName, person.lastName].filter(Boolean).join(" ");
  return person.username ? `${fullName} (@${person.username})` : fullName;
}
