import * as v from "valibot";

const UsageLineOut = v.object({
  metric: v.picklist(["d1_rows_written", "kv_writes", "subrequests_max", "cron_cpu_ms_max"]),
  label: v.string(),
  value: v.nullable(v.number()),
  limit: v.nullable(v.number()),
  fraction: v.nullable(v.number()),
  warning: v.boolean(),
});

const UsageDayOut = v.object({
  day: v.string(),
  d1RowsWritten: v.number(),
  kvWrites: v.number(),
  subrequestsMax: v.number(),
  cronRuns: v.number(),
  cronCpuMsMax: v.nullable(v.number()),
});

/** Today's spending against the plan, and the last days' counts. */
export const UsageOut = v.object({
  plan: v.picklist(["free", "paid"]),
  day: v.string(),
  maxProbesPerRun: v.number(),
  /** Incident changes a cron run applies at most; null where the plan sets no limit. */
  maxIncidentChangesPerRun: v.nullable(v.number()),
  today: v.array(UsageLineOut),
  days: v.array(UsageDayOut),
});
