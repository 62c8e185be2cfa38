import { Hono } from "hono";
import { appliedMigration, REQUIRED_MIGRATION } from "../db/migrations";
import type { AppEnv } from "../env";
import { KV_KEYS } from "../snapshot/keys";

type Check<T> = { ok: true; value: T } | { ok: false };

async function check<T>(run: () => Promise<T>): Promise<Check<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (err) {
    console.error("health check failed", err instanceof Error ? err.message : err);
    return { ok: false };
  }
}

/**
 * GET /healthz: whether D1 and KV answer, and which migration D1 is at. It is
 * a readiness probe: 503 until the schema this code needs is in place.
 */
export const health = new Hono<AppEnv>().get("/", async (c) => {
  const [d1, kv] = await Promise.all([
    // Before the first migration there is no d1_migrations table: D1 answers, the schema is missing.
    check(() =>
      appliedMigration(c.env.DB).catch((err) =>
        /no such table/i.test(String(err)) ? null : Promise.reject(err),
      ),
    ),
    check(() => c.env.SNAPSHOTS.get(KV_KEYS.healthProbe)),
  ]);
  const migrated = d1.ok && d1.value !== null && d1.value >= REQUIRED_MIGRATION;
  const ok = d1.ok && kv.ok && migrated;
  c.header("Cache-Control", "no-store");
  return c.json(
    {
      status: ok ? "ok" : d1.ok && !migrated ? "migrating" : "degraded",
      migration: d1.ok ? d1.value : null,
      d1: d1.ok,
      kv: kv.ok,
      ...(d1.ok && !migrated ? { required: REQUIRED_MIGRATION } : {}),
    },
    ok ? 200 : 503,
  );
});
