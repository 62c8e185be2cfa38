/**
 * Time-weighted availability. Per component and day, downtime minutes are the
 * minutes in the last band × 1.0 plus the minutes in a middle band × 0.3
 * (Statuspage's weighting). Degraded and maintenance minutes count as up, and
 * no-data minutes are left out of the denominator. Where incidents overlap,
 * each minute counts once, in the worst band that covers it.
 */
import { type Band, bandOf } from "./severity";
import { DAY_MS, MINUTE_MS } from "./time";

export const PARTIAL_WEIGHT = 0.3;

export type Interval = { start: number; end: number | null; severity: number };

export type BandMinutes = { major: number; partial: number; minor: number; maintenance: number };

export const NO_MINUTES: BandMinutes = { major: 0, partial: 0, minor: 0, maintenance: 0 };

const RANK: Record<Band, number> = { maintenance: 1, first: 2, middle: 3, last: 4 };
const KEY: Record<Band, keyof BandMinutes> = {
  maintenance: "maintenance",
  first: "minor",
  middle: "partial",
  last: "major",
};

/** Minutes of [from, to) spent in each band; open intervals run until `to`. */
export function bandMinutes(
  intervals: readonly Interval[],
  bounds: readonly number[],
  from: number,
  to: number,
): BandMinutes {
  const out = { ...NO_MINUTES };
  if (to <= from) return out;
  const events: { at: number; rank: number; delta: 1 | -1 }[] = [];
  for (const i of intervals) {
    const start = Math.max(i.start, from);
    const end = Math.min(i.end ?? to, to);
    if (end <= start) continue;
    const rank = RANK[bandOf(i.severity, bounds)];
    events.push({ at: start, rank, delta: 1 }, { at: end, rank, delta: -1 });
  }
  events.sort((a, b) => a.at - b.at);
  const open = [0, 0, 0, 0, 0];
  let last = from;
  for (const e of events) {
    const worst = worstOpen(open);
    if (worst > 0 && e.at > last) out[KEY[bandAtRank(worst)]] += (e.at - last) / MINUTE_MS;
    last = e.at;
    open[e.rank] = (open[e.rank] ?? 0) + e.delta;
  }
  return out;
}

function worstOpen(open: number[]): number {
  for (let r = 4; r >= 1; r--) if ((open[r] ?? 0) > 0) return r;
  return 0;
}

function bandAtRank(rank: number): Band {
  return rank === 4 ? "last" : rank === 3 ? "middle" : rank === 2 ? "first" : "maintenance";
}

export function downtimeMinutes(m: BandMinutes): number {
  return m.major + PARTIAL_WEIGHT * m.partial;
}

export function addMinutes(a: BandMinutes, b: BandMinutes): BandMinutes {
  return {
    major: a.major + b.major,
    partial: a.partial + b.partial,
    minor: a.minor + b.minor,
    maintenance: a.maintenance + b.maintenance,
  };
}

export type DayLevel = "ok" | "minor" | "partial" | "major" | "maintenance" | "nodata";

/** The colour of a day: the worst band it saw, or no data when nothing was observed. */
export function dayLevel(m: BandMinutes, observedMinutes: number): DayLevel {
  if (observedMinutes <= 0) return "nodata";
  if (m.major > 0) return "major";
  if (m.partial > 0) return "partial";
  if (m.minor > 0) return "minor";
  if (m.maintenance > 0) return "maintenance";
  return "ok";
}

/** Uptime as a fraction of observed minutes, or null when nothing was observed. */
export function uptimeRatio(downtime: number, observedMinutes: number): number | null {
  if (observedMinutes <= 0) return null;
  return Math.max(0, 1 - downtime / observedMinutes);
}

/** Observed minutes of the day starting at `dayStart`: after the component existed, and not in the future. */
export function observedMinutes(
  dayStart: number,
  existsFrom: number,
  now: number,
  nodataMinutes = 0,
): number {
  const from = Math.max(dayStart, existsFrom);
  const to = Math.min(dayStart + DAY_MS, now);
  return Math.max(0, (to - from) / MINUTE_MS - nodataMinutes);
}

const percent = new Map<string, { whole: Intl.NumberFormat; part: Intl.NumberFormat }>();

/**
 * "100%", or "99.95%" with two decimals, never rounding a day with downtime
 * up to 100%; in the language of `tag` ("99,95 %"), and `noData` for null.
 */
export function formatUptime(ratio: number | null, tag = "en-GB", noData = "no data"): string {
  if (ratio === null) return noData;
  let f = percent.get(tag);
  if (!f) {
    f = {
      whole: new Intl.NumberFormat(tag, { style: "percent" }),
      part: new Intl.NumberFormat(tag, {
        style: "percent",
        minimumFractionDigits: 2,
        maximumFractionDigits: 2,
      }),
    };
    percent.set(tag, f);
  }
  if (ratio >= 1) return f.whole.format(1);
  return f.part.format(Math.floor(ratio * 10_000) / 10_000);
}
