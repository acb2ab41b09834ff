import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";

export interface ScratchPostgres {
  url: string;
  drop(): Promise<void>;
}

/** A new, empty database on the test server, for one test; `drop` removes it with any session still on it. */
export async function freshPostgresDatabase(): Promise<ScratchPostgres> {
  const adminUrl = inject("postgresAdminUrl");
  const name = `regbot_test_${randomBytes(6).toString("hex")}`;
  await asAdmin(adminUrl, `CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => asAdmin(adminUrl, `DROP DATABASE ${name} WITH (FORCE)`) };
}

async function asAdmin(adminUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
