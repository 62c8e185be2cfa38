import { HISTORY_DAYS, readRollups } from "../db/rollups";
import { bandBounds, type Severity } from "../domain/severity";
import { DAY_MS, dayKey, iso, startOfDay } from "../domain/time";
import {
  type ImpactRow,
  INCIDENT_COLUMNS,
  type IncidentRow,
  lookups,
  rows,
  shapeIncidents,
  type UpdateRow,
} from "./shape";
import { SNAPSHOT_SCHEMA, type SnapComponent, type SnapDay, type SnapProbeDay, type Snapshot } from "./types";

const IS_MAINTENANCE = "EXISTS (SELECT 1 FROM impacts m WHERE m.incident_id = i.id AND m.severity = 0)";
const RECENT = 50;

/**
 * Reads what the public side needs from D1 (two batches) and shapes it.
 * Runs on writes and in the cron, never on a page view.
 */
export async function buildSnapshot(db: D1Database, now: number): Promise<Snapshot> {
  const today = startOfDay(now);
  const since = iso(today - DAY_MS);
  const firstDay = dayKey(today - (HISTORY_DAYS - 1) * DAY_MS);
  const [
    version,
    components,
    firstImpacts,
    severities,
    current,
    recentIncidents,
    recentMaintenance,
    types,
    phases,
    lastTick,
    probeRows,
    monitorCount,
    pageId,
  ] = await db.batch([
    db.prepare("SELECT CAST(value AS INTEGER) AS v FROM meta WHERE key = 'data_version'"),
    db.prepare(
      "SELECT id, display_name, description, group_id, position, created_at, updated_at FROM components WHERE deleted_at IS NULL",
    ),
    db.prepare(
      `SELECT m.component_id, MIN(i.began_at) AS first FROM impacts m JOIN incidents i ON i.id = m.incident_id
         WHERE i.deleted_at IS NULL GROUP BY m.component_id`,
    ),
    db.prepare("SELECT name, value FROM severities ORDER BY value"),
    db
      .prepare(
        `SELECT ${INCIDENT_COLUMNS} FROM incidents i WHERE deleted_at IS NULL
           AND (ended_at IS NULL OR ended_at >= ?1 OR began_at >= ?1 OR updated_at >= ?2)`,
      )
      .bind(since, iso(now - 7 * DAY_MS)),
    db.prepare(
      `SELECT ${INCIDENT_COLUMNS} FROM incidents i WHERE deleted_at IS NULL AND NOT ${IS_MAINTENANCE}
         ORDER BY began_at DESC LIMIT ${RECENT}`,
    ),
    db.prepare(
      `SELECT ${INCIDENT_COLUMNS} FROM incidents i WHERE deleted_at IS NULL AND ${IS_MAINTENANCE}
         ORDER BY began_at DESC LIMIT ${RECENT}`,
    ),
    db.prepare("SELECT id, display_name FROM impact_types"),
    db.prepare("SELECT generation, position, name FROM phases"),
    db.prepare("SELECT finished_at FROM ticks WHERE finished_at IS NOT NULL ORDER BY minute DESC LIMIT 1"),
    db
      .prepare(
        `SELECT m.component_id, d.day, MAX(d.down_minutes) AS down, MAX(d.slow_minutes) AS slow, MAX(d.covered_minutes) AS covered
         FROM monitor_days d JOIN monitors m ON m.id = d.monitor_id
         WHERE m.component_id IS NOT NULL AND d.day >= ?1 GROUP BY m.component_id, d.day`,
      )
      .bind(firstDay),
    db.prepare(
      "SELECT COUNT(*) AS n, MIN(interval_seconds) AS shortest FROM monitors WHERE deleted_at IS NULL AND enabled = 1",
    ),
    db.prepare("SELECT value FROM meta WHERE key = 'page_id'"),
  ]);

  const incidentRows = new Map<string, IncidentRow>();
  for (const r of [
    ...rows<IncidentRow>(current),
    ...rows<IncidentRow>(recentIncidents),
    ...rows<IncidentRow>(recentMaintenance),
  ]) {
    incidentRows.set(r.id, r);
  }
  const ids = JSON.stringify([...incidentRows.keys()]);
  const [impacts, updates] = await db.batch([
    db
      .prepare(
        `SELECT incident_id, component_id, impact_type_id, severity FROM impacts
         WHERE incident_id IN (SELECT value FROM json_each(?1)) ORDER BY incident_id, position`,
      )
      .bind(ids),
    db
      .prepare(
        `SELECT incident_id, "order", id, display_name, description, created_at FROM incident_updates
         WHERE incident_id IN (SELECT value FROM json_each(?1)) ORDER BY incident_id, "order"`,
      )
      .bind(ids),
  ]);
  const rollups = await readRollups(db, firstDay);

  const severityList: Severity[] = rows<{ name: string; value: number }>(severities).map((s) => ({
    displayName: s.name,
    value: s.value,
  }));
  const incidents = shapeIncidents(
    [...incidentRows.values()],
    rows<ImpactRow>(impacts),
    rows<UpdateRow>(updates),
    lookups(rows(types), rows(phases)),
  );
  incidents.sort((a, b) =>
    a.beganAt < b.beganAt ? 1 : a.beganAt > b.beganAt ? -1 : a.id.localeCompare(b.id),
  );

  const first = new Map(
    rows<{ component_id: string; first: string }>(firstImpacts).map((r) => [r.component_id, r.first]),
  );
  const snapComponents: SnapComponent[] = rows<{
    id: string;
    display_name: string;
    description: string | null;
    group_id: string | null;
    position: number;
    created_at: string;
    updated_at: string;
  }>(components).map((c) => {
    const earliest = first.get(c.id);
    return {
      id: c.id,
      name: c.display_name,
      description: c.description,
      group: c.group_id,
      position: c.position,
      createdAt: c.created_at,
      updatedAt: c.updated_at,
      existsFrom: earliest && earliest < c.created_at ? earliest : c.created_at,
    };
  });
  snapComponents.sort(
    (a, b) => a.position - b.position || a.name.localeCompare(b.name) || a.id.localeCompare(b.id),
  );

  const todayKey = dayKey(today);
  const days: Record<string, SnapDay[]> = {};
  for (const r of rollups) {
    if (r.day >= todayKey) continue;
    const list = days[r.componentId] ?? [];
    list.push({
      day: r.day,
      major: r.major,
      partial: r.partial,
      minor: r.minor,
      maintenance: r.maintenance,
      incidents: r.incidentIds.length,
    });
    days[r.componentId] = list;
  }
  for (const list of Object.values(days)) list.sort((a, b) => (a.day < b.day ? -1 : 1));

  const probeDays: Record<string, SnapProbeDay[]> = {};
  for (const r of rows<{ component_id: string; day: string; down: number; slow: number; covered: number }>(
    probeRows,
  )) {
    if (r.day >= todayKey) continue;
    const list = probeDays[r.component_id] ?? [];
    list.push({ day: r.day, down: r.down, slow: r.slow, covered: r.covered });
    probeDays[r.component_id] = list;
  }

  const updatedAt = [...snapComponents.map((c) => c.updatedAt), ...incidents.map((i) => i.updatedAt)].reduce(
    (max, t) => (t > max ? t : max),
    "1970-01-01T00:00:00.000Z",
  );

  return {
    schema: SNAPSHOT_SCHEMA,
    version: rows<{ v: number }>(version)[0]?.v ?? 0,
    builtAt: iso(now),
    updatedAt,
    severities: severityList,
    bounds: bandBounds(severityList),
    components: snapComponents,
    incidents,
    days,
    probeDays,
    monitored: (rows<{ n: number }>(monitorCount)[0]?.n ?? 0) > 0,
    checkIntervalSeconds: rows<{ shortest: number | null }>(monitorCount)[0]?.shortest ?? 60,
    lastTickAt: rows<{ finished_at: string }>(lastTick)[0]?.finished_at ?? null,
    pageId: rows<{ value: string }>(pageId)[0]?.value ?? "beacon",
  };
}
