/**
 * A component's 90-day bar and uptime, from the snapshot's finished days plus
 * today so far: plain data, no HTML.
 */
import { DAY_MS, dayKey, iso, startOfDay } from "../domain/time";
import {
  addMinutes,
  type BandMinutes,
  bandMinutes,
  type DayLevel,
  dayLevel,
  downtimeMinutes,
  type Interval,
  NO_MINUTES,
  observedMinutes,
  uptimeRatio,
} from "../domain/uptime";
import { type Locale, localeOf, REFERENCE_LANGUAGE } from "../i18n/locale";
import type { SnapComponent, Snapshot } from "../snapshot/types";

export const BAR_DAYS = 90;

/** One day of a bar: its level, its text alternative, and for a day with incidents, its UTC date to link to. */
export type StripDay = { level: DayLevel; label: string; day?: string };

/**
 * A run of a bar: consecutive days of one level without incidents, drawn as
 * one cell `span` days wide with one text alternative for the run ("3 Sep –
 * 30 Nov: 100% uptime, no incidents"). A day with incidents is always a run
 * of its own, with its link.
 */
export type StripRun = StripDay & { span: number };

type DayFact = { down: number; seen: number };

/** The 89 finished days of a component's bar: they change only with the snapshot and the date. */
export type FinishedDays = {
  /** Oldest first. */
  days: StripDay[];
  /** The same days as runs, oldest first: what the home page draws. */
  runs: StripRun[];
  /** Downtime and observed minutes of each finished day, oldest first. */
  facts: DayFact[];
  down: number;
  observed: number;
  minutes: BandMinutes;
};

function label(
  l: Locale,
  day: string,
  level: string,
  ratio: number | null,
  incidents: number,
  names: readonly string[] = [],
): string {
  if (level === "nodata") return l.t("day.noData", { day: l.barDay(day) });
  const count = incidents === 0 ? l.t("day.noIncidents") : l.t("day.incidents", { count: incidents });
  const named = names.length ? `: ${names.join("; ")}${incidents > names.length ? "; …" : ""}` : "";
  return `${l.t("day.line", { day: l.barDay(day), uptime: l.uptime(ratio), incidents: count })}${named}`;
}

/** Probes and incidents each tell of a day; the worse wins. */
function dayMinutes(
  row: BandMinutes | undefined,
  probe: { down: number; slow: number } | undefined,
): BandMinutes {
  if (!probe) return row ?? NO_MINUTES;
  return {
    ...(row ?? NO_MINUTES),
    major: Math.max(row?.major ?? 0, probe.down),
    minor: Math.max(row?.minor ?? 0, probe.slow),
  };
}

export function finishedDays(
  snapshot: Snapshot,
  component: SnapComponent,
  today: number,
  l: Locale,
): FinishedDays {
  const rows = new Map((snapshot.days[component.id] ?? []).map((d) => [d.day, d]));
  const probeRows = new Map((snapshot.probeDays?.[component.id] ?? []).map((d) => [d.day, d]));
  const existsFrom = Date.parse(component.existsFrom);
  const out: FinishedDays = { days: [], runs: [], facts: [], down: 0, observed: 0, minutes: NO_MINUTES };
  const keys: string[] = [];
  for (let i = BAR_DAYS - 1; i >= 1; i--) {
    const start = today - i * DAY_MS;
    const day = dayKey(start);
    const row = rows.get(day);
    const probe = probeRows.get(day);
    const m = dayMinutes(row, probe);
    // Minutes no check covered are no data.
    const seen = observedMinutes(
      start,
      existsFrom,
      start + DAY_MS,
      probe ? Math.max(0, 1440 - probe.covered) : 0,
    );
    const level = dayLevel(m, seen);
    const dayDown = downtimeMinutes(m);
    out.facts.push({ down: dayDown, seen });
    if (seen > 0) {
      out.down += dayDown;
      out.observed += seen;
      out.minutes = addMinutes(out.minutes, m);
    }
    const incidents = row?.incidents ?? 0;
    keys.push(day);
    out.days.push({
      level,
      label: label(l, day, level, uptimeRatio(dayDown, seen), incidents, row?.names),
      ...(incidents > 0 ? { day } : {}),
    });
  }
  out.runs = runsOf(out.days, out.facts, keys, l);
  return out;
}

/** Merges consecutive days of one level without incidents into runs. */
export function runsOf(
  days: readonly StripDay[],
  facts: readonly DayFact[],
  keys: readonly string[],
  l: Locale,
): StripRun[] {
  const runs: StripRun[] = [];
  let start = 0;
  for (let i = 1; i <= days.length; i++) {
    const first = days[start] as StripDay;
    const next = days[i];
    if (next && !first.day && !next.day && next.level === first.level) continue;
    const span = i - start;
    if (span === 1) runs.push({ ...first, span });
    else {
      const part = facts.slice(start, i);
      const down = part.reduce((n, f) => n + f.down, 0);
      const seen = part.reduce((n, f) => n + f.seen, 0);
      const range = l.dayRange(keys[start] ?? "", keys[i - 1] ?? "");
      const text =
        first.level === "nodata"
          ? l.t("run.noData", { range })
          : l.t("run.line", { range, uptime: l.uptime(uptimeRatio(down, seen)) });
      runs.push({ level: first.level, label: text, span });
    }
    start = i;
  }
  return runs;
}

