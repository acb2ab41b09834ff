import { ChatRepository } from "./chat-repository.js";
import { CheckpointRepository } from "./checkpoint-repository.js";
import { ConversationStateRepository } from "./conversation-state-repository.js";
import { CoolingPauseRepository } from "./cooling-pause-repository.js";
import { CorrespondenceRepository } from "./correspondence-repository.js";
import { DeskRepository } from "./desk-repository.js";
import type { Orm } from "./database.js";
import type { Handling } from "./handling.js";
import { handlingTransactionOf } from "./handling-transaction.js";
import { DirectReplyRepository } from "./direct-reply-repository.js";
import { ExportRequestRepository } from "./export-request-repository.js";
import { JobRepository } from "./job-repository.js";
import { ObligationRepository } from "./obligation-repository.js";
import { OutboxRepository } from "./outbox-repository.js";
import { PeopleRepository } from "./people-repository.js";
import { RatingRepository } from "./rating-repository.js";
import { RegulationRepository } from "./regulation-repository.js";
import type { RepositoryPort } from "./repository-port.js";
import { RolesRepository } from "./roles-repository.js";
import { RunRepository } from "./run-repository.js";
import { StatusRepository } from "./status-repository.js";
import { WindowRepository } from "./window-repository.js";
import { VoiceRepository } from "./voice-repository.js";
import { WorkPauseRepository } from "./work-pause-repository.js";

/**
 * What code outside `src/db/` works with, whichever database is behind it: SQLite's repositories
 * (`createRepositories`) and PostgreSQL's (`createPostgresRepositories`) both satisfy it. A call
 * may answer at once or with a promise: callers await.
 */
export interface Repositories {
  handling: Handling;
  correspondence: RepositoryPort<CorrespondenceRepository, "appendWithin">;
  outbox: RepositoryPort<OutboxRepository, "enqueueWithin" | "enqueueEditsWithin">;
  chats: RepositoryPort<ChatRepository>;
  people: RepositoryPort<PeopleRepository>;
  runs: RepositoryPort<RunRepository>;
  jobs: RepositoryPort<JobRepository, "scheduleWithin">;
  regulations: RepositoryPort<RegulationRepository>;
  conversationStates: RepositoryPort<ConversationStateRepository>;
  directReplies: RepositoryPort<DirectReplyRepository>;
  roles: RepositoryPort<RolesRepository>;
  windows: RepositoryPort<WindowRepository>;
  obligations: RepositoryPort<ObligationRepository>;
  voices: RepositoryPort<VoiceRepository>;
  status: RepositoryPort<StatusRepository>;
  desk: RepositoryPort<DeskRepository>;
  checkpoints: RepositoryPort<CheckpointRepository>;
  pauses: RepositoryPort<WorkPauseRepository>;
  coolingPauses: RepositoryPort<CoolingPauseRepository>;
  ratings: RepositoryPort<RatingRepository>;
  exportRequests: RepositoryPort<ExportRequestRepository>;
}

/** SQLite's repositories as they are, internal `…Within` methods included (tests and benchmarks use them). */
export type SqliteRepositories = ReturnType<typeof createRepositories>;

/** Every repository over one database, wired to each other where they share a transaction. */
export function createRepositories(orm: Orm) {
  const correspondence = new CorrespondenceRepository(orm);
  const outbox = new OutboxRepository(orm, correspondence);
  const jobs = new JobRepository(orm, outbox);
  return {
    handling: handlingTransactionOf(orm),
    correspondence,
    outbox,
    chats: new ChatRepository(orm),
    people: new PeopleRepository(orm),
    runs: new RunRepository(orm),
    jobs,
    regulations: new RegulationRepository(orm, correspondence, outbox),
    conversationStates: new ConversationStateRepository(orm),
    directReplies: new DirectReplyRepository(orm),
    roles: new RolesRepository(orm, correspondence),
    windows: new WindowRepository(orm, correspondence),
    obligations: new ObligationRepository(orm, correspondence),
    voices: new VoiceRepository(orm, correspondence),
    status: new StatusRepository(orm),
    desk: new DeskRepository(orm),
    checkpoints: new CheckpointRepository(orm, correspondence, outbox),
    pauses: new WorkPauseRepository(orm, correspondence, outbox),
    coolingPauses: new CoolingPauseRepository(orm, correspondence, outbox, jobs),
    ratings: new RatingRepository(orm, correspondence, outbox),
    exportRequests: new ExportRequestRepository(orm, correspondence, jobs, outbox),
  } satisfies Repositories;
}
