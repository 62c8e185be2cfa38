/**
 * Reads for the detail pages, each one D1 batch, shaped like the snapshot so
 * the same views serve both (and a page can fall back to the snapshot).
 */
import {
  type ImpactRow,
  INCIDENT_COLUMNS,
  type IncidentRow,
  lookups,
  rows,
  shapeIncidents,
  type UpdateRow,
} from "./shape";
import type { SnapIncident } from "./types";

/** Incidents chosen by a subquery over `incidents i`, with their impacts and updates. */
async function loadWhere(
  db: D1Database,
  where: string,
  binds: unknown[],
  tail = "",
): Promise<SnapIncident[]> {
  const chosen = `SELECT i.id FROM incidents i WHERE ${where} ${tail}`;
  const [incidents, impacts, updates, types, phases] = await db.batch([
    db.prepare(`SELECT ${INCIDENT_COLUMNS} FROM incidents i WHERE ${where} ${tail}`).bind(...binds),
    db
      .prepare(
        `SELECT incident_id, component_id, impact_type_id, severity FROM impacts
         WHERE incident_id IN (${chosen}) ORDER BY incident_id, position`,
      )
      .bind(...binds),
    db
      .prepare(
        `SELECT incident_id, "order", id, display_name, description, created_at FROM incident_updates
         WHERE incident_id IN (${chosen})`,
      )
      .bind(...binds),
    db.prepare("SELECT id, display_name FROM impact_types"),
    db.prepare("SELECT generation, position, name FROM phases"),
  ]);
  return shapeIncidents(
    rows<IncidentRow>(incidents),
    rows<ImpactRow>(impacts),
    rows<UpdateRow>(updates),
    lookups(rows(types), rows(phases)),
  );
}

export async function loadIncident(db: D1Database, id: string): Promise<SnapIncident | null> {
  const [incident] = await loadWhere(db, "i.id = ?1 AND i.deleted_at IS NULL", [id]);
  return incident ?? null;
}

/** Incidents and maintenance that have begun, newest first: one page plus one row to tell if more follow. */
export async function loadHistoryPage(
  db: D1Database,
  now: string,
  page: number,
  size: number,
): Promise<SnapIncident[]> {
  return loadWhere(
    db,
    "i.deleted_at IS NULL AND i.began_at <= ?1",
    [now, size + 1, (page - 1) * size],
    "ORDER BY i.began_at DESC, i.id LIMIT ?2 OFFSET ?3",
  );
}

/** The incidents that touched a component, newest first. */
export async function loadComponentIncidents(
  db: D1Database,
  componentId: string,
  limit: number,
): Promise<SnapIncident[]> {
  return loadWhere(
    db,
    "i.deleted_at IS NULL AND EXISTS (SELECT 1 FROM impacts m WHERE m.incident_id = i.id AND m.component_id = ?1)",
    [componentId, limit],
    "ORDER BY i.began_at DESC, i.id LIMIT ?2",
  );
}
