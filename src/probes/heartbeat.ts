import type { ProbeResult } from "../domain/monitor-state";

/** A heartbeat monitor fails when no ping arrived within interval + grace. */
export function checkHeartbeat(
  lastPingAt: string | null,
  createdAt: string,
  intervalSeconds: number,
  graceSeconds: number,
  now: number,
): ProbeResult {
  const since = Date.parse(lastPingAt ?? createdAt);
  const allowed = (intervalSeconds + graceSeconds) * 1000;
  if (now - since <= allowed) {
    return { at: now, health: "up", latencyMs: null, statusCode: null, reason: null, detail: null };
  }
  return {
    at: now,
    health: "down",
    latencyMs: null,
    statusCode: null,
    reason: "timeout",
    detail: lastPingAt ? `no heartbeat since ${lastPingAt}` : "no heartbeat received yet",
  };
}
