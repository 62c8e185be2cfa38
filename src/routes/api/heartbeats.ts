import { Hono } from "hono";
import * as v from "valibot";
import { sha256Hex } from "../../auth/secrets";
import { findMonitorByHeartbeat, recordHeartbeat } from "../../db/monitors";
import { iso } from "../../domain/time";
import type { AppEnv } from "../../env";
import { readParam } from "../../http/input";
import { Problem } from "../../http/problem";

const secret = v.pipe(v.string(), v.regex(/^hb_[A-Za-z0-9_-]{43}$/, "must be a heartbeat secret"));

/**
 * POST /api/heartbeats/{secret}: a service says it is alive. The secret is
 * the credential; only its SHA-256 is stored. Each ping writes one row.
 */
export const heartbeats = new Hono<AppEnv>().post("/:secret", async (c) => {
  const value = readParam(c, "secret", secret);
  const monitor = await findMonitorByHeartbeat(c.env.DB, await sha256Hex(value));
  if (monitor?.kind !== "heartbeat") throw new Problem(404, "No heartbeat monitor has this secret");
  try {
    await recordHeartbeat(c.env.DB, monitor.id, iso(Date.now())).run();
  } catch (err) {
    console.error("heartbeat not recorded", err instanceof Error ? err.message : err);
    throw new Problem(503, "The database is unavailable; the heartbeat was not recorded. Try again shortly.");
  }
  c.header("Cache-Control", "no-store");
  return c.body(null, 204);
});
