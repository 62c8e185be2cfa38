import { Hono } from "hono";
import { sha256Hex } from "../../auth/secrets";
import { findMonitorByHeartbeat, recordHeartbeat } from "../../db/monitors";
import { iso } from "../../domain/time";
import type { AppEnv } from "../../env";
import { documented, readParamOf } from "../../http/operation";
import { Problem } from "../../http/problem";
import { OPS } from "../../openapi/operations";

/**
 * Pings closer together than this are acknowledged without a write: a
 * script pinging in a loop costs one D1 read each, never a row written.
 */
export const HEARTBEAT_WRITE_GAP_MS = 10_000;

/**
 * POST /api/heartbeats/{secret}: a service says it is alive. The secret is
 * the credential; only its SHA-256 is stored. A ping writes at most one row
 * per HEARTBEAT_WRITE_GAP_MS.
 */
export const heartbeats = new Hono<AppEnv>().post("/:secret", documented(OPS.heartbeat), async (c) => {
  const value = readParamOf(c, OPS.heartbeat, "secret");
  const monitor = await findMonitorByHeartbeat(c.env.DB, await sha256Hex(value));
  if (monitor?.kind !== "heartbeat") throw new Problem(404, "No heartbeat monitor has this secret");
  c.header("Cache-Control", "no-store");
  const now = Date.now();
  const last = monitor.lastHeartbeatAt ? Date.parse(monitor.lastHeartbeatAt) : 0;
  if (now - last >= 0 && now - last < HEARTBEAT_WRITE_GAP_MS) return c.body(null, 204);
  try {
    await recordHeartbeat(c.env.DB, monitor.id, iso(now)).run();
  } catch (err) {
    console.error("heartbeat not recorded", err instanceof Error ? err.message : err);
    throw new Problem(503, "The database is unavailable; the heartbeat was not recorded. Try again shortly.");
  }
  return c.body(null, 204);
});
