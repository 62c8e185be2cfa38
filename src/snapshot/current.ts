import { readStoredSnapshot } from "../db/snapshot";
import { Problem } from "../http/problem";
import { KV_KEYS } from "./keys";
import { SNAPSHOT_SCHEMA, type Snapshot } from "./types";

/** The snapshot this isolate holds. Validated against D1 on every view. */
let held: Snapshot | null = null;

export function remember(snapshot: Snapshot): void {
  if (!held || snapshot.version >= held.version) held = snapshot;
}

function parse(body: string | null): Snapshot | null {
  if (!body) return null;
  const s = JSON.parse(body) as Snapshot;
  return s.schema === SNAPSHOT_SCHEMA ? s : null;
}

export type CurrentSnapshot = {
  snapshot: Snapshot;
  /** False when D1 did not answer and the page shows the last snapshot it could find. */
  fresh: boolean;
};

/**
 * The snapshot for a page view: at most one KV read (when this isolate holds
 * none) and exactly one D1 query. When D1 fails, the last snapshot is served
 * as stale; when neither answers, a 503.
 */
export async function currentSnapshot(env: Env, rebuild: () => Promise<Snapshot>): Promise<CurrentSnapshot> {
  if (!held) {
    try {
      held = parse(await env.SNAPSHOTS.get(KV_KEYS.snapshot));
    } catch (err) {
      console.error("snapshot: KV read failed", err instanceof Error ? err.message : err);
    }
  }
  let stored: Awaited<ReturnType<typeof readStoredSnapshot>>;
  try {
    stored = await readStoredSnapshot(env.DB, held?.version ?? -1);
  } catch (err) {
    console.error("snapshot: D1 read failed", err instanceof Error ? err.message : err);
    if (held) return { snapshot: held, fresh: false };
    throw new Problem(503, "The status data is unavailable right now.");
  }
  if (!stored) {
    // A new installation: nothing has been built yet.
    const built = await rebuild();
    remember(built);
    return { snapshot: built, fresh: true };
  }
  const body = parse(stored.body);
  if (body) held = body;
  if (!held) throw new Problem(503, "The status data is unavailable right now.");
  return { snapshot: held, fresh: true };
}

/** For tests and benchmarks that need a cold isolate. */
export function forgetSnapshot(): void {
  held = null;
}
