import type { Clock } from "../../clock.js";
import type { Repositories } from "../repositories.js";
import { PostgresChatRepository } from "./chat-repository.js";
import { PostgresCheckpointRepository } from "./checkpoint-repository.js";
import { PostgresConversationStateRepository } from "./conversation-state-repository.js";
import { PostgresCoolingPauseRepository } from "./cooling-pause-repository.js";
import { PostgresCorrespondenceRepository } from "./correspondence-repository.js";
import { PostgresDeskRepository } from "./desk-repository.js";
import { PostgresDirectReplyRepository } from "./direct-reply-repository.js";
import { PostgresExportRequestRepository } from "./export-request-repository.js";
import { PostgresHandling } from "./handling.js";
import { PostgresJobRepository } from "./job-repository.js";
import { PostgresObligationRepository } from "./obligation-repository.js";
import { PostgresOutboxRepository } from "./outbox-repository.js";
import { PostgresPeopleRepository } from "./people-repository.js";
import { PostgresRatingRepository } from "./rating-repository.js";
import { PostgresRegulationRepository } from "./regulation-repository.js";
import { PostgresRolesRepository } from "./roles-repository.js";
import { PostgresRunRepository } from "./run-repository.js";
import type { PostgresSession } from "./session.js";
import { PostgresStatusRepository } from "./status-repository.js";
import { PostgresVoiceRepository } from "./voice-repository.js";
import { PostgresWindowRepository } from "./window-repository.js";
import { PostgresWorkPauseRepository } from "./work-pause-repository.js";

/** The clocks leases are reckoned by: the scheduler's for jobs, the sender's wall clock for messages. */
export interface LeaseClocks {
  jobs: Clock;
  outbox: Clock;
}

/**
 * Every repository over one PostgreSQL session, wired to each other as SQLite's are: the chain,
 * the outbox and the jobs are the writers the others call inside their own transactions.
 */
export function createPostgresRepositories(session: PostgresSession, clocks: LeaseClocks): Repositories {
  const chain = new PostgresCorrespondenceRepository(session);
  const outbox = new PostgresOutboxRepository(session, chain, { clock: clocks.outbox });
  const jobs = new PostgresJobRepository(session, outbox, { clock: clocks.jobs });
  return {
    handling: new PostgresHandling(),
    correspondence: chain,
    outbox,
    chats: new PostgresChatRepository(session),
    people: new PostgresPeopleRepository(session),
    runs: new PostgresRunRepository(session),
    jobs,
    regulations: new PostgresRegulationRepository(session, chain, outbox),
    conversationStates: new PostgresConversationStateRepository(session),
    directReplies: new PostgresDirectReplyRepository(session),
    roles: new PostgresRolesRepository(session, chain),
    windows: new PostgresWindowRepository(session, chain),
    obligations: new PostgresObligationRepository(session, chain),
    voices: new PostgresVoiceRepository(session, chain),
    status: new PostgresStatusRepository(session),
    desk: new PostgresDeskRepository(session),
    checkpoints: new PostgresCheckpointRepository(session, chain, outbox),
    pauses: new PostgresWorkPauseRepository(session, chain, outbox),
    coolingPauses: new PostgresCoolingPauseRepository(session, chain, outbox, jobs),
    ratings: new PostgresRatingRepository(session, chain, outbox),
    exportRequests: new PostgresExportRequestRepository(session, chain, jobs, outbox),
  };
}
