/**
 * The monitor part of a cron run: choose the due monitors, lease them, probe
 * them (here, or through the PROBE_QUEUE consumer), and apply the results.
 */

import { auditCronStatement } from "../db/audit";
import { getComponents } from "../db/components";
import { activeImpacts, getIncidents } from "../db/incidents";
import { bumpDataVersion } from "../db/meta";
import { getMonitors, saveState } from "../db/monitors";
import { allPhases } from "../db/phases";
import { addSamplesStatement, sampledIds } from "../db/ticks";
import { type AutoChange, type AutoContext, autoIncidentChange } from "../domain/auto-incident";
import { isMaintenanceImpact } from "../domain/incident";
import type { Monitor } from "../domain/monitor";
import {
  type MonitorState,
  type ProbeResult,
  sameState,
  step,
  type Transition,
} from "../domain/monitor-state";
import { openingOrder } from "../domain/phase-status";
import { iso } from "../domain/time";
import { autoWords } from "../i18n/auto-words";
import { localeOf } from "../i18n/locale";
import { runPool } from "../net/pool";
import { targetRefusal } from "../net/targets";
import { type ProbeDeps, runProbe } from "../probes/run";
import { readSettings } from "../settings";
import { type Derived, mergeDerived, refreshDerived } from "../snapshot/refresh";
import { incidentWrite } from "../write/incident";

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

/** Probes every monitor, six at a time, each target checked by the private-target guard. */
export async function probeAll(
  env: Env,
  monitors: readonly Monitor[],
  deps: ProbeDeps,
): Promise<ProbeResult[]> {
  const allowed = readSettings(env).privateTargets;
  const guarded: ProbeDeps = { ...deps, refuse: (url) => targetRefusal(url, allowed) };
  return runPool(monitors, PROBE_CONCURRENCY, (m) => runProbe(m, guarded));
}

/** Compact sample: [latency ms, 0 up | 1 degraded | 2 down, HTTP status, reason]. */
export function sampleOf(r: ProbeResult): [number | null, number, number | null, string | null] {
  return [r.latencyMs, r.health === "up" ? 0 : r.health === "degraded" ? 1 : 2, r.statusCode, r.reason];
}

/** What auto-incidents need to know beside each monitor: its incident, component names, phases. */
async function autoContexts(env: Env, monitors: readonly Monitor[], now: number) {
  const db = env.DB;
  const incidentIds = monitors.map((m) => m.state.incidentId).filter((id): id is string => id !== null);
  const componentIds = monitors.map((m) => m.componentId).filter((id): id is string => id !== null);
  const [incidents, components, phases] = await Promise.all([
    getIncidents(db, incidentIds),
    getComponents(db, componentIds),
    allPhases(db),
  ]);
  // The latest generation of the phase list: where new incidents open.
  const latest = Math.max(1, ...phases.lists.keys());
  const byId = new Map(incidents.map((i) => [i.id, i]));
  const names = new Map(components.map((c) => [c.id, c.displayName]));
  const { timeZone, language } = readSettings(env);
  const words = autoWords(localeOf(language));
  return (m: Monitor): AutoContext => ({
    open: m.state.incidentId ? (byId.get(m.state.incidentId) ?? null) : null,
    componentName: m.componentId ? (names.get(m.componentId) ?? null) : null,
    firstPhase: { generation: latest, order: openingOrder(phases.lists.get(latest) ?? [], false) },
    lastPhaseOrder: (generation) => Math.max(0, (phases.counts.get(generation) ?? 1) - 1),
    timeZone,
    now,
    words,
  });
}

type Stepped = { monitor: Monitor; state: MonitorState; transition: Transition };

