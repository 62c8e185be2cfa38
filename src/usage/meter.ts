/**
 * The budget meter: counts what an invocation spends against the plan's
 * limits and adds it to the day's totals in D1.
 *
 * D1 rows written come from D1's own `meta.rows_written` on every statement
 * run through the metered binding; KV writes are the puts and deletes on it;
 * subrequests are the external fetches and connects a cron run makes. CPU is
 * left out: inside the isolate there is no CPU clock (timers stand still
 * between I/O), so the meter records none rather than guess.
 */
import { addUsage } from "../db/usage";
import {
  type DailyUsage,
  type Plan,
  USAGE_LABELS,
  type UsageLine,
  usageLines,
  WARN_FRACTION,
} from "../domain/plan";
import { dayKey } from "../domain/time";
import type { ProbeDeps } from "../probes/run";

type Tally = { d1RowsWritten: number; kvWrites: number };

/** This isolate's counts not yet added to D1; the meter's own writes join the next flush. */
const pending: Tally = { d1RowsWritten: 0, kvWrites: 0 };

function countRows(result: unknown): void {
  const meta = (result as { meta?: { rows_written?: number } } | null)?.meta;
  if (meta && typeof meta.rows_written === "number") pending.d1RowsWritten += meta.rows_written;
}

function meteredStatement(statement: D1PreparedStatement): D1PreparedStatement {
  return new Proxy(statement, {
    get(target, key) {
      if (key === "bind") return (...values: unknown[]) => meteredStatement(target.bind(...values));
      if (key === "run" || key === "all")
        return async () => {
          const result = await target[key]();
          countRows(result);
          return result;
        };
      const value = Reflect.get(target, key, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** Forwards every call; statements it hands out are metered too. It writes no SQL of its own. */
function meteredDb(db: D1Database): D1Database {
  return new Proxy(db, {
    get(target, key) {
      const value = Reflect.get(target, key, target);
      if (typeof value !== "function") return value;
      if (key === "batch")
        return async (statements: D1PreparedStatement[]) => {
          const results = await target.batch(statements);
          for (const r of results) countRows(r);
          return results;
        };
      return (...args: unknown[]) => {
        const out = Reflect.apply(value, target, args);
        return isStatement(out) ? meteredStatement(out) : out;
      };
    },
  });
}

function isStatement(value: unknown): value is D1PreparedStatement {
  return typeof value === "object" && value !== null && "bind" in value && "run" in value;
}

function meteredKv(kv: KVNamespace): KVNamespace {
  return new Proxy(kv, {
    get(target, key) {
      const value = Reflect.get(target, key, target);
      if (typeof value !== "function") return value;
      if (key === "put" || key === "delete")
        return (...args: unknown[]) => {
          pending.kvWrites += 1;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      return value.bind(target);
    },
  });
}

const wrapped = new WeakMap<Env, Env>();

/** The same bindings, counted. One wrapper per env, so caches keyed on env keep working. */
export function metered(env: Env): Env {
  let out = wrapped.get(env);
  if (!out) {
    out = { ...env, DB: meteredDb(env.DB), SNAPSHOTS: meteredKv(env.SNAPSHOTS) };
    wrapped.set(env, out);
  }
  return out;
}

/** Probe and delivery I/O that counts each external subrequest. */
export function countingDeps(deps: ProbeDeps): { deps: ProbeDeps; count: () => number } {
  let n = 0;
  return {
    deps: {
      ...deps,
      fetch: (input, init) => {
        n += 1;
        return deps.fetch(input, init);
      },
      connect: (address) => {
        n += 1;
        return deps.connect(address);
      },
    },
    count: () => n,
  };
}

/** A reading of the pending counts; a later, larger one means something was written in between. */
export function pendingMark(): number {
  return pending.d1RowsWritten + pending.kvWrites;
}

/**
 * Daily totals warn once, on the flush that crosses the line; per-run limits
 * warn on every run that comes near them.
 */
function warnings(plan: Plan, after: DailyUsage, delta: Tally, run: CronRunUsage | null): UsageLine[] {
  const before = {
    ...after,
    d1_rows_written: after.d1_rows_written - delta.d1RowsWritten,
    kv_writes: after.kv_writes - delta.kvWrites,
  };
  const was = new Set(
    usageLines(before, plan)
      .filter((l) => l.warning)
      .map((l) => l.metric),
  );
  const thisRun = { ...after, subrequests_max: run?.subrequests ?? 0, cron_cpu_ms_max: run?.cpuMs ?? null };
  return [
    ...usageLines(after, plan).filter(
      (l) => l.warning && !was.has(l.metric) && (l.metric === "d1_rows_written" || l.metric === "kv_writes"),
    ),
    ...usageLines(thisRun, plan).filter(
      (l) => l.warning && (l.metric === "subrequests_max" || l.metric === "cron_cpu_ms_max"),
    ),
  ];
}

export type CronRunUsage = { subrequests: number; cpuMs: number | null };

/**
 * Adds this isolate's pending counts (and a cron run's figures) to the day,
 * with the raw, unmetered binding. Logs a warning when a daily total crosses
 * 80 % of its limit, or a run comes within 80 % of a per-run limit. Never
 * throws: metering must not fail the work it measures.
 */
export async function flushUsage(
  env: Env,
  plan: Plan,
  now: number,
  run: CronRunUsage | null = null,
): Promise<DailyUsage | null> {
  const delta = { ...pending };
  pending.d1RowsWritten = 0;
  pending.kvWrites = 0;
  try {
    const statement = addUsage(env.DB, {
      day: dayKey(now),
      d1RowsWritten: delta.d1RowsWritten,
      kvWrites: delta.kvWrites,
      subrequests: run?.subrequests ?? null,
      cpuMs: run?.cpuMs ?? null,
    });
    const result = await statement.all<DailyUsage>();
    pending.d1RowsWritten += result.meta.rows_written ?? 0;
    const after = result.results[0];
    if (!after) return null;
    for (const line of warnings(plan, after, delta, run))
      console.warn(
        `usage: ${USAGE_LABELS[line.metric]} is ${line.value} of the ${plan} plan's ${line.limit} (warning at ${WARN_FRACTION * 100} %)`,
      );
    return after;
  } catch (err) {
    // Counts lost with a failed write are put back for the next flush.
    pending.d1RowsWritten += delta.d1RowsWritten;
    pending.kvWrites += delta.kvWrites;
    console.error("usage meter could not record", err instanceof Error ? err.message : err);
    return null;
  }
}
