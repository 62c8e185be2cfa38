import { Hono } from "hono";
import { listUsage } from "../../db/usage";
import { emptyUsage, USAGE_KEPT_DAYS, USAGE_LABELS, usageLines } from "../../domain/plan";
import { dayKey } from "../../domain/time";
import type { AppEnv } from "../../env";
import { documented } from "../../http/operation";
import { OPS } from "../../openapi/operations";
import { readSettings } from "../../settings";

/** The budget meter: today's spending against the plan's limits, and the kept days. */
export const usage = new Hono<AppEnv>().get("/", documented(OPS.getUsage), async (c) => {
  const { plan, maxProbesPerRun, maxIncidentChangesPerRun } = readSettings(c.env);
  const day = dayKey(Date.now());
  const days = await listUsage(c.env.DB, USAGE_KEPT_DAYS);
  const today = days[0]?.day === day ? days[0] : emptyUsage(day);
  c.header("Cache-Control", "no-store");
  return c.json({
    plan,
    day,
    maxProbesPerRun,
    // null: no limit (a paid plan's default).
    maxIncidentChangesPerRun: Number.isFinite(maxIncidentChangesPerRun) ? maxIncidentChangesPerRun : null,
    today: usageLines(today, plan).map((l) => ({ ...l, label: USAGE_LABELS[l.metric] })),
    days: days.map((d) => ({
      day: d.day,
      d1RowsWritten: d.d1_rows_written,
      kvWrites: d.kv_writes,
      subrequestsMax: d.subrequests_max,
      cronRuns: d.cron_runs,
      cronCpuMsMax: d.cron_cpu_ms_max,
    })),
  });
});
