/**
 * The monitor part of a cron run: choose the due monitors, lease them, probe
 * them (here, or through the PROBE_QUEUE consumer), and apply the results.
 */
import { auditCronStatement } from "../db/audit";
import { activeImpacts } from "../db/incidents";
import { bumpDataVersion } from "../db/meta";
import { getMonitors, type Monitor, saveState } from "../db/monitors";
import { getPhaseList } from "../db/phases";
import { addSamplesStatement, sampledIds } from "../db/ticks";
import { type ProbeResult, sameState, step } from "../domain/monitor-state";
import { iso } from "../domain/time";
import { runPool } from "../probes/pool";
import { type ProbeDeps, runProbe } from "../probes/run";
import { refreshDerived } from "../snapshot/refresh";
import { effectOf, type OpenIncident } from "./auto-incidents";

export const PROBE_CONCURRENCY = 6;
export const QUEUE_BATCH = 10;

export type Planned = { monitors: Monitor[]; probed: Record<string, number> };

/** Due monitors, oldest first, not leased by another live run, at most `cap`. */
export function chooseDue(
  monitors: readonly Monitor[],
  schedule: Record<string, number>,
  leased: ReadonlySet<string>,
  minute: number,
  cap: number,
): Monitor[] {
  return monitors
    .filter((m) => !leased.has(m.id))
    .filter((m) => {
      const last = schedule[m.id];
      return last === undefined || (minute - last) * 60 >= m.intervalSeconds;
    })
    .sort((a, b) => (schedule[a.id] ?? -1) - (schedule[b.id] ?? -1) || a.id.localeCompare(b.id))
    .slice(0, cap);
}

/**
 * How long a run may hold its leases: every probe in waves of six, plus a
 * little slack. A run that is still probing when the next minute's run plans
 * keeps its monitors; one that died frees them by then (and releases them at
 * once when it can, see runTick).
 */
export function leaseMs(monitors: readonly Monitor[]): number {
  const longest = Math.max(1000, ...monitors.map((m) => Number(m.config.timeoutMs ?? 10_000)));
  return Math.ceil(monitors.length / PROBE_CONCURRENCY) * longest + 5_000;
}

export async function probeAll(monitors: readonly Monitor[], deps: ProbeDeps): Promise<ProbeResult[]> {
  return runPool(monitors, PROBE_CONCURRENCY, (m) => runProbe(m, deps));
}

/** Compact sample: [latency ms, 0 up | 1 degraded | 2 down, HTTP status, reason]. */
export function sampleOf(r: ProbeResult): [number | null, number, number | null, string | null] {
  return [r.latencyMs, r.health === "up" ? 0 : r.health === "degraded" ? 1 : 2, r.statusCode, r.reason];
}

async function openIncidents(db: D1Database, ids: readonly string[]): Promise<Map<string, OpenIncident>> {
  if (ids.length === 0) return new Map();
  const { results } = await db
    .prepare(
      `SELECT id, began_at, ended_at, phase_generation, phase_order FROM incidents
       WHERE deleted_at IS NULL AND id IN (SELECT value FROM json_each(?1))`,
    )
    .bind(JSON.stringify(ids))
    .all<{
      id: string;
      began_at: string;
      ended_at: string | null;
      phase_generation: number;
      phase_order: number;
    }>();
  return new Map(
    results.map((r) => [
      r.id,
      {
        id: r.id,
        beganAt: r.began_at,
        endedAt: r.ended_at,
        phase: { generation: r.phase_generation, order: r.phase_order },
      },
    ]),
  );
}

/**
 * Applies results: each monitor's transition lands in one batch of its own
 * (state, incident, update, audit, data version), so one failure never spoils
 * the others. Then rollups and the snapshot are refreshed once.
 */
export async function applyResults(
  env: Env,
  pairs: readonly { monitor: Monitor; result: ProbeResult }[],
  now: number,
): Promise<void> {
  if (pairs.length === 0) return;
  const db = env.DB;
  const maintenance = new Set(
    (await activeImpacts(db, iso(now))).filter((i) => i.severity === 0).map((i) => i.componentId),
  );
  const stepped = pairs.map(({ monitor, result }) => ({
    monitor,
    ...step(
      monitor.state,
      result,
      monitor,
      monitor.componentId !== null && maintenance.has(monitor.componentId),
    ),
  }));
  const changed = stepped.filter((s) => s.transition.kind !== "none" || !sameState(s.state, s.monitor.state));
  if (changed.length === 0) return;

  const incidents = await openIncidents(
    db,
    changed.map((s) => s.monitor.state.incidentId).filter((id): id is string => id !== null),
  );
  const latest = await getPhaseList(db);
  const firstPhase = { generation: latest?.generation ?? 1, order: 0 };
  const counts = await db
    .prepare("SELECT generation, COUNT(*) AS n FROM phases GROUP BY generation")
    .all<{ generation: number; n: number }>();
  const phaseCounts = new Map(counts.results.map((r) => [r.generation, r.n]));
  // Resolving moves the incident to the last phase of its list ("Done" by default).
  const lastPhaseOrder = (generation: number) => Math.max(0, (phaseCounts.get(generation) ?? 1) - 1);

  const touched: string[] = [];
  let from = Number.POSITIVE_INFINITY;
  for (const s of changed) {
    const open = s.monitor.state.incidentId ? (incidents.get(s.monitor.state.incidentId) ?? null) : null;
    const effect = effectOf(db, s.monitor, s.transition, open, firstPhase, lastPhaseOrder, now);
    const state = { ...s.state, incidentId: effect.incidentId };
    // The incident goes in before the state that points at it (foreign key).
    const statements = [...effect.statements, saveState(db, s.monitor.id, s.monitor.state, state)];
    if (effect.action) {
      statements.push(
        auditCronStatement(db, iso(now), effect.action, effect.incidentId ?? open?.id ?? null),
        bumpDataVersion(db),
      );
    }
    try {
      await db.batch(statements);
    } catch (err) {
      // Another run got there first (the one-open-incident index), or D1 failed: the next run retries.
      console.error(
        `monitor ${s.monitor.id}: transition not applied`,
        err instanceof Error ? err.message : err,
      );
      continue;
    }
    if (effect.span && s.monitor.componentId) {
      touched.push(s.monitor.componentId);
      from = Math.min(from, effect.span.from);
    }
  }
  if (touched.length > 0) {
    await refreshDerived(env, { rollups: { componentIds: [...new Set(touched)], from, to: now } }, now);
  }
}

/** The queue consumer's share: probe a batch leased by the run of `minute`, record and apply. */
export async function probeQueued(
  env: Env,
  minute: number,
  ids: readonly string[],
  deps: ProbeDeps,
): Promise<void> {
  const done = await sampledIds(env.DB, minute);
  const monitors = (await getMonitors(env.DB, ids)).filter((m) => !done.has(m.id) && m.enabled);
  if (monitors.length === 0) return;
  const results = await probeAll(monitors, deps);
  const samples = Object.fromEntries(monitors.map((m, i) => [m.id, sampleOf(results[i] as ProbeResult)]));
  await addSamplesStatement(env.DB, minute, samples).run();
  await applyResults(
    env,
    monitors.map((monitor, i) => ({ monitor, result: results[i] as ProbeResult })),
    deps.now(),
  );
}