/** One monitor's transition in one batch: its incident change with events, its state, the audit row. */
async function applyTransition(
  db: D1Database,
  s: Stepped,
  ctx: AutoContext,
  change: AutoChange | null,
): Promise<Derived | null> {
  const now = iso(ctx.now);
  const write = change
    ? await incidentWrite(db, {
        before: change.before,
        after: change.after,
        update: change.update,
        monitorId: change.before ? null : s.monitor.id,
        now,
      })
    : null;
  const live = ctx.open && ctx.open.endedAt === null ? ctx.open.id : null;
  const incidentId = change ? (change.after.endedAt === null ? change.after.id : null) : live;
  // The incident goes in before the state that points at it (foreign key).
  const statements = [
    ...(write?.statements ?? []),
    saveState(db, s.monitor.id, s.monitor.state, { ...s.state, incidentId }),
  ];
  if (change)
    statements.push(auditCronStatement(db, now, change.action, change.after.id), bumpDataVersion(db));
  try {
    await db.batch(statements);
  } catch (err) {
    // Another run got there first (the one-open-incident index), or D1 failed: the next run retries.
    console.error(
      `monitor ${s.monitor.id}: transition not applied`,
      err instanceof Error ? err.message : err,
    );
    return null;
  }
  return write?.derived ?? null;
}

/**
 * Applies results: each monitor's transition lands in one batch of its own
 * (state, incident, update, events, audit, data version), so one failure
 * never spoils the others. Then rollups and the snapshot are refreshed once.
 * Transitions that open or resolve an incident are the costly ones: a run
 * applies at most the plan's share of them, openings first; the others keep
 * their monitor's state unsaved, so the next run steps them again.
 * Returns how many transitions changed an incident.
 */
export async function applyResults(
  env: Env,
  pairs: readonly { monitor: Monitor; result: ProbeResult }[],
  now: number,
): Promise<number> {
  if (pairs.length === 0) return 0;
  const db = env.DB;
  const maintenance = new Set(
    (await activeImpacts(db, iso(now))).filter(isMaintenanceImpact).map((i) => i.componentId),
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
  if (changed.length === 0) return 0;
  const contextOf = await autoContexts(
    env,
    changed.map((s) => s.monitor),
    now,
  );
  const planned = changed.map((s) => {
    const ctx = contextOf(s.monitor);
    return { s, ctx, change: autoIncidentChange(s.monitor, s.transition, ctx) };
  });
  // Openings first, then resolutions, then state-only changes (counting towards a threshold).
  const rank = (p: (typeof planned)[number]) => (p.change ? (p.change.before ? 1 : 0) : 2);
  planned.sort((a, b) => rank(a) - rank(b));
  const cap = readSettings(env).maxIncidentChangesPerRun;
  const derived: Derived[] = [];
  let changes = 0;
  for (const { s, ctx, change } of planned) {
    if (change && changes >= cap) continue;
    if (change) changes += 1;
    const result = await applyTransition(db, s, ctx, change);
    if (result?.rollups) derived.push(result);
  }
  const waiting = planned.filter((p) => p.change).length - changes;
  if (waiting > 0) {
    console.warn(
      `cron: ${waiting} incident changes wait for the next run (at most ${cap} a run on this plan)`,
    );
  }
  if (derived.length > 0) await refreshDerived(env, mergeDerived(derived, now), now);
  return derived.length;
}

/** The queue consumer's share: probe a batch leased by the run of `minute`, record and apply. */
export async function probeQueued(
  env: Env,
  minute: number,
  ids: readonly string[],
  deps: ProbeDeps,
): Promise<number> {
  const done = await sampledIds(env.DB, minute);
  const monitors = (await getMonitors(env.DB, ids)).filter((m) => !done.has(m.id) && m.enabled);
  if (monitors.length === 0) return 0;
  const results = await probeAll(env, monitors, deps);
  const samples = Object.fromEntries(monitors.map((m, i) => [m.id, sampleOf(results[i] as ProbeResult)]));
  await addSamplesStatement(env.DB, minute, samples).run();
  return applyResults(
    env,
    monitors.map((monitor, i) => ({ monitor, result: results[i] as ProbeResult })),
    deps.now(),
  );
}
