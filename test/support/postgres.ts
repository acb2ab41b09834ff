import { inject } from "vitest";
import { type ScratchPostgres, scratchPostgresDatabase } from "./scratch-postgres.js";

export type { ScratchPostgres };

/** A new, empty database on the test server, for one test; `drop` removes it with any session still on it. */
export function freshPostgresDatabase(): Promise<ScratchPostgres> {
  return scratchPostgresDatabase(inject("postgresAdminUrl"), "regbot_test");
}
