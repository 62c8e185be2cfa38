import { connect } from "cloudflare:sockets";
import { SESSION_IDLE_MS } from "../auth/session";
import { finaliseMonitorDays, markFinalised } from "../db/monitor-days";
import { enabledMonitorsRead } from "../db/monitors";
import { readAll } from "../db/read";
import { purgeSessions, purgeSignInFailures } from "../db/sessions";
import { readStoredSnapshot, snapshotBookkeeping } from "../db/snapshot";
import { purgeRateLimits, purgeUnconfirmedStatements } from "../db/subscribers";
import { claimTick, finishTickStatement, lastScheduleRead, leasedRead, releaseLeases } from "../db/ticks";
import { purgeUsage } from "../db/usage";
import type { Monitor } from "../domain/monitor";
import type { ProbeResult } from "../domain/monitor-state";
import { USAGE_KEPT_DAYS } from "../domain/plan";
import { DAY_MS, dayKey, HOUR_MS, iso, startOfDay } from "../domain/time";
import { runDeliveries } from "../notify/deliver";
import { CONFIRM_TTL_MS, runMail } from "../notify/mail";
import { pageInfo } from "../notify/page-info";
import type { ProbeDeps } from "../probes/run";
import { readSettings } from "../settings";
import { publishToKv } from "../snapshot/publish";
import { keepSnapshotCurrent } from "../snapshot/refresh";
import type { Snapshot } from "../snapshot/types";
import { applyResults, chooseDue, leaseMs, probeAll, QUEUE_BATCH, sampleOf } from "./monitors";
import { epochMinute } from "./tick-time";
import { timeTransitions } from "./transitions";

export type TickOutcome = {
  minute: number;
  claimed: boolean;
  probed: number;
  queued: number;
  /** Why the run was refused without touching anything. */
  refused?: string;
  /** SMTP connections the mail step opened (subrequests the probe I/O does not see). */
  smtpConnections?: number;
};

/**
 * How far ahead of the wall clock a run may be scheduled. Cron runs come at
 * or after their time; a run for a later time can only be a hand-made
 * trigger, and acting on it would mark monitors as probed in the future and
 * make retention delete history as if that time had come.
 */
export const MAX_AHEAD_MS = 15 * 60_000;

/** A batch of leased monitors for the queue consumer; `at` is the run's "now". */
export type ProbeQueueMessage = { minute: number; at: number; ids: string[] };

/** A clock that starts at the run's scheduled time, so a replayed run records its own time. */
export function anchored(deps: ProbeDeps, at: number): ProbeDeps {
  const start = deps.now();
  return { ...deps, now: () => at + (deps.now() - start) };
}

/** The real network: fetch and cloudflare:sockets. Tests and benchmarks pass their own. */
export function liveProbeDeps(): ProbeDeps {
  return {
    fetch: (input, init) => fetch(input, init),
    connect: (address) => connect(address),
    now: () => Date.now(),
  };
}

/**
 * One cron run for the minute containing `now`: lease and probe the due
 * monitors, apply their results, keep the snapshot current. Replaying a
 * minute that has already run does nothing.
 */
export async function runTick(
  env: Env,
  now: number,
  live: ProbeDeps = liveProbeDeps(),
): Promise<TickOutcome> {
  const minute = epochMinute(now);
  // The injected clock is the wall clock (tests simulate one).
  const wall = live.now();
  if (now > wall + MAX_AHEAD_MS) {
    const refused = `scheduled for ${iso(now)}, more than 15 minutes after the wall clock (${iso(wall)})`;
    console.warn(`cron run refused: ${refused}`);
    return { minute, claimed: false, probed: 0, queued: 0, refused };
  }
  const deps = anchored(live, now);
  const startedAt = iso(now);
  const [monitors, schedule, leased] = await readAll(env.DB, [
    enabledMonitorsRead(env.DB),
    lastScheduleRead(env.DB),
    leasedRead(env.DB, startedAt),
  ] as const);
  let due = chooseDue(monitors, schedule, leased, minute, readSettings(env).maxProbesPerRun);
  let claim = await claimTick(
    env.DB,
    minute,
    startedAt,
    due.map((m) => m.id),
    iso(now + leaseMs(due)),
  );
  if (claim === "replay") return { minute, claimed: false, probed: 0, queued: 0 };
  if (claim === "lease-conflict") {
    // Another run leased some of them in the meantime: leave all to the next run.
    due = [];
    claim = await claimTick(env.DB, minute, startedAt);
    if (claim !== "claimed") return { minute, claimed: false, probed: 0, queued: 0 };
  }

  try {
    return await completeTick(env, now, wall, minute, due, deps);
  } catch (err) {
    // Free the leases now rather than when they lapse, so the next run probes them.
    await releaseLeases(env.DB, minute, startedAt).catch(() => undefined);
    throw err;
  }
}

