import { describe, expect, it } from "vitest";
import { missingPostgresRepositories } from "../../src/db/postgres/repositories.js";
import { openStore, PostgresNotReadyError } from "../../src/db/store.js";

describe("the store regbot runs on", () => {
  it("refuses PostgreSQL, before connecting, while some of its repositories are missing, and names them", async () => {
    const missing = missingPostgresRepositories();
    expect(missing).not.toEqual([]);
    const refused = openStore(
      { postgresUrl: "postgres://regbot@nowhere.invalid:5432/regbot" },
      { jobs: Date.now, outbox: Date.now },
    );
    await expect(refused).rejects.toBeInstanceOf(PostgresNotReadyError);
    await expect(refused).rejects.toThrow(
      `DATABASE_URL is set, but regbot cannot run on PostgreSQL yet: it lacks PostgreSQL's ${missing.join(", ")} repositories.`,
    );
  });
});
