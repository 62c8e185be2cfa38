/** Prometheus text exposition (format 0.0.4) of Beacon's state. */
import type { Monitor } from "../domain/monitor";
import type { Plan, UsageLine } from "../domain/plan";
import { componentStatuses, isActive, worstSeverities } from "../domain/status";
import { iso } from "../domain/time";
import type { Snapshot } from "../snapshot/types";

export type MetricFamily = {
  name: string;
  help: string;
  type: "gauge" | "counter";
  samples: { labels?: Record<string, string>; value: number }[];
};

function escapeLabel(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"');
}

function formatValue(v: number): string {
  if (Number.isNaN(v)) return "NaN";
  if (v === Number.POSITIVE_INFINITY) return "+Inf";
  if (v === Number.NEGATIVE_INFINITY) return "-Inf";
  return String(v);
}

export function exposition(families: readonly MetricFamily[]): string {
  let out = "";
  for (const f of families) {
    out += `# HELP ${f.name} ${f.help.replace(/\\/g, "\\\\").replace(/\n/g, "\\n")}\n# TYPE ${f.name} ${f.type}\n`;
    for (const s of f.samples) {
      const labels = Object.entries(s.labels ?? {});
      const rendered = labels.length
        ? `{${labels.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(",")}}`
        : "";
      out += `${f.name}${rendered} ${formatValue(s.value)}\n`;
    }
  }
  return out;
}

export type MetricsInput = {
  snapshot: Snapshot;
  monitors: readonly Monitor[];
  /** Each monitor's latest sample: [latency ms, …]. */
  samples: ReadonlyMap<string, readonly unknown[]>;
  lastTickAt: string | null;
  now: number;
  /** Today's budget meter against the plan. */
  usage: readonly UsageLine[];
  plan: Plan;
};

/**
 * Every series carries the component's or monitor's id: names may repeat,
 * and two series with the same labels would be one to Prometheus.
 */
export function metricFamilies({
  snapshot,
  monitors,
  samples,
  lastTickAt,
  now,
  usage,
  plan,
}: MetricsInput): MetricFamily[] {
  const at = iso(now);
  const statuses = componentStatuses(snapshot.components, snapshot.incidents, snapshot.bounds, at);
  const worst = worstSeverities(snapshot.incidents, at);
  const names = new Map(snapshot.components.map((x) => [x.id, x.name]));
  const componentLabels = (c: Snapshot["components"][number]) => ({
    component_id: c.id,
    component: c.name,
    group: c.group ? (names.get(c.group) ?? "") : "",
  });
  const monitorLabels = (m: Monitor) => ({ monitor_id: m.id, monitor: m.displayName, kind: m.kind });
  return [
    {
      name: "beacon_component_status",
      help: "Worst active severity on the component (0-100; 0 when nothing or only maintenance affects it).",
      type: "gauge",
      samples: snapshot.components.map((c) => ({ labels: componentLabels(c), value: worst.get(c.id) ?? 0 })),
    },
    {
      name: "beacon_component_up",
      help: "1 unless the component is in a partial or major outage.",
      type: "gauge",
      samples: snapshot.components.map((c) => {
        const status = statuses.get(c.id) ?? "operational";
        return {
          labels: componentLabels(c),
          value: status === "partial_outage" || status === "major_outage" ? 0 : 1,
        };
      }),
    },
    {
      name: "beacon_monitor_up",
      help: "1 while the monitor's confirmed state is up or degraded, 0 when down.",
      type: "gauge",
      samples: monitors
        .filter((m) => m.enabled)
        .map((m) => ({ labels: monitorLabels(m), value: m.state.status === "down" ? 0 : 1 })),
    },
    {
      name: "beacon_monitor_latency_seconds",
      help: "Latency of the monitor's latest check.",
      type: "gauge",
      samples: monitors.flatMap((m) => {
        const latency = samples.get(m.id)?.[0];
        return typeof latency === "number" ? [{ labels: monitorLabels(m), value: latency / 1000 }] : [];
      }),
    },
    {
      name: "beacon_incidents_active",
      help: "Incidents (not maintenance) that have begun and not ended.",
      type: "gauge",
      samples: [{ value: snapshot.incidents.filter((i) => !i.maintenance && isActive(i, at)).length }],
    },
    {
      name: "beacon_last_tick_timestamp_seconds",
      help: "When the last cron run finished, in Unix seconds (0 before the first).",
      type: "gauge",
      samples: [{ value: lastTickAt ? Math.floor(Date.parse(lastTickAt) / 1000) : 0 }],
    },
    {
      name: "beacon_plan_usage",
      help: "Spent today (UTC) by the budget meter: D1 rows written and KV writes per day, the most subrequests in one cron run.",
      type: "gauge",
      samples: usage.flatMap((l) =>
        l.value === null ? [] : [{ labels: { metric: l.metric, plan }, value: l.value }],
      ),
    },
    {
      name: "beacon_plan_limit",
      help: "The plan's limit for each metric of beacon_plan_usage (absent where the plan bills instead).",
      type: "gauge",
      samples: usage.flatMap((l) =>
        l.limit === null ? [] : [{ labels: { metric: l.metric, plan }, value: l.limit }],
      ),
    },
  ];
}
