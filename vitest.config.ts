import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    // The JSON report lets CI print one plain "N passed, N failed" closing line.
    reporters: ["default", "json"],
    outputFile: { json: "test-results.json" },
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
