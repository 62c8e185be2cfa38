import type { Context } from "hono";
import { auditStatement, REVOKED_DURING_WRITE } from "../db/audit";
import { bumpDataVersion } from "../db/meta";
import { iso } from "../domain/time";
import type { AppEnv } from "../env";
import { deliverNow } from "../notify/deliver-now";
import { type Derived, refreshDerived } from "../snapshot/refresh";
import { Problem } from "./problem";

export type WriteRecord = {
  action: string;
  resourceId: string | null;
  /** What the write granted or changed beyond the resource id (never a secret). */
  detail?: string;
};

/**
 * Runs one write as a single D1 batch (one transaction): the audit row first,
 * which doubles as the check that the caller's token is still valid, then the
 * change, then the data-version bump that tells readers to rebuild.
 * Nothing is written unless everything is. Rollups and the page snapshot are
 * refreshed after the commit.
 */
export async function commit(
  c: Context<AppEnv>,
  statements: D1PreparedStatement[],
  record: WriteRecord,
  derived: Derived = {},
): Promise<D1Result[]> {
  const db = c.env.DB;
  const guard = auditStatement(db, c.get("caller"), {
    at: iso(Date.now()),
    method: c.req.method,
    path: c.req.path,
    action: record.action,
    resourceId: record.resourceId,
    detail: record.detail ?? null,
  });
  let results: D1Result[];
  try {
    results = await db.batch([guard, ...statements, bumpDataVersion(db)]);
  } catch (err) {
    throw storageProblem(err);
  }
  // Before answering, so that the next page view anywhere shows the change.
  await refreshDerived(c.env, derived, Date.now());
  if (derived.notify) {
    const origin = new URL(c.req.url).origin;
    c.executionCtx.waitUntil(deliverNow(c.env, origin));
  }
  return results.slice(1, -1);
}

export function storageProblem(err: unknown): Problem {
  const message = err instanceof Error ? err.message : String(err);
  if (message.includes(REVOKED_DURING_WRITE)) {
    return new Problem(401, "The bearer token was revoked or expired; nothing was written", {
      headers: { "WWW-Authenticate": 'Bearer realm="beacon", error="invalid_token"' },
    });
  }
  if (message.includes("UNIQUE constraint failed")) {
    return new Problem(409, "The change conflicts with existing data; nothing was written");
  }
  console.error("write failed", message);
  return new Problem(503, "The database is unavailable; nothing was written. Try again shortly.");
}
