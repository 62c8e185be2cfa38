import { type Component, componentsRead } from "../db/components";
import { impactTypeNamesRead } from "../db/impact-types";
import {
  completeIncidents,
  firstImpactTimesRead,
  incidentNamesRead,
  publicIncidentsRead,
} from "../db/incidents";
import { dataVersionRead, pageIdRead } from "../db/meta";
import { type ComponentProbeDay, componentProbeDaysRead, monitorSummaryRead } from "../db/monitors";
import { allPhasesRead } from "../db/phases";
import { readAll } from "../db/read";
import { type DayRollup, HISTORY_DAYS, rollupsRead } from "../db/rollups";
import { severitiesRead } from "../db/severities";
import { lastFinishedTickRead } from "../db/ticks";
import { type IncidentUpdate, updatesOfRead } from "../db/updates";
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
 * Reads what the public side needs from D1 in two batches and shapes it.
 * Runs on writes and in the cron, never on a page view. A batch is one
 * transaction, so the content matches the data version it is stored under.
 */
export async function buildSnapshot(db: D1Database, now: number): Promise<Snapshot> {
  const today = startOfDay(now);
  const firstDay = dayKey(today - (HISTORY_DAYS - 1) * DAY_MS);
  const todayKey = dayKey(today);
  const [
    version,
    components,
    first,
    severities,
    incidentRows,
    typeNames,
    phases,
    rollups,
    probeRows,
    monitors,
    lastTick,
    id,
  ] = await readAll(db, [
    dataVersionRead(db),
    componentsRead(db),
    firstImpactTimesRead(db),
    severitiesRead(db),
    publicIncidentsRead(db, {
      since: iso(today - DAY_MS),
      changedSince: iso(now - 7 * DAY_MS),
      currentCap: CURRENT_CAP,
      recent: RECENT,
    }),
    impactTypeNamesRead(db),
    allPhasesRead(db),
    rollupsRead(db, firstDay),
    componentProbeDaysRead(db, firstDay),
    monitorSummaryRead(db),
    lastFinishedTickRead(db),
    pageIdRead(db),
  ] as const);
  const finishedRollups = rollups.filter((r) => r.day < todayKey);
  const rollupIds = [...new Set(finishedRollups.flatMap((r) => r.incidentIds))];
  const completed = await completeIncidents(
    db,
    incidentRows,
    (ids) => [updatesOfRead(db, ids, SNAPSHOT_UPDATES), incidentNamesRead(db, rollupIds)],
    "count",
  );
  const [updates, names] = completed.extra as [IncidentUpdate[], Map<string, string>];
  const incidents = shapeIncidents(
    completed.incidents,
    updates,
    { typeNames, phases: phases.lists, updateCounts: completed.updateCounts },
    { maxChars: SNAPSHOT_TEXT_CHARS },
  ).sort((a, b) => (a.beganAt < b.beganAt ? 1 : a.beganAt > b.beganAt ? -1 : a.id.localeCompare(b.id)));
  const snapComponents = components.map((c) => snapComponent(c, first.get(c.id)));
  const snapshot: Snapshot = {
    schema: SNAPSHOT_SCHEMA,
    version,
    builtAt: iso(now),
    updatedAt: latestChange(snapComponents, incidents),
    severities,
    bounds: bandBounds(severities),
    components: snapComponents,
    incidents,
    days: dayRollups(finishedRollups, names),
    probeDays: probeHistory(probeRows, todayKey),
    monitored: monitors.enabled > 0,
    checkIntervalSeconds: monitors.shortestSeconds ?? 60,
    lastTickAt: lastTick?.finishedAt ?? null,
    pageId: id,
  };
  return boundSize(snapshot, iso(now), SNAPSHOT_MAX_BYTES);
}

function latestChange(components: readonly SnapComponent[], incidents: readonly SnapIncident[]): string {
  return [...components.map((c) => c.updatedAt), ...incidents.map((i) => i.updatedAt)].reduce(
    (max, t) => (t > max ? t : max),
    "1970-01-01T00:00:00.000Z",
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

/** Finished days of each component's history, oldest first, naming their first incidents. */
function dayRollups(
  rollups: readonly DayRollup[],
  names: ReadonlyMap<string, string>,
): Record<string, SnapDay[]> {
  const days: Record<string, SnapDay[]> = {};
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

function probeHistory(rows: readonly ComponentProbeDay[], todayKey: string): Record<string, SnapProbeDay[]> {
  const out: Record<string, SnapProbeDay[]> = {};
  for (const r of rows) {
    if (r.day >= todayKey) continue;
    const list = out[r.componentId] ?? [];
    out[r.componentId] = list;
    list.push({ day: r.day, down: r.down, slow: r.slow, covered: r.covered });
  }
  return out;
}

const encoder = new TextEncoder();

function byteSize(value: unknown): number {
  return encoder.encode(JSON.stringify(value)).byteLength;
}

/** Snapshots' JSON, kept from the size check so that storing them does not stringify again. */
const jsonOf = new WeakMap<Snapshot, string>();

function withJson(snapshot: Snapshot, json: string): Snapshot {
  jsonOf.set(snapshot, json);
  return snapshot;
}

/** The snapshot as stored in D1 and KV. */
export function snapshotJson(snapshot: Snapshot): string {
  return jsonOf.get(snapshot) ?? JSON.stringify(snapshot);
}

/**
 * Keeps the snapshot under `maxBytes`: first the oldest incidents that are
 * over go, then every incident keeps only its latest update. Active incidents
 * stay whatever their size, so an outage always reaches the page. Sizes are
 * measured once: the whole, then each incident only when some must go.
 */
export function boundSize(snapshot: Snapshot, now: string, maxBytes: number): Snapshot {
  const json = JSON.stringify(snapshot);
  // UTF-8 takes at most 3 bytes per UTF-16 unit: most snapshots need no encoding to know they fit.
  if (json.length * 3 <= maxBytes) return withJson(snapshot, json);
  let size = encoder.encode(json).byteLength;
  if (size <= maxBytes) return withJson(snapshot, json);
  const dropped = new Set<string>();
  for (let i = snapshot.incidents.length - 1; i >= 0 && size > maxBytes; i--) {
    const incident = snapshot.incidents[i] as SnapIncident;
    if (isActive(incident, now) || incident.beganAt > now) continue;
    dropped.add(incident.id);
    size -= byteSize(incident) + 1; // and its comma
  }
  const bounded = { ...snapshot, incidents: snapshot.incidents.filter((i) => !dropped.has(i.id)) };
  if (size <= maxBytes) return bounded;
  return { ...bounded, incidents: bounded.incidents.map((i) => ({ ...i, updates: i.updates.slice(-1) })) };
}
