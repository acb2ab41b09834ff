import { randomBytes } from "node:crypto";
import pg from "pg";

export interface ScratchPostgres {
  url: string;
  drop(): Promise<void>;
}

/** A new, empty database on the server at `adminUrl` (a user that may create databases); `drop` removes it with any session still on it. */
export async function scratchPostgresDatabase(adminUrl: string, prefix: string): Promise<ScratchPostgres> {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
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
