/** Prometheus text exposition (format 0.0.4) of Beacon's state. */

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
