import type { Locale } from "../i18n/locale";
import type { LatencySummary } from "../models/latency";
import { html, type VNode } from "./html";

const W = 600;
const H = 120;

/** A server-rendered SVG of latency over 24 hours; failed checks are marked below the line. */
export function LatencyChart({
  id,
  name,
  summary,
  l,
}: {
  id: string;
  name: string;
  summary: LatencySummary;
  l: Locale;
}): VNode {
  const n = summary.buckets.length;
  const x = (i: number) => Math.round((i / Math.max(1, n - 1)) * W);
  const y = (ms: number) => Math.round(H - 10 - (ms / summary.maxLatency) * (H - 20));
  // Runs of buckets with checks become lines; a lone bucket becomes a short dash, so it still shows.
  const segments: string[] = [];
  let current: [number, number][] = [];
  const close = () => {
    const only = current.length === 1 ? current[0] : undefined;
    if (only)
      current = [
        [only[0] - 3, only[1]],
        [only[0] + 3, only[1]],
      ];
    if (current.length) segments.push(current.map(([px, py]) => `${px},${py}`).join(" "));
    current = [];
  };
  for (const [i, b] of summary.buckets.entries()) {
    if (b.latency === null) close();
    else current.push([x(i), y(b.latency)]);
  }
  close();
  const description = summary.checks
    ? l.t("chart.summary", {
        checks: summary.checks,
        failures: summary.failures,
        median: summary.medianLatency ?? l.t("chart.notAvailable"),
        max: summary.maxLatency,
      })
    : l.t("chart.none");
  return html`<figure class="chart">
    <svg viewBox=${`0 0 ${W} ${H + 16}`} role="img" aria-labelledby=${`${id}-t ${id}-d`} preserveAspectRatio="none">
      <title id=${`${id}-t`}>${l.t("chart.title", { name })}</title>
      <desc id=${`${id}-d`}>${description}</desc>
      <line class="axis" x1="0" y1=${H - 10} x2=${W} y2=${H - 10} />
      ${segments.map((points) => html`<polyline class="line" points=${points} />`)}
      ${summary.buckets.map((b, i) =>
        b.failed
          ? html`<rect class="fail" x=${x(i) - 2} y=${H - 8} width="4" height="8" />`
          : b.slow
            ? html`<rect class="slow" x=${x(i) - 2} y=${H - 8} width="4" height="8" />`
            : null,
      )}
      <text class="label" x="0" y=${H + 14}>${l.t("chart.ago")}</text>
      <text class="label" x=${W} y=${H + 14} text-anchor="end">${l.t("chart.now")}</text>
      <text class="label" x="2" y="10">${l.number(summary.maxLatency)} ms</text>
    </svg>
    <figcaption>${description}</figcaption>
  </figure>`;
}
