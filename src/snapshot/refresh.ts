import { bumpDataVersion } from "../db/meta";
import { HISTORY_DAYS, rollupStatements } from "../db/rollups";
import { listSeverities } from "../db/severities";
import { bandBounds } from "../domain/severity";
import { DAY_MS, startOfDay } from "../domain/time";
import { rebuildSnapshot } from "./publish";

/** What a write changed beyond its own rows. */
export type Derived = {
  /** Components (null: all) whose daily rollups cover [from, to] and must be recomputed. */
  rollups?: { componentIds: string[] | null; from: number; to: number };
  /** The write may have added events to the outbox: start delivering now. */
  notify?: boolean;
};

/** One refresh for several writes: every component they touched, over the union of their spans. */
export function mergeDerived(list: readonly Derived[], now: number): Derived {
  const spans = list.flatMap((d) => (d.rollups ? [d.rollups] : []));
  const notify = list.some((d) => d.notify);
  if (spans.length === 0) return { notify };
  const ids = spans.some((s) => s.componentIds === null)
    ? null
    : [...new Set(spans.flatMap((s) => s.componentIds ?? []))];
  return {
    rollups: {
      componentIds: ids,
      from: Math.min(...spans.map((s) => s.from)),
      to: Math.max(now, ...spans.map((s) => s.to)),
    },
    notify,
  };
}

/**
 * Brings rollups and the snapshot up to date after a committed write. A
 * failure here loses nothing: the data version has moved, and the next cron
 * run sees the snapshot behind it and repairs both.
 */
export async function refreshDerived(env: Env, derived: Derived, now: number): Promise<void> {
  try {
    if (derived.rollups) {
      const bounds = bandBounds(await listSeverities(env.DB));
      const { componentIds, from, to } = derived.rollups;
      const statements = await rollupStatements(env.DB, componentIds, from, to, now, bounds);
      if (statements.length > 0) await env.DB.batch(statements);
    }
    await rebuildSnapshot(env, now);
  } catch (err) {
    console.error(
      "refresh after write failed; the next cron run repairs it",
      err instanceof Error ? err.message : err,
    );
  }
}

/**
 * The cron's part: finalise yesterday's rollups once the day has rolled over,
 * and repair anything a failed refresh left behind. Returns true when it rebuilt.
 */
export async function keepSnapshotCurrent(
  env: Env,
  now: number,
  state: { behind: boolean; rolledOver: boolean; missing: boolean },
): Promise<boolean> {
  const today = startOfDay(now);
  if (!state.behind && !state.rolledOver && !state.missing) return false;
  const bounds = bandBounds(await listSeverities(env.DB));
  // A repair recomputes the whole window; a rollover only the day that just ended.
  const from = state.behind || state.missing ? today - (HISTORY_DAYS - 1) * DAY_MS : today - DAY_MS;
  const statements = await rollupStatements(env.DB, null, from, now, now, bounds);
  await env.DB.batch([...statements, bumpDataVersion(env.DB)]);
  await rebuildSnapshot(env, now);
  return true;
}
