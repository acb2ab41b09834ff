import type { Clock } from "../../clock.js";
import type { Repositories } from "../repositories.js";
import { PostgresChatRepository } from "./chat-repository.js";
import { PostgresCheckpointRepository } from "./checkpoint-repository.js";
import { PostgresConversationStateRepository } from "./conversation-state-repository.js";
import { PostgresCoolingPauseRepository } from "./cooling-pause-repository.js";
import { PostgresCorrespondenceRepository } from "./correspondence-repository.js";
import { PostgresDirectReplyRepository } from "./direct-reply-repository.js";
import { PostgresExportRequestRepository } from "./export-request-repository.js";
import { PostgresDeskRepository } from "./desk-repository.js";
import { PostgresJobRepository } from "./job-repository.js";
import { PostgresObligationRepository } from "./obligation-repository.js";
import { PostgresOutboxRepository } from "./outbox-repository.js";
import { PostgresPeopleRepository } from "./people-repository.js";
import { PostgresRatingRepository } from "./rating-repository.js";
import { PostgresRunRepository } from "./run-repository.js";
import { PostgresStatusRepository } from "./status-repository.js";
import { PostgresWindowRepository } from "./window-repository.js";
import { PostgresWorkPauseRepository } from "./work-pause-repository.js";
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

/** The clocks leases are reckoned by: the scheduler's for jobs, the sender's wall clock for messages. */
export interface LeaseClocks {
  jobs: Clock;
  outbox: Clock;
}

/** What a repository is built from: the session, and the writers the others call. */
interface Wiring {
  session: PostgresSession;
  chain: PostgresCorrespondenceRepository;
  outbox: PostgresOutboxRepository;
  jobs: PostgresJobRepository;
}

/** The repositories PostgreSQL has so far. */
const FACTORIES: { [Name in keyof Repositories]?: (wiring: Wiring) => Repositories[Name] } = {
  handling: () => new PostgresHandling(),
  correspondence: ({ chain }) => chain,
  outbox: ({ outbox }) => outbox,
  jobs: ({ jobs }) => jobs,
  chats: ({ session }) => new PostgresChatRepository(session),
  people: ({ session }) => new PostgresPeopleRepository(session),
  runs: ({ session }) => new PostgresRunRepository(session),
  windows: ({ session, chain }) => new PostgresWindowRepository(session, chain),
  obligations: ({ session, chain }) => new PostgresObligationRepository(session, chain),
  status: ({ session }) => new PostgresStatusRepository(session),
  desk: ({ session }) => new PostgresDeskRepository(session),
  checkpoints: ({ session, chain, outbox }) => new PostgresCheckpointRepository(session, chain, outbox),
  ratings: ({ session, chain, outbox }) => new PostgresRatingRepository(session, chain, outbox),
  conversationStates: ({ session }) => new PostgresConversationStateRepository(session),
  directReplies: ({ session }) => new PostgresDirectReplyRepository(session),
  pauses: ({ session, chain, outbox }) => new PostgresWorkPauseRepository(session, chain, outbox),
  coolingPauses: ({ session, chain, outbox, jobs }) => new PostgresCoolingPauseRepository(session, chain, outbox, jobs),
  exportRequests: ({ session, chain, outbox, jobs }) =>
    new PostgresExportRequestRepository(session, chain, jobs, outbox),
};

/** The repositories PostgreSQL lacks (by their names in `Repositories`); empty once the bot can run on it. */
export function missingPostgresRepositories(): string[] {
  return REPOSITORY_NAMES.filter((name) => FACTORIES[name] === undefined);
}

/** Every repository over one PostgreSQL session; throws `PostgresNotReadyError` while some are missing. */
export function createPostgresRepositories(session: PostgresSession, clocks: LeaseClocks): Repositories {
  const missing = missingPostgresRepositories();
  if (missing.length > 0) throw new PostgresNotReadyError(missing);
  const chain = new PostgresCorrespondenceRepository(session);
  const outbox = new PostgresOutboxRepository(session, chain, { clock: clocks.outbox });
  const jobs = new PostgresJobRepository(session, outbox, { clock: clocks.jobs });
  const wiring: Wiring = { session, chain, outbox, jobs };
  return Object.fromEntries(
    REPOSITORY_NAMES.map((name) => [name, FACTORIES[name]!(wiring)]),
  ) as unknown as Repositories;
}
