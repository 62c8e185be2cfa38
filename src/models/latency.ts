/** A monitor's last 24 hours as chart data: 10-minute buckets of latency and failures. */

export type Sample = { minute: number; sample: [number | null, number, number | null, string | null] };

export type Bucket = {
  start: number;
  latency: number | null;
  failed: boolean;
  slow: boolean;
  checks: number;
};

export type LatencySummary = {
  buckets: Bucket[];
  maxLatency: number;
  medianLatency: number | null;
  checks: number;
  failures: number;
};

const BUCKET_MINUTES = 10;

export function latencySummary(samples: readonly Sample[], nowMinute: number, hours = 24): LatencySummary {
  const first = nowMinute - hours * 60;
  const count = (hours * 60) / BUCKET_MINUTES;
  const buckets: Bucket[] = Array.from({ length: count }, (_, i) => ({
    start: first + i * BUCKET_MINUTES,
    latency: null,
    failed: false,
    slow: false,
    checks: 0,
  }));
  const sums = new Array<number>(count).fill(0);
  const measured = new Array<number>(count).fill(0);
  const all: number[] = [];
  let failures = 0;
  for (const { minute, sample } of samples) {
    const index = Math.floor((minute - first) / BUCKET_MINUTES);
    const bucket = buckets[index];
    if (!bucket) continue;
    const [latency, health] = sample;
    bucket.checks += 1;
    if (health === 2) {
      bucket.failed = true;
      failures += 1;
    }
    if (health === 1) bucket.slow = true;
    if (latency !== null && health !== 2) {
      sums[index] = (sums[index] ?? 0) + latency;
      measured[index] = (measured[index] ?? 0) + 1;
      all.push(latency);
    }
  }
  for (const [i, bucket] of buckets.entries()) {
    const n = measured[i] ?? 0;
    if (n > 0) bucket.latency = Math.round((sums[i] ?? 0) / n);
  }
  all.sort((a, b) => a - b);
  return {
    buckets,
    maxLatency: Math.max(1, ...buckets.map((b) => b.latency ?? 0)),
    medianLatency: all.length ? (all[Math.floor(all.length / 2)] ?? null) : null,
    checks: samples.length,
    failures,
  };
}
