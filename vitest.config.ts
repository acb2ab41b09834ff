import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    // The JSON report lets CI print one plain "N passed, N failed" closing line.
    reporters: ["default", "json"],
    outputFile: { json: "test-results.json" },
    // Every core: test files mostly wait on sockets, child processes and SQLite (vitest leaves one core idle by default).
    maxWorkers: availableParallelism(),
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
