import { defineConfig } from "vitest/config";

/** Browser tests: Debian's Chromium, driven by playwright-core, against `npm start`. */
export default defineConfig({
  test: {
    name: "e2e",
    environment: "node",
    include: ["test/e2e/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
