import { execFileSync } from "node:child_process";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inExportSnapshot } from "../../src/db/export-snapshot.js";
import { chatHistory } from "../export/bundle-fixture.js";
import { freshPostgresDatabase, type ScratchPostgres } from "../support/postgres.js";

let postgres: ScratchPostgres;
let chatId: number;

beforeAll(async () => {
  postgres = await freshPostgresDatabase();
  const history = await chatHistory();
  chatId = history.chatId;
  execFileSync(process.execPath, ["dist/src/cli/migrate-to-postgres.js", "--from", history.path, "--to", postgres.url]);
}, 60_000);

afterAll(async () => postgres?.drop());

/** Another session appends an event to the chat's log, as the bot would while an export runs. */
async function appendedMeanwhile(): Promise<void> {
  const session = new pg.Client({ connectionString: postgres.url });
  await session.connect();
  try {
    await session.query(
      `CREATE TEMP TABLE later AS SELECT * FROM events WHERE chat_id = $1 ORDER BY seq DESC LIMIT 1;
       UPDATE later SET seq = seq + 1, source = source || ':later';
       INSERT INTO events SELECT * FROM later;`.replaceAll("$1", String(chatId)),
    );
  } finally {
    await session.end();
  }
}

describe("an export's snapshot on PostgreSQL", () => {
  it("reads one moment, which a second connection joins, while the log grows", async () => {
    const database = { postgresUrl: postgres.url };
    await inExportSnapshot(database, async (reader, joining) => {
      expect(joining).toMatchObject({ postgresUrl: postgres.url, snapshot: expect.stringMatching(/^[0-9A-F-]+$/) });
      const seen = await reader.lastSeq(chatId);
      expect(seen).toBe(7);
      await appendedMeanwhile();
      expect(await reader.lastSeq(chatId)).toBe(seen);
      expect(await inExportSnapshot(joining, (joined) => joined.lastSeq(chatId))).toBe(seen);
      expect(await inExportSnapshot(database, (later) => later.lastSeq(chatId))).toBe(seen + 1);
    });
  });
});
