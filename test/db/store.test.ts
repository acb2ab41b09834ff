import { describe, expect, it } from "vitest";
import { openStore, PostgresNotReadyError } from "../../src/db/store.js";

describe("the store regbot runs on", () => {
  it("refuses PostgreSQL, before connecting, while some of its repositories are missing, and names them", async () => {
    const refused = openStore({ postgresUrl: "postgres://regbot@nowhere.invalid:5432/regbot" });
    await expect(refused).rejects.toBeInstanceOf(PostgresNotReadyError);
    await expect(refused).rejects.toThrow(
      /^DATABASE_URL is set, but regbot cannot run on PostgreSQL yet: it lacks .*outbox/,
    );
  });
});
