import { render } from "preact-render-to-string";
import { describe, expect, it } from "vitest";
import { localeOf } from "../../src/i18n/locale";
import type { Bucket, LatencySummary } from "../../src/models/latency";
import { html } from "../../src/views/html";

const l = localeOf("en");

import { LatencyChart } from "../../src/views/latency-chart";

function summary(latencies: (number | null)[], failed: number[] = []): LatencySummary {
  const buckets: Bucket[] = latencies.map((latency, i) => ({
    start: i * 10,
    latency,
    failed: failed.includes(i),
    slow: false,
    checks: latency === null ? 0 : 1,
  }));
  const measured = latencies.filter((l): l is number => l !== null);
  return {
    buckets,
    maxLatency: Math.max(1, ...measured),
    medianLatency: measured[0] ?? null,
    checks: measured.length,
    failures: failed.length,
  };
}

const lines = (svg: string) => [...svg.matchAll(/<polyline class="line" points="([^"]*)"/g)].map((m) => m[1]);

describe("the latency chart", () => {
  it("draws one line per run of buckets with checks, broken where no check ran", () => {
    const svg = render(
      html`<${LatencyChart} l=${l} id="c" name="API" summary=${summary([10, 20, null, 30, 40, 50])} />`,
    );
    expect(lines(svg).map((points) => points?.split(" ").length)).toEqual([2, 3]);
  });

  it("shows a lone bucket as a short dash rather than nothing", () => {
    const svg = render(
      html`<${LatencyChart} l=${l} id="c" name="API" summary=${summary([null, null, 12, null, null])} />`,
    );
    const [dash] = lines(svg);
    const points = dash?.split(" ").map((p) => p.split(",").map(Number));
    expect(points).toHaveLength(2);
    expect(points?.[0]?.[1]).toBe(points?.[1]?.[1]);
    expect(points?.[0]?.[0]).toBeLessThan(points?.[1]?.[0] ?? 0);
  });

  it("marks failed buckets and says what it shows in text", () => {
    const svg = render(
      html`<${LatencyChart} l=${l} id="c" name="<API>" summary=${summary([10, 20, 30], [1])} />`,
    );
    expect(svg.match(/class="fail"/g)).toHaveLength(1);
    expect(svg).toContain("3 checks in the last 24 hours, 1 failed");
    expect(svg).toContain("Latency of &lt;API>");
    expect(
      render(html`<${LatencyChart} l=${l} id="c" name="API" summary=${summary([null, null])} />`),
    ).toContain("No checks in the last 24 hours.");
  });
});
