import type { Component } from "../db/components";
import { listComponents } from "../db/components";
import { impactTypeNames } from "../db/impact-types";
import { firstImpactTimes, incidentNames, listPublicIncidents } from "../db/incidents";
import { dataVersion, pageId } from "../db/meta";
import { componentProbeDays, monitorSummary } from "../db/monitors";
import { allPhases } from "../db/phases";
import { HISTORY_DAYS, readRollups } from "../db/rollups";
import { listSeverities } from "../db/severities";
import { lastFinishedTick } from "../db/ticks";
import { listUpdatesOf } from "../db/updates";
import { bandBounds } from "../domain/severity";
import { isActive } from "../domain/status";
import { DAY_MS, dayKey, iso, startOfDay } from "../domain/time";
import { shapeIncidents } from "./shape";
import {
  SNAPSHOT_SCHEMA,
  type SnapComponent,
  type SnapDay,
  type SnapIncident,
  type SnapProbeDay,
  type Snapshot,
} from "./types";

/** The latest incidents and maintenance windows the page lists beside the current ones. */
const RECENT = 50;
/** Incident names a day of a bar carries in its text alternative. */
const DAY_NAMES = 3;
/** Current incidents at most (open, or ended or changed lately). */
const CURRENT_CAP = 200;
/** Updates per incident in the snapshot; the incident page reads them all from D1. */
export const SNAPSHOT_UPDATES = 3;
/** Characters of a description or update in the snapshot. */
export const SNAPSHOT_TEXT_CHARS = 1_000;
/**
 * The stored snapshot's size bound, in UTF-8 bytes. D1 refuses rows over
 * 2 MB (SQLITE_TOOBIG) and KV values over 25 MiB; whatever operators write,
 * the snapshot stays well below both.
 */
export const SNAPSHOT_MAX_BYTES = 1_000_000;

/**
 * Reads what the public side needs from D1 and shapes it. Runs on writes and
 * in the cron, never on a page view. The data version is read first, so the
 * content is at least as new as the version it is stored under.
 */
export async function buildSnapshot(db: D1Database, now: number): Promise<Snapshot> {
  const version = await dataVersion(db);
  const today = startOfDay(now);
  const firstDay = dayKey(today - (HISTORY_DAYS - 1) * DAY_MS);
  const [components, first, severities, incidents, days, probeDays, monitors, lastTick, id] =
    await Promise.all([
      listComponents(db),
      firstImpactTimes(db),
      listSeverities(db),
      publicIncidents(db, now),
      dayRollups(db, firstDay, dayKey(today)),
      probeHistory(db, firstDay, dayKey(today)),
      monitorSummary(db),
      lastFinishedTick(db),
      pageId(db),
    ]);
  const snapComponents = components.map((c) => snapComponent(c, first.get(c.id)));
  const updatedAt = [...snapComponents.map((c) => c.updatedAt), ...incidents.map((i) => i.updatedAt)].reduce(
    (max, t) => (t > max ? t : max),
    "1970-01-01T00:00:00.000Z",
  );
  const snapshot: Snapshot = {
    schema: SNAPSHOT_SCHEMA,
    version,
    builtAt: iso(now),
    updatedAt,
    severities,
    bounds: bandBounds(severities),
    components: snapComponents,
    incidents,
    days,
    probeDays,
    monitored: monitors.enabled > 0,
    checkIntervalSeconds: monitors.shortestSeconds ?? 60,
    lastTickAt: lastTick?.finishedAt ?? null,
    pageId: id,
  };
  return boundSize(snapshot, iso(now), SNAPSHOT_MAX_BYTES);
}

