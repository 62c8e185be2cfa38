import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

import { TEST_ADMIN_TOKEN } from "./test/helpers/constants.ts";

export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(import.meta.dirname, "migrations"));
  // Worker code runs inside workerd with the real D1, KV and Queues.
  const workerd = () =>
    cloudflareTest({
      main: "./src/index.ts",
      wrangler: { configPath: "./wrangler.toml" },
      miniflare: {
        bindings: {
          TEST_MIGRATIONS: migrations,
          ADMIN_TOKEN: TEST_ADMIN_TOKEN,
          ALLOW_HTTP_WEBHOOKS: "true",
          // Test upstreams listen on 127.0.0.1; the guard itself is tested with it off.
          ALLOW_PRIVATE_TARGETS: "true",
          // Test files hold many monitors; the Free plan's default per run is tested on its own.
          MAX_PROBES_PER_RUN: "40",
        },
        // The optional probe queue, so the queue path runs for real; tests
        // of the inline path pass an env without it.
        queueProducers: { PROBE_QUEUE: { queueName: "beacon-probes" } },
        queueConsumers: { "beacon-probes": { maxBatchTimeout: 0.05, maxRetries: 2 } },
      },
    });
  return {
    test: {
      // A green run is quiet: what a test logs is shown only when it fails.
      silent: "passed-only" as const,
      projects: [
        {
          plugins: [workerd()],
          test: {
            name: "worker",
            include: [
              "test/{db,domain,net,routes,views,scheduled,snapshot,probes,notify,write,console,usage,i18n}/**/*.test.ts",
            ],
            setupFiles: ["./test/apply-migrations.ts"],
            globalSetup: ["./test/setup/upstream.ts", "./test/setup/oidc.ts", "./test/setup/smtp.ts"],
          },
        },
        {
          // Node-side tools: the local runner, the token CLI, feeds parsed by a feed reader.
          test: {
            name: "node",
            environment: "node",
            include: ["test/scripts/**/*.test.ts"],
            testTimeout: 120_000,
            hookTimeout: 120_000,
          },
        },
        {
          // Fuzzing, faults, concurrency and a simulated week: `npm run test:reliability`.
          plugins: [workerd()],
          test: {
            name: "reliability",
            include: ["test/reliability/**/*.test.ts"],
            setupFiles: ["./test/apply-migrations.ts"],
            globalSetup: ["./test/setup/upstream.ts"],
            testTimeout: 900_000,
            hookTimeout: 900_000,
          },
        },
      ],
    },
  };
});
