/**
 * Cloudflare's plans, their limits, and how far a day's usage has gone
 * against them. The figures are Cloudflare's published limits (README,
 * "Plans and usage").
 */
export type Plan = "free" | "paid";

export type UsageMetric = "d1_rows_written" | "kv_writes" | "subrequests_max" | "cron_cpu_ms_max";

/** What Beacon counts per UTC day. CPU is null where the runtime gives no measure. */
export type DailyUsage = {
  day: string;
  d1_rows_written: number;
  kv_writes: number;
  /** The most external subrequests (fetch, connect) one cron run made. */
  subrequests_max: number;
  cron_runs: number;
  cron_cpu_ms_max: number | null;
};

/** A limit per day (rows, writes) or per invocation (subrequests, CPU); null where the plan bills instead. */
export type PlanLimits = Record<UsageMetric, number | null>;

export const PLAN_LIMITS: Record<Plan, PlanLimits> = {
  free: { d1_rows_written: 100_000, kv_writes: 1_000, subrequests_max: 50, cron_cpu_ms_max: 10 },
  paid: { d1_rows_written: null, kv_writes: null, subrequests_max: 10_000, cron_cpu_ms_max: 30_000 },
};

/**
 * How many HTTP probes one cron run may make on the Free plan. `npm run bench`
 * samples the isolate's CPU: an idle run costs about 2 ms and a probe about
 * 0.1 ms, so 20 probes take about 3 ms of the 10 ms, and 20 of the 50
 * subrequests, leaving room for redirects, webhooks and mail.
 */
export const FREE_PLAN_MAX_PROBES_PER_RUN = 20;

/** On a paid plan, the run's wall time bounds it (probes go six at a time), not CPU. */
export const PAID_PLAN_MAX_PROBES_PER_RUN = 40;

/**
 * Monitor transitions that open or resolve an incident cost far more than a
 * probe (about 1.3 ms each in `npm run bench`: the incident's write, its events
 * and the statuses they change). On the Free plan a run applies at most this
 * many; the rest are applied by the next runs, openings first.
 */
export const FREE_PLAN_MAX_INCIDENT_CHANGES_PER_RUN = 2;

export const WARN_FRACTION = 0.8;

/** Days of counts the meter keeps. */
export const USAGE_KEPT_DAYS = 35;

export function parsePlan(text: string | undefined): Plan {
  return text?.trim().toLowerCase() === "paid" ? "paid" : "free";
}

export function defaultMaxProbes(plan: Plan): number {
  return plan === "free" ? FREE_PLAN_MAX_PROBES_PER_RUN : PAID_PLAN_MAX_PROBES_PER_RUN;
}

/** Incident changes a run applies at most; a paid plan's CPU holds every one. */
export function defaultMaxIncidentChanges(plan: Plan): number {
  return plan === "free" ? FREE_PLAN_MAX_INCIDENT_CHANGES_PER_RUN : Number.POSITIVE_INFINITY;
}

export type UsageLine = {
  metric: UsageMetric;
  value: number | null;
  limit: number | null;
  /** value ÷ limit, or null where either is missing. */
  fraction: number | null;
  warning: boolean;
};

const METRICS: readonly UsageMetric[] = [
  "d1_rows_written",
  "kv_writes",
  "subrequests_max",
  "cron_cpu_ms_max",
];

export function usageLines(usage: DailyUsage, plan: Plan): UsageLine[] {
  const limits = PLAN_LIMITS[plan];
  return METRICS.map((metric) => {
    const value = usage[metric];
    const limit = limits[metric];
    const fraction = value === null || limit === null ? null : value / limit;
    return { metric, value, limit, fraction, warning: fraction !== null && fraction >= WARN_FRACTION };
  });
}

export const USAGE_LABELS: Record<UsageMetric, string> = {
  d1_rows_written: "D1 rows written today",
  kv_writes: "KV writes today",
  subrequests_max: "Most subrequests in one cron run today",
  cron_cpu_ms_max: "Most CPU in one cron run today (ms)",
};

export function emptyUsage(day: string): DailyUsage {
  return { day, d1_rows_written: 0, kv_writes: 0, subrequests_max: 0, cron_runs: 0, cron_cpu_ms_max: null };
}