async function completeTick(
  env: Env,
  now: number,
  wall: number,
  minute: number,
  due: Monitor[],
  deps: ProbeDeps,
): Promise<TickOutcome> {
  const probed = Object.fromEntries(due.map((m) => [m.id, minute]));
  let samples: Record<string, unknown> = {};
  let queued = 0;
  if (due.length > 0 && env.PROBE_QUEUE) {
    const batches: { body: ProbeQueueMessage }[] = [];
    for (let i = 0; i < due.length; i += QUEUE_BATCH) {
      batches.push({ body: { minute, at: now, ids: due.slice(i, i + QUEUE_BATCH).map((m) => m.id) } });
    }
    await env.PROBE_QUEUE.sendBatch(batches);
    queued = due.length;
  } else if (due.length > 0) {
    const results = await probeAll(env, due, deps);
    samples = Object.fromEntries(due.map((m, i) => [m.id, sampleOf(results[i] as ProbeResult)]));
    await applyResults(
      env,
      due.map((monitor, i) => ({ monitor, result: results[i] as ProbeResult })),
      deps.now(),
    );
  }
  // The run's clock has moved on while probing: results carry their own times, and what follows
  // must not see an incident a probe just opened as not yet begun (nor announce it undone).
  const later = deps.now();
  await finishTickStatement(env.DB, minute, iso(later), samples, probed, queued > 0).run();
  // Each step stands alone: a failing one (a snapshot D1 refuses, a broken webhook) never stops the others.
  await isolated("maintenance transitions", () => timeTransitions(env.DB, later));
  await isolated("snapshot", () => maintainSnapshot(env, later, wall));
  if (minute % 60 === 0)
    await isolated("housekeeping", () => purgeExpiredSessions(env.DB, Math.min(now, wall)));
  await isolated("deliveries", () =>
    runDeliveries(
      env,
      later,
      () => pageInfo(env, later, readSettings(env).pageUrl || "http://localhost"),
      deps.fetch,
    ),
  );
  const mail = await isolated("mail", () =>
    runMail(env, later, () => pageInfo(env, later, readSettings(env).pageUrl || "http://localhost")),
  );
  return {
    minute,
    claimed: true,
    probed: due.length - queued,
    queued,
    smtpConnections: mail?.subrequests ?? 0,
  };
}

/** Once an hour: console sessions past their expiry, old failed sign-in counts, old meter counts. */
async function purgeExpiredSessions(db: D1Database, at: number): Promise<void> {
  await db.batch([
    purgeSessions(db, iso(at), iso(at - SESSION_IDLE_MS)),
    purgeSignInFailures(db, iso(at - HOUR_MS)),
    purgeUsage(db, dayKey(at - USAGE_KEPT_DAYS * DAY_MS)),
    ...purgeUnconfirmedStatements(db, iso(at - CONFIRM_TTL_MS)),
    purgeRateLimits(db, iso(at - DAY_MS)),
  ]);
}

async function isolated<T>(step: string, run: () => Promise<T>): Promise<T | undefined> {
  try {
    return await run();
  } catch (err) {
    console.error(`cron step "${step}" failed; the run went on`, err instanceof Error ? err.message : err);
    return undefined;
  }
}

/** Day rollover, repairs after a failed refresh, and the KV copy that writes held back. */
async function maintainSnapshot(env: Env, now: number, wall: number): Promise<void> {
  const { stored, finalisedDay: finalised, kvVersion } = await snapshotBookkeeping(env.DB);
  const behind = stored !== null && stored.version < stored.dataVersion;
  const today = dayKey(now);
  const rolledOver = finalised < today;
  if (rolledOver) {
    // The samples ring holds 48 hours: finalise each day it still covers.
    const first = Math.max(finalised ? Date.parse(`${finalised}T00:00:00Z`) : 0, startOfDay(now) - DAY_MS);
    for (let day = first; day < startOfDay(now); day += DAY_MS)
      await finaliseMonitorDays(env.DB, day + DAY_MS, wall);
  }
  const rebuilt = await keepSnapshotCurrent(env, now, { behind, rolledOver, missing: stored === null });
  if (rolledOver) await markFinalised(env.DB, today);
  if (rebuilt) return;
  if (!stored) return;
  if (kvVersion >= stored.version) return;
  const body = (await readStoredSnapshot(env.DB, -1))?.body;
  if (body) await publishToKv(env, JSON.parse(body) as Snapshot, now);
}
