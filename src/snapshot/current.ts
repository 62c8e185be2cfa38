import { readStoredSnapshot } from "../db/snapshot";
import { Problem } from "../http/problem";
import { KV_KEYS } from "./keys";
import { SNAPSHOT_SCHEMA, type Snapshot } from "./types";

/** The snapshot this isolate holds, and when D1 last confirmed it is current. */
let held: Snapshot | null = null;
let confirmedAt = 0;
/** The last finished cron run, as of the last confirmation (it moves without the snapshot). */
let lastTickAt: string | null = null;

/**
 * How long a confirmation lasts. Writes through this isolate replace the held
 * snapshot at once; a change written through another isolate shows within
 * this time. It spares D1 a query on nearly every view under load: locally a
 * D1 query costs about as much as serving a static file.
 */
export const RECHECK_MS = 100;

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
  lastTickAt: string | null;
};

/**
 * The snapshot for a page view: at most one KV read (when this isolate holds
 * none) and at most one D1 query (none when D1 confirmed it within
 * RECHECK_MS). When D1 fails, the last snapshot is served as stale; when
 * neither answers, a 503.
 */
export async function currentSnapshot(env: Env, rebuild: () => Promise<Snapshot>): Promise<CurrentSnapshot> {
  if (held && Date.now() - confirmedAt < RECHECK_MS) return { snapshot: held, fresh: true, lastTickAt };
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
    if (held) return { snapshot: held, fresh: false, lastTickAt: lastTickAt ?? held.lastTickAt };
    throw new Problem(503, "The status data is unavailable right now.");
  }
  if (!stored) {
    // A new installation: nothing has been built yet.
    const built = await rebuild();
    remember(built);
    return { snapshot: built, fresh: true, lastTickAt: built.lastTickAt };
  }
  const body = parse(stored.body);
  if (body) held = body;
  if (!held) throw new Problem(503, "The status data is unavailable right now.");
  confirmedAt = Date.now();
  lastTickAt = stored.lastTickAt;
  return { snapshot: held, fresh: true, lastTickAt };
}

/** For tests and benchmarks that need a cold isolate. */
export function forgetSnapshot(): void {
  held = null;
  confirmedAt = 0;
}