/**
 * Finished days per component, by what they are made of: the component, the
 * date, its existence, the bands and its rollups. Computing them formats 89
 * dates per component, so a page reuses them across snapshots whose history
 * did not change (a burst of writes to one incident changes no bar). The
 * route that renders owns the cache; it is bounded.
 */
export class HistoryCache {
  private readonly entries = new Map<string, FinishedDays>();

  constructor(private readonly max = 2_000) {}

  finished(snapshot: Snapshot, component: SnapComponent, today: number, l: Locale): FinishedDays {
    const key = [
      l.lang,
      component.id,
      today,
      component.existsFrom,
      snapshot.bounds.join(","),
      JSON.stringify(snapshot.days[component.id] ?? []),
      JSON.stringify(snapshot.probeDays?.[component.id] ?? []),
    ].join("@");
    let hit = this.entries.get(key);
    if (!hit) {
      if (this.entries.size >= this.max) this.entries.clear();
      hit = finishedDays(snapshot, component, today, l);
      this.entries.set(key, hit);
    }
    return hit;
  }
}

export type ComponentHistory = {
  finished: FinishedDays;
  today: StripDay;
  uptime: string;
  ratio: number | null;
  /** Days with data behind the uptime figure (today included); fewer than the bar's 90 for a young component. */
  uptimeDays: number;
};

type TodaySpans = { intervals: Interval[]; incidents: number; names: string[] };

/** Today's impacts per component, gathered in one pass over the snapshot's incidents. */
export function todaySpans(snapshot: Snapshot, nowMs: number): Map<string, TodaySpans> {
  const now = iso(nowMs);
  const dayStart = iso(startOfDay(nowMs));
  const out = new Map<string, TodaySpans>();
  for (const incident of snapshot.incidents) {
    if (incident.beganAt >= now || (incident.endedAt !== null && incident.endedAt <= dayStart)) continue;
    const start = Date.parse(incident.beganAt);
    const end = incident.endedAt ? Date.parse(incident.endedAt) : null;
    const counted = new Set<string>();
    for (const impact of incident.impacts) {
      const spans = out.get(impact.componentId) ?? { intervals: [], incidents: 0, names: [] };
      spans.intervals.push({ start, end, severity: impact.severity });
      if (!counted.has(impact.componentId)) {
        spans.incidents += 1;
        if (spans.names.length < 3) spans.names.push(incident.name);
      }
      counted.add(impact.componentId);
      out.set(impact.componentId, spans);
    }
  }
  return out;
}

const NO_SPANS: TodaySpans = { intervals: [], incidents: 0, names: [] };

/** Today so far: its band minutes, observed minutes and incident count. */
function todayFact(
  snapshot: Snapshot,
  component: SnapComponent,
  nowMs: number,
  today: Map<string, TodaySpans>,
) {
  const dayStart = startOfDay(nowMs);
  const spans = today.get(component.id) ?? NO_SPANS;
  const m = bandMinutes(spans.intervals, snapshot.bounds, dayStart, nowMs);
  const seen = observedMinutes(dayStart, Date.parse(component.existsFrom), nowMs);
  return { dayStart, m, seen, down: downtimeMinutes(m), incidents: spans.incidents, names: spans.names };
}

export function componentHistory(
  snapshot: Snapshot,
  component: SnapComponent,
  nowMs: number,
  l: Locale,
  today: Map<string, TodaySpans> = todaySpans(snapshot, nowMs),
  finished: FinishedDays = finishedDays(snapshot, component, startOfDay(nowMs), l),
): ComponentHistory {
  const t = todayFact(snapshot, component, nowMs, today);
  const level = dayLevel(t.m, t.seen);
  const ratio = uptimeRatio(finished.down + t.down, finished.observed + t.seen);
  return {
    finished,
    today: {
      level,
      label: l.t("day.today", {
        label: label(l, dayKey(t.dayStart), level, uptimeRatio(t.down, t.seen), t.incidents, t.names),
      }),
      ...(t.incidents > 0 ? { day: dayKey(t.dayStart) } : {}),
    },
    uptime: l.uptime(ratio),
    ratio,
    uptimeDays: finished.facts.filter((f) => f.seen > 0).length + (t.seen > 0 ? 1 : 0),
  };
}

/** Uptime over the last `days` days (today included), e.g. 30 or 90. */
export function uptimeOver(
  snapshot: Snapshot,
  component: SnapComponent,
  nowMs: number,
  days: number,
  finished: FinishedDays = finishedDays(snapshot, component, startOfDay(nowMs), localeOf(REFERENCE_LANGUAGE)),
): number | null {
  const t = todayFact(snapshot, component, nowMs, todaySpans(snapshot, nowMs));
  const recent = finished.facts.slice(Math.max(0, finished.facts.length - (days - 1)));
  const down = recent.reduce((sum, f) => sum + (f.seen > 0 ? f.down : 0), t.down);
  const seen = recent.reduce((sum, f) => sum + f.seen, t.seen);
  return uptimeRatio(down, seen);
}
