/**
 * A component's 90-day bar and uptime, from the snapshot's finished days plus
 * today so far. The finished days are rendered once per snapshot and reused.
 */
import { DAY_MS, dayKey, iso, startOfDay } from "../domain/time";
import { formatDay } from "../domain/time-text";
import {
  addMinutes,
  type BandMinutes,
  bandMinutes,
  dayLevel,
  downtimeMinutes,
  formatUptime,
  type Interval,
  NO_MINUTES,
  observedMinutes,
  uptimeRatio,
} from "../domain/uptime";
import type { SnapComponent, Snapshot } from "../snapshot/types";
import { type DayCellProps, renderCells } from "../views/day-strip";

export const BAR_DAYS = 90;

type DayFact = { down: number; seen: number };

type Finished = {
  /** Downtime and observed minutes of each finished day, oldest first. */
  facts: DayFact[];
  id: string;
  html: string;
  bytes: Uint8Array | null;
  down: number;
  observed: number;
  minutes: BandMinutes;
};

/**
 * Finished days by content: a component's id, the day, its existence, the
 * bands and its rollups. A new snapshot reuses the bars of every component
 * whose history did not change.
 */
const finishedCache = new Map<string, Finished>();
const finishedById = new Map<string, Finished>();
let nextId = 0;

const dayNames = new Map<string, string>();

function dayName(day: string): string {
  let name = dayNames.get(day);
  if (!name) {
    if (dayNames.size > 1000) dayNames.clear();
    name = formatDay(day);
    dayNames.set(day, name);
  }
  return name;
}

function label(day: string, level: string, ratio: number | null, incidents: number): string {
  if (level === "nodata") return `${dayName(day)}: no data`;
  const count = incidents === 0 ? "no incidents" : incidents === 1 ? "1 incident" : `${incidents} incidents`;
  return `${dayName(day)}: ${formatUptime(ratio)} uptime, ${count}`;
}

const todayCells = new Map<string, string>();

/** Today's cell changes by the minute, but only among a few shapes: reuse their markup. */
function todayCellHtml(level: DayCellProps["level"], text: string): string {
  const key = `${level}|${text}`;
  let html = todayCells.get(key);
  if (!html) {
    if (todayCells.size > 2000) todayCells.clear();
    html = renderCells([{ level, label: text }]);
    todayCells.set(key, html);
  }
  return html;
}

function finishedDays(snapshot: Snapshot, component: SnapComponent, today: number): Finished {
  const days = snapshot.days[component.id] ?? [];
  const probes = snapshot.probeDays?.[component.id] ?? [];
  const key = `${component.id}@${today}@${component.existsFrom}@${snapshot.bounds.join(",")}@${JSON.stringify(days)}@${JSON.stringify(probes)}`;
  const hit = finishedCache.get(key);
  if (hit) return hit;
  const rows = new Map(days.map((d) => [d.day, d]));
  const probeRows = new Map(probes.map((d) => [d.day, d]));
  const existsFrom = Date.parse(component.existsFrom);
  const cells: DayCellProps[] = [];
  const facts: DayFact[] = [];
  let down = 0;
  let observed = 0;
  let minutes = NO_MINUTES;
  for (let i = BAR_DAYS - 1; i >= 1; i--) {
    const start = today - i * DAY_MS;
    const day = dayKey(start);
    const row = rows.get(day);
    const probe = probeRows.get(day);
    // Probes and incidents each tell of the day; the worse wins. Minutes no
    // check covered are no data.
    const m: BandMinutes = probe
      ? {
          ...(row ?? NO_MINUTES),
          major: Math.max(row?.major ?? 0, probe.down),
          minor: Math.max(row?.minor ?? 0, probe.slow),
        }
      : (row ?? NO_MINUTES);
    const seen = observedMinutes(
      start,
      existsFrom,
      start + DAY_MS,
      probe ? Math.max(0, 1440 - probe.covered) : 0,
    );
    const level = dayLevel(m, seen);
    const dayDown = downtimeMinutes(m);
    facts.push({ down: dayDown, seen });
    if (seen > 0) {
      down += dayDown;
      observed += seen;
      minutes = addMinutes(minutes, m);
    }
    cells.push({ level, label: label(day, level, uptimeRatio(dayDown, seen), row?.incidents ?? 0) });
  }
  const result = {
    facts,
    id: String(nextId++),
    html: renderCells(cells),
    bytes: null,
    down,
    observed,
    minutes,
  };
  finishedCache.set(key, result);
  finishedById.set(result.id, result);
  return result;
}

/** Bounds the cache between renders (never during one, whose placeholders must resolve). */
export function trimHistoryCache(max = 2000): void {
  if (finishedCache.size <= max) return;
  finishedCache.clear();
  finishedById.clear();
}

export type ComponentHistory = {
  /** All 90 cells. */
  cellsHtml: string;
  /** The 89 finished days, identified for reuse as bytes (see `pastCellBytes`). */
  pastKey: string;
  todayHtml: string;
  uptime: string;
  ratio: number | null;
};

const encoder = new TextEncoder();

/** The finished days of a bar as bytes, encoded once. */
export function pastCellBytes(id: string): Uint8Array | null {
  const finished = finishedById.get(id);
  if (!finished) return null;
  finished.bytes ??= encoder.encode(finished.html);
  return finished.bytes;
}

type TodaySpans = { intervals: Interval[]; incidents: number };

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
      const spans = out.get(impact.componentId) ?? { intervals: [], incidents: 0 };
      spans.intervals.push({ start, end, severity: impact.severity });
      if (!counted.has(impact.componentId)) spans.incidents += 1;
      counted.add(impact.componentId);
      out.set(impact.componentId, spans);
    }
  }
  return out;
}

const NO_SPANS: TodaySpans = { intervals: [], incidents: 0 };

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
  return { dayStart, m, seen, down: downtimeMinutes(m), incidents: spans.incidents };
}

export function componentHistory(
  snapshot: Snapshot,
  component: SnapComponent,
  nowMs: number,
  today: Map<string, TodaySpans> = todaySpans(snapshot, nowMs),
): ComponentHistory {
  const finished = finishedDays(snapshot, component, startOfDay(nowMs));
  const t = todayFact(snapshot, component, nowMs, today);
  const level = dayLevel(t.m, t.seen);
  const todayHtml = todayCellHtml(
    level,
    `${label(dayKey(t.dayStart), level, uptimeRatio(t.down, t.seen), t.incidents)} (today, so far)`,
  );
  const ratio = uptimeRatio(finished.down + t.down, finished.observed + t.seen);
  return {
    cellsHtml: finished.html + todayHtml,
    pastKey: finished.id,
    todayHtml,
    uptime: formatUptime(ratio),
    ratio,
  };
}

/** Uptime over the last `days` days (today included), e.g. 30 or 90. */
export function uptimeOver(
  snapshot: Snapshot,
  component: SnapComponent,
  nowMs: number,
  days: number,
): number | null {
  const finished = finishedDays(snapshot, component, startOfDay(nowMs));
  const t = todayFact(snapshot, component, nowMs, todaySpans(snapshot, nowMs));
  const recent = finished.facts.slice(Math.max(0, finished.facts.length - (days - 1)));
  const down = recent.reduce((sum, f) => sum + (f.seen > 0 ? f.down : 0), t.down);
  const seen = recent.reduce((sum, f) => sum + f.seen, t.seen);
  return uptimeRatio(down, seen);
}
