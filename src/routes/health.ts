import { Hono } from "hono";
import { appliedMigration } from "../db/migrations";
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

/** GET /healthz: whether D1 and KV answer, and which migration D1 is at. */
export const health = new Hono<AppEnv>().get("/", async (c) => {
  const [d1, kv] = await Promise.all([
    check(() => appliedMigration(c.env.DB)),
    check(() => c.env.SNAPSHOTS.get(KV_KEYS.healthProbe)),
  ]);
  const ok = d1.ok && kv.ok;
  c.header("Cache-Control", "no-store");
  return c.json(
    {
      status: ok ? "ok" : "degraded",
      migration: d1.ok ? d1.value : null,
      d1: d1.ok,
      kv: kv.ok,
    },
    ok ? 200 : 503,
  );
});
