/**
 * A component's 90-day bar and uptime, from the snapshot's finished days plus
 * today so far. The finished days are rendered once per snapshot and reused.
 */
import { DAY_MS, dayKey, startOfDay } from "../domain/time";
import {
  addMinutes,
  type BandMinutes,
  bandMinutes,
  dayLevel,
  downtimeMinutes,
  formatUptime,
  NO_MINUTES,
  observedMinutes,
  uptimeRatio,
} from "../domain/uptime";
import type { SnapComponent, Snapshot } from "../snapshot/types";
import { type DayCellProps, renderCells } from "../views/day-strip";
import { formatDay } from "../views/time";

export const BAR_DAYS = 90;

type Finished = { html: string; down: number; observed: number; minutes: BandMinutes };

const finishedCache = new WeakMap<Snapshot, Map<string, Finished>>();

function label(day: string, level: string, ratio: number | null, incidents: number): string {
  if (level === "nodata") return `${formatDay(day)}: no data`;
  const count = incidents === 0 ? "no incidents" : incidents === 1 ? "1 incident" : `${incidents} incidents`;
  return `${formatDay(day)}: ${formatUptime(ratio)} uptime, ${count}`;
}

function finishedDays(snapshot: Snapshot, component: SnapComponent, today: number): Finished {
  let perSnapshot = finishedCache.get(snapshot);
  if (!perSnapshot) {
    perSnapshot = new Map();
    finishedCache.set(snapshot, perSnapshot);
  }
  const key = `${component.id}@${today}`;
  const hit = perSnapshot.get(key);
  if (hit) return hit;
  const rows = new Map((snapshot.days[component.id] ?? []).map((d) => [d.day, d]));
  const existsFrom = Date.parse(component.existsFrom);
  const cells: DayCellProps[] = [];
  let down = 0;
  let observed = 0;
  let minutes = NO_MINUTES;
  for (let i = BAR_DAYS - 1; i >= 1; i--) {
    const start = today - i * DAY_MS;
    const day = dayKey(start);
    const row = rows.get(day);
    const m: BandMinutes = row ?? NO_MINUTES;
    const seen = observedMinutes(start, existsFrom, start + DAY_MS);
    const level = dayLevel(m, seen);
    const dayDown = downtimeMinutes(m);
    if (seen > 0) {
      down += dayDown;
      observed += seen;
      minutes = addMinutes(minutes, m);
    }
    cells.push({ level, label: label(day, level, uptimeRatio(dayDown, seen), row?.incidents ?? 0) });
  }
  const result = { html: renderCells(cells), down, observed, minutes };
  perSnapshot.set(key, result);
  return result;
}

export type ComponentHistory = { cellsHtml: string; uptime: string; ratio: number | null };

export function componentHistory(
  snapshot: Snapshot,
  component: SnapComponent,
  now: number,
): ComponentHistory {
  const today = startOfDay(now);
  const finished = finishedDays(snapshot, component, today);
  const todayIso = new Date(today).toISOString();
  const intervals = [];
  let incidents = 0;
  for (const incident of snapshot.incidents) {
    if (
      incident.beganAt >= new Date(now).toISOString() ||
      (incident.endedAt !== null && incident.endedAt <= todayIso)
    )
      continue;
    const own = incident.impacts.filter((i) => i.componentId === component.id);
    if (own.length === 0) continue;
    incidents += 1;
    for (const impact of own) {
      intervals.push({
        start: Date.parse(incident.beganAt),
        end: incident.endedAt ? Date.parse(incident.endedAt) : null,
        severity: impact.severity,
      });
    }
  }
  const m = bandMinutes(intervals, snapshot.bounds, today, now);
  const seen = observedMinutes(today, Date.parse(component.existsFrom), now);
  const level = dayLevel(m, seen);
  const todayDown = downtimeMinutes(m);
  const todayCell = renderCells([
    {
      level,
      label: `${label(dayKey(today), level, uptimeRatio(todayDown, seen), incidents)} (today, so far)`,
    },
  ]);
  const ratio = uptimeRatio(finished.down + todayDown, finished.observed + seen);
  return { cellsHtml: finished.html + todayCell, uptime: formatUptime(ratio), ratio };
}
