import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";
import { TEST_ADMIN_TOKEN } from "./test/helpers/constants.ts";

/** Benchmarks that must run inside workerd: page rendering and D1 queries per view. */
export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(import.meta.dirname, "migrations"));
  return {
    plugins: [
      cloudflareTest({
        main: "./src/index.ts",
        wrangler: { configPath: "./wrangler.toml" },
        miniflare: {
          bindings: {
            TEST_MIGRATIONS: migrations,
            ADMIN_TOKEN: TEST_ADMIN_TOKEN,
            ALLOW_PRIVATE_TARGETS: "true",
            ALLOW_HTTP_WEBHOOKS: "true",
          },
        },
      }),
    ],
    test: {
      name: "bench",
      include: ["bench/**/*.bench-test.ts"],
      setupFiles: ["./test/apply-migrations.ts"],
      globalSetup: ["./test/setup/upstream.ts"],
      testTimeout: 300_000,
      hookTimeout: 300_000,
    },
  };
});
