import type { Repositories } from "../repositories.js";
import { PostgresNotReadyError } from "../store.js";
import { PostgresHandling } from "./handling.js";
import type { PostgresSession } from "./session.js";

/** Every member of `Repositories`, so what PostgreSQL still lacks can be named. */
const REPOSITORY_NAMES = [
  "handling",
  "correspondence",
  "outbox",
  "chats",
  "people",
  "runs",
  "jobs",
  "regulations",
  "conversationStates",
  "directReplies",
  "roles",
  "windows",
  "obligations",
  "voices",
  "status",
  "desk",
  "checkpoints",
  "pauses",
  "coolingPauses",
  "ratings",
  "exportRequests",
] as const satisfies ReadonlyArray<keyof Repositories>;

// Fails to compile when `Repositories` gains a member the list above lacks.
const everyName: Record<Exclude<keyof Repositories, (typeof REPOSITORY_NAMES)[number]>, never> = {};
void everyName;

/** What a repository's factory is handed: the session, and the other repositories it calls (built once). */
interface Wiring {
  session: PostgresSession;
  repository<Name extends keyof Repositories>(name: Name): Repositories[Name];
}

/** The repositories PostgreSQL has so far, each built over the session and wired to the others. */
const FACTORIES: { [Name in keyof Repositories]?: (wiring: Wiring) => Repositories[Name] } = {
  handling: () => new PostgresHandling(),
};

/** The repositories PostgreSQL lacks (by their names in `Repositories`); empty once the bot can run on it. */
export function missingPostgresRepositories(): string[] {
  return REPOSITORY_NAMES.filter((name) => FACTORIES[name] === undefined);
}

/** Every repository over one PostgreSQL session; throws `PostgresNotReadyError` while some are missing. */
export function createPostgresRepositories(session: PostgresSession): Repositories {
  const missing = missingPostgresRepositories();
  if (missing.length > 0) throw new PostgresNotReadyError(missing);
  const built: Partial<Repositories> = {};
  const wiring: Wiring = {
    session,
    repository(name) {
      built[name] ??= FACTORIES[name]!(wiring);
      return built[name]!;
    },
  };
  return Object.fromEntries(REPOSITORY_NAMES.map((name) => [name, wiring.repository(name)])) as unknown as Repositories;
}
