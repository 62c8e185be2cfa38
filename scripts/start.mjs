#!/usr/bin/env node
// `npm start`: the real Worker on workerd (through Miniflare), with D1 and KV
// persisted under DATA_DIR, migrations applied, demo data seeded into a new
// state and the cron firing every minute. It reaches nothing but loopback and
// the probes' own targets.
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { Log, LogLevel, Miniflare } from "miniflare";
import { unstable_getMiniflareWorkerOptions } from "wrangler";
import { resolveAdminToken } from "./lib/admin-token.mjs";
import { bundleWorker } from "./lib/build.mjs";
import { ROOT, runnerConfig } from "./lib/config.mjs";
import { startCron } from "./lib/cron.mjs";
import { startDemoUpstream } from "./lib/demo-upstream.mjs";
import { readHeadersFile } from "./lib/headers-file.mjs";
import { applyMigrations } from "./lib/migrate.mjs";
import { seedDemo } from "./lib/seed.mjs";
import { triggerWorkerOptions } from "./lib/trigger-worker.mjs";

const log = (/** @type {string} */ line) => console.log(line);

async function main() {
  const config = runnerConfig(process.env);
  await mkdir(config.dataDir, { recursive: true });
  const admin = await resolveAdminToken(config.dataDir, config.adminToken);

  const scriptPath = await bundleWorker(path.join(config.dataDir, "build"));
  const { workerOptions } = unstable_getMiniflareWorkerOptions(path.join(ROOT, "wrangler.toml"));

  // Any var from wrangler.toml can be overridden from the environment.
  /** @type {Record<string, import("miniflare").Json>} */
  const bindings = { ...workerOptions.bindings };
  for (const name of Object.keys(bindings)) {
    if (process.env[name] !== undefined) bindings[name] = process.env[name];
  }
  bindings.ADMIN_TOKEN = admin.token;
  // Secrets are not in wrangler.toml; the runner takes them from the environment.
  for (const secret of ["OIDC_CLIENT_SECRET", "SMTP_PASSWORD"]) {
    if (process.env[secret]) bindings[secret] = process.env[secret];
  }
  const demo = config.seedDemo
    ? await startDemoUpstream(config.host === "0.0.0.0" ? "127.0.0.1" : config.host, config.demoPort)
    : null;
  // The demo monitors probe the runner's own demo endpoints on loopback; nothing else private.
  if (process.env.ALLOW_PRIVATE_TARGETS === undefined && demo) {
    bindings.ALLOW_PRIVATE_TARGETS = `127.0.0.1:${demo.port}`;
  }

  const assets = workerOptions.assets && {
    ...workerOptions.assets,
    assetConfig: {
      ...workerOptions.assets.assetConfig,
      headers: await readHeadersFile(path.join(ROOT, "public", "_headers")),
    },
  };

  /** @param {{ host: string, port: number }} listen */
  const options = (listen) => ({
    workers: [
      {
        ...workerOptions,
        name: "beacon",
        modules: true,
        scriptPath,
        modulesRoot: path.dirname(scriptPath),
        bindings,
        assets,
      },
      triggerWorkerOptions("beacon", workerOptions.compatibilityDate ?? "2026-04-20", admin.token),
    ],
    // The same layout as `wrangler ... --local --persist-to DATA_DIR`.
    d1Persist: path.join(config.dataDir, "v3", "d1"),
    kvPersist: path.join(config.dataDir, "v3", "kv"),
    ...listen,
    ...(config.inspectorPort !== undefined ? { inspectorPort: config.inspectorPort } : {}),
    // Miniflare's own trigger is open to anyone; the trigger Worker above asks for the admin token.
    unsafeTriggerHandlers: false,
    // One log line per request costs a loopback round trip in Miniflare.
    logRequests: config.logRequests,
    log: new Log(LogLevel.INFO),
  });

  // Migrate and seed on a private loopback port first: the public port opens
  // only once the state is ready, so / never answers 503 for want of tables.
  const mf = new Miniflare(options({ host: "127.0.0.1", port: 0 }));
  const staging = await mf.ready;

  const db = await mf.getD1Database("DB");
  const applied = await applyMigrations(db, path.join(ROOT, "migrations"));
  log(applied.length ? `[migrate] applied ${applied.join(", ")}` : "[migrate] up to date");

  if (config.seedDemo) {
    const seeded = await seedDemo(staging, db, admin.token, demo ? `http://127.0.0.1:${demo.port}` : null);
    log(seeded ? "[seed] demo data added" : "[seed] existing data kept");
  }

  await mf.setOptions(options({ host: config.host, port: config.port }));
  const url = await mf.ready;
  if (!bindings.PAGE_URL && !isLoopback(config.host)) {
    log(
      `[warn] PAGE_URL is not set: links in feeds, calendars and /api/v2 take each request's Host header. Set PAGE_URL to the page's public address.`,
    );
  }

  const cron = config.cron ? startCron(() => mf.getWorker("beacon"), log) : null;

  if (config.inspectorPort !== undefined) {
    const inspector = await mf.getInspectorURL();
    log(`[inspector] DevTools for the Worker: ws://${inspector.host}/core:user:beacon`);
  }
  if (demo)
    log(`[demo] endpoints for the demo monitors: http://127.0.0.1:${demo.port}/healthy, /flapping, /slow`);
  log(`Beacon is listening on ${url.href.replace(/\/$/, "")}`);
  if (admin.generated) {
    log(`Admin token (shown once, kept in ${admin.file}): ${admin.token}`);
  } else if (admin.file) {
    log(`Admin token: in ${admin.file}`);
  }
  log(
    `Console: ${url.href.replace(/\/$/, "")}/admin — sign in with the admin token${admin.file ? ` (${admin.file})` : " (ADMIN_TOKEN)"}, or a token from npm run token`,
  );

  let stopping = false;
  const stop = async (/** @type {string} */ signal) => {
    if (stopping) return;
    stopping = true;
    log(`[stop] ${signal}: finishing the current run and closing storage`);
    await cron?.stop();
    await demo?.close();
    await mf.dispose();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

/** @param {string} host */
function isLoopback(host) {
  return host === "localhost" || host === "::1" || host.startsWith("127.");
}

main().catch((err) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
