import type { ChatRepository } from "./chat-repository.js";
import type { ObligationRepository } from "./obligation-repository.js";
import type { PeopleRepository } from "./people-repository.js";
import type { RatingRepository } from "./rating-repository.js";
import type { RegulationRepository } from "./regulation-repository.js";
import type { WindowRepository } from "./window-repository.js";

/**
 * What `npm run report` reads, with the signatures of SQLite's repositories: SQLite's
 * `Repositories` are one, PostgreSQL's readers (`postgres/report-source.ts`) another.
 */
export interface ReportSource {
  chats: Pick<ChatRepository, "allChats" | "findById" | "findByTelegramId">;
  regulations: Pick<RegulationRepository, "current" | "inForceAt">;
  windows: Pick<WindowRepository, "openedBetween" | "escalatedCount">;
  obligations: Pick<ObligationRepository, "ofKind" | "open" | "missedCallCounts">;
  ratings: Pick<RatingRepository, "ratedBetween">;
  people: Pick<PeopleRepository, "find">;
}