async function publicIncidents(db: D1Database, now: number): Promise<SnapIncident[]> {
  const [incidents, typeNames, phases] = await Promise.all([
    listPublicIncidents(db, {
      since: iso(startOfDay(now) - DAY_MS),
      changedSince: iso(now - 7 * DAY_MS),
      currentCap: CURRENT_CAP,
      recent: RECENT,
    }),
    impactTypeNames(db),
    allPhases(db),
  ]);
  const updates = await listUpdatesOf(
    db,
    incidents.map((i) => i.id),
    SNAPSHOT_UPDATES,
  );
  const shaped = shapeIncidents(
    incidents,
    updates,
    { typeNames, phases: phases.lists },
    { maxChars: SNAPSHOT_TEXT_CHARS },
  );
  return shaped.sort((a, b) =>
    a.beganAt < b.beganAt ? 1 : a.beganAt > b.beganAt ? -1 : a.id.localeCompare(b.id),
  );
}

function snapComponent(c: Component, firstImpact: string | undefined): SnapComponent {
  return {
    id: c.id,
    name: c.displayName,
    description: c.description,
    group: c.group,
    position: c.position,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    existsFrom: firstImpact && firstImpact < c.createdAt ? firstImpact : c.createdAt,
  };
}

/** Finished days (before `todayKey`) of each component's history, oldest first. */
async function dayRollups(
  db: D1Database,
  firstDay: string,
  todayKey: string,
): Promise<Record<string, SnapDay[]>> {
  const days: Record<string, SnapDay[]> = {};
  const rollups = (await readRollups(db, firstDay)).filter((r) => r.day < todayKey);
  const names = await incidentNames(db, [...new Set(rollups.flatMap((r) => r.incidentIds))]);
  for (const r of rollups) {
    const list = days[r.componentId] ?? [];
    days[r.componentId] = list;
    list.push({
      day: r.day,
      major: r.major,
      partial: r.partial,
      minor: r.minor,
      maintenance: r.maintenance,
      incidents: r.incidentIds.length,
      names: r.incidentIds
        .map((id) => names.get(id))
        .filter((n): n is string => n !== undefined)
        .slice(0, DAY_NAMES)
        .map((n) => (n.length > 60 ? `${n.slice(0, 59)}…` : n)),
    });
  }
  for (const list of Object.values(days)) list.sort((a, b) => (a.day < b.day ? -1 : 1));
  return days;
}

async function probeHistory(
  db: D1Database,
  firstDay: string,
  todayKey: string,
): Promise<Record<string, SnapProbeDay[]>> {
  const out: Record<string, SnapProbeDay[]> = {};
  for (const r of await componentProbeDays(db, firstDay)) {
    if (r.day >= todayKey) continue;
    const list = out[r.componentId] ?? [];
    out[r.componentId] = list;
    list.push({ day: r.day, down: r.down, slow: r.slow, covered: r.covered });
  }
  return out;
}

export function byteSize(snapshot: Snapshot): number {
  return new TextEncoder().encode(JSON.stringify(snapshot)).byteLength;
}

/**
 * Keeps the snapshot under `maxBytes`: first the oldest incidents that are
 * over go, then every incident keeps only its latest update. Active incidents
 * stay whatever their size, so an outage always reaches the page.
 */
export function boundSize(snapshot: Snapshot, now: string, maxBytes: number): Snapshot {
  if (byteSize(snapshot) <= maxBytes) return snapshot;
  const incidents = [...snapshot.incidents];
  const oldestOver = () => {
    for (let i = incidents.length - 1; i >= 0; i--) {
      const incident = incidents[i] as SnapIncident;
      if (!isActive(incident, now) && incident.beganAt <= now) return i;
    }
    return -1;
  };
  let bounded = snapshot;
  for (let index = oldestOver(); index >= 0 && byteSize(bounded) > maxBytes; index = oldestOver()) {
    incidents.splice(index, 1);
    bounded = { ...snapshot, incidents: [...incidents] };
  }
  if (byteSize(bounded) <= maxBytes) return bounded;
  return { ...bounded, incidents: bounded.incidents.map((i) => ({ ...i, updates: i.updates.slice(-1) })) };
}
