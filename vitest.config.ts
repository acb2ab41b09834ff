import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

const timeouts = { testTimeout: 20_000, hookTimeout: 20_000 };

export default defineConfig({
  test: {
    globalSetup: ["test/support/global-setup.ts"],
    // The JSON report lets CI print one plain "N passed, N failed" closing line.
    reporters: ["default", "json"],
    outputFile: { json: "test-results.json" },
    // Every core: test files mostly wait on sockets, child processes and SQLite (vitest leaves one core idle by default).
    maxWorkers: availableParallelism(),
    projects: [
      {
        test: {
          name: "regbot",
          include: ["src/**/*.test.ts", "test/**/*.test.ts"],
          exclude: ["test/**/*postgres*.test.ts"],
          // Each worker imports regbot once for all its files: per-file imports were a third of the run's CPU.
          // Test files share no state but what they set up and stop themselves (mocks and fake timers restored).
          isolate: false,
          ...timeouts,
        },
      },
      // Its own project, so a run without a PostgreSQL test starts no PostgreSQL server.
      {
        test: {
          name: "postgres",
          include: ["test/**/*postgres*.test.ts"],
          globalSetup: ["test/support/postgres-server.ts"],
          ...timeouts,
        },
      },
    ],
  },
});
