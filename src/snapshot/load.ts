/**
 * Reads for the detail pages, shaped like the snapshot so the same views
 * serve both (and a page can fall back to the snapshot). They hold every
 * update and the whole text, where the snapshot keeps only the latest few.
 */
import { impactTypeNames } from "../db/impact-types";
import { getIncident, listBegunIncidents, listComponentIncidents, listIncidents } from "../db/incidents";
import { allPhases } from "../db/phases";
import { listUpdatesOf } from "../db/updates";
import type { Incident } from "../domain/incident";
import { DAY_MS, iso } from "../domain/time";
import { shapeIncidents } from "./shape";
import type { SnapIncident } from "./types";

async function shaped(db: D1Database, incidents: Incident[]): Promise<SnapIncident[]> {
  if (incidents.length === 0) return [];
  const [updates, typeNames, phases] = await Promise.all([
    listUpdatesOf(
      db,
      incidents.map((i) => i.id),
    ),
    impactTypeNames(db),
    allPhases(db),
  ]);
  return shapeIncidents(incidents, updates, { typeNames, phases: phases.lists });
}

export async function loadIncident(db: D1Database, id: string): Promise<SnapIncident | null> {
  const incident = await getIncident(db, id);
  return incident ? ((await shaped(db, [incident]))[0] ?? null) : null;
}

/** Incidents and maintenance that have begun, newest first: one page plus one row to tell if more follow. */
export async function loadHistoryPage(
  db: D1Database,
  now: string,
  page: number,
  size: number,
): Promise<SnapIncident[]> {
  return shaped(db, await listBegunIncidents(db, now, size + 1, (page - 1) * size));
}

/** Incidents and maintenance that overlapped one UTC day, newest first. */
export async function loadDay(db: D1Database, day: string): Promise<SnapIncident[]> {
  const start = Date.parse(`${day}T00:00:00.000Z`);
  return shaped(db, await listIncidents(db, { start: iso(start), end: iso(start + DAY_MS - 1), limit: 200 }));
}

/** The incidents that touched a component, newest first. */
export async function loadComponentIncidents(
  db: D1Database,
  componentId: string,
  limit: number,
): Promise<SnapIncident[]> {
  return shaped(db, await listComponentIncidents(db, componentId, limit));
}
