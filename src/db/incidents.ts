import { type Impact, type Incident, MAINTENANCE_SEVERITY } from "../domain/incident";
import { type Read, read, readAll, run } from "./read";

type Row = {
  id: string;
  display_name: string;
  description: string;
  began_at: string;
  ended_at: string | null;
  phase_generation: number;
  phase_order: number;
  monitoring_at: string | null;
  revision: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
};

/** Incidents (as `i`) that are maintenance: those with a severity-0 impact (domain/incident.ts). */
export const IS_MAINTENANCE = `EXISTS (SELECT 1 FROM impacts m WHERE m.incident_id = i.id AND m.severity = ${MAINTENANCE_SEVERITY})`;

type ImpactRow = {
  incident_id: string;
  component_id: string;
  impact_type_id: string;
  severity: number;
  ended_at: string | null;
};

/**
 * The impacts and update orders of many incidents: the two reads that
 * complete their rows. With `ordersUpTo`, only that many of the latest orders
 * are listed and the rest counted, so the public snapshot's cost does not
 * grow with an incident's updates.
 */
function detailReads(db: D1Database, ids: readonly string[], orders: "list" | "count") {
  const list = JSON.stringify(ids);
  return [
    read(
      db
        .prepare(
          `SELECT incident_id, component_id, impact_type_id, severity, ended_at FROM impacts
           WHERE incident_id IN (SELECT value FROM json_each(?1)) ORDER BY incident_id, position`,
        )
        .bind(list),
      (rows: ImpactRow[]) => {
        const affects = new Map<string, Impact[]>();
        for (const r of rows) {
          const impact: Impact = { reference: r.component_id, type: r.impact_type_id, severity: r.severity };
          if (r.ended_at !== null) impact.endedAt = r.ended_at;
          affects.set(r.incident_id, [...(affects.get(r.incident_id) ?? []), impact]);
        }
        return affects;
      },
    ),
    orders === "list"
      ? read(
          db
            .prepare(
              `SELECT incident_id, "order" FROM incident_updates
               WHERE incident_id IN (SELECT value FROM json_each(?1)) ORDER BY incident_id, "order"`,
            )
            .bind(list),
          (rows: { incident_id: string; order: number }[]) => {
            const byIncident = new Map<string, number[]>();
            for (const r of rows)
              byIncident.set(r.incident_id, [...(byIncident.get(r.incident_id) ?? []), r.order]);
            return { orders: byIncident, counts: new Map<string, number>() };
          },
        )
      : read(
          db
            .prepare(
              `SELECT incident_id, COUNT(*) AS n FROM incident_updates
               WHERE incident_id IN (SELECT value FROM json_each(?1)) GROUP BY incident_id`,
            )
            .bind(list),
          (rows: { incident_id: string; n: number }[]) => ({
            orders: new Map<string, number[]>(),
            counts: new Map(rows.map((r) => [r.incident_id, r.n])),
          }),
        ),
  ] as const;
}

function toIncident(r: Row, affects: Map<string, Impact[]>, orders: Map<string, number[]>): Incident {
  return {
    id: r.id,
    displayName: r.display_name,
    description: r.description,
    beganAt: r.began_at,
    endedAt: r.ended_at,
    phase: { generation: r.phase_generation, order: r.phase_order },
    affects: affects.get(r.id) ?? [],
    updates: orders.get(r.id) ?? [],
    monitoringAt: r.monitoring_at,
    revision: r.revision,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    deletedAt: r.deleted_at,
  };
}

/** Incident rows, waiting for their impacts and update orders. */
export type IncidentRows = { readonly rows: Row[] };

/**
 * Completes incident rows, with more reads in the same D1 batch when given:
 * `extra(ids)` may ask for anything keyed by the incidents' ids. With
 * `orders: "count"`, incidents carry no update orders, and `updateCounts`
 * says how many each has (the public snapshot needs no more).
 */
export async function completeIncidents<const X extends readonly Read<unknown>[]>(
  db: D1Database,
  rows: IncidentRows,
  extra: (ids: string[]) => X = () => [] as unknown as X,
  orders: "list" | "count" = "list",
) {
  const ids = rows.rows.map((r) => r.id);
  const [affects, updates, ...more] = await readAll(db, [
    ...detailReads(db, ids, orders),
    ...extra(ids),
  ] as const);
  return {
    incidents: rows.rows.map((r) => toIncident(r, affects, updates.orders)),
    updateCounts: updates.counts,
    extra: more as unknown[],
  };
}

async function hydrate(db: D1Database, rows: Row[]): Promise<Incident[]> {
  if (rows.length === 0) return [];
  return (await completeIncidents(db, { rows })).incidents;
}

/** A live incident by id (deleted ones are gone for API readers). */
export async function getIncident(db: D1Database, id: string): Promise<Incident | null> {
  const row = await db
    .prepare("SELECT * FROM incidents WHERE id = ?1 AND deleted_at IS NULL")
    .bind(id)
    .first<Row>();
  return row ? ((await hydrate(db, [row]))[0] ?? null) : null;
}

/** Incidents that overlap [start, end], newest first; all of them unless a limit is given. */
export async function listIncidents(
  db: D1Database,
  window: { start: string; end: string; limit: number | null; offset?: number },
): Promise<Incident[]> {
  const { results } = await db
    .prepare(
      `SELECT * FROM incidents
       WHERE deleted_at IS NULL AND began_at <= ?2 AND (ended_at IS NULL OR ended_at >= ?1)
       ORDER BY began_at DESC, id LIMIT ?3 OFFSET ?4`,
    )
    .bind(window.start, window.end, window.limit ?? -1, window.offset ?? 0)
    .all<Row>();
  return hydrate(db, results);
}

export type PublicWindow = {
  /** Incidents still open, ended or begun since this time, or changed since `changedSince`, are current. */
  since: string;
  changedSince: string;
  /** At most this many current incidents, newest first. */
  currentCap: number;
  /** The latest this many incidents, and as many maintenance windows, beside the current ones. */
  recent: number;
};

/** What the public page shows: current incidents and the latest incidents and maintenance, in one query. */
export function publicIncidentsRead(db: D1Database, w: PublicWindow): Read<IncidentRows> {
  return read(
    db
      .prepare(
        `SELECT * FROM (SELECT * FROM incidents i WHERE deleted_at IS NULL
             AND (ended_at IS NULL OR ended_at >= ?1 OR began_at >= ?1 OR updated_at >= ?2)
           ORDER BY began_at DESC, id LIMIT ?3)
         UNION SELECT * FROM (SELECT * FROM incidents i WHERE deleted_at IS NULL AND NOT ${IS_MAINTENANCE}
           ORDER BY began_at DESC, id LIMIT ?4)
         UNION SELECT * FROM (SELECT * FROM incidents i WHERE deleted_at IS NULL AND ${IS_MAINTENANCE}
           ORDER BY began_at DESC, id LIMIT ?4)`,
      )
      .bind(w.since, w.changedSince, w.currentCap, w.recent),
    (rows: Row[]) => ({ rows }),
  );
}

/** Incidents and maintenance that have begun by `now`, newest first, one page. */
export async function listBegunIncidents(
  db: D1Database,
  now: string,
  limit: number,
  offset: number,
): Promise<Incident[]> {
  const { results } = await db
    .prepare(
      `SELECT * FROM incidents WHERE deleted_at IS NULL AND began_at <= ?1
       ORDER BY began_at DESC, id LIMIT ?2 OFFSET ?3`,
    )
    .bind(now, limit, offset)
    .all<Row>();
  return hydrate(db, results);
}

/** The incidents that touched a component, newest first. */
export async function listComponentIncidents(
  db: D1Database,
  componentId: string,
  limit: number,
): Promise<Incident[]> {
  const { results } = await db
    .prepare(
      `SELECT * FROM incidents i WHERE deleted_at IS NULL
         AND EXISTS (SELECT 1 FROM impacts m WHERE m.incident_id = i.id AND m.component_id = ?1)
       ORDER BY began_at DESC, id LIMIT ?2`,
    )
    .bind(componentId, limit)
    .all<Row>();
  return hydrate(db, results);
}

/** Live incidents by id, with their impacts. */
export async function getIncidents(db: D1Database, ids: readonly string[]): Promise<Incident[]> {
  if (ids.length === 0) return [];
  const { results } = await db
    .prepare("SELECT * FROM incidents WHERE deleted_at IS NULL AND id IN (SELECT value FROM json_each(?1))")
    .bind(JSON.stringify(ids))
    .all<Row>();
  return hydrate(db, results);
}

/** The names of live incidents, by id. */
export function incidentNamesRead(db: D1Database, ids: readonly string[]): Read<Map<string, string>> {
  return read(
    db
      .prepare(
        "SELECT id, display_name FROM incidents WHERE deleted_at IS NULL AND id IN (SELECT value FROM json_each(?1))",
      )
      .bind(JSON.stringify(ids)),
    (rows: { id: string; display_name: string }[]) => new Map(rows.map((r) => [r.id, r.display_name])),
  );
}

/** Each component's earliest impact, by the beginning of its incident. */
export function firstImpactTimesRead(db: D1Database): Read<Map<string, string>> {
  return read(
    db.prepare(
      `SELECT m.component_id, MIN(i.began_at) AS first FROM impacts m JOIN incidents i ON i.id = m.incident_id
       WHERE i.deleted_at IS NULL GROUP BY m.component_id`,
    ),
    (rows: { component_id: string; first: string }[]) => new Map(rows.map((r) => [r.component_id, r.first])),
  );
}

/** Impacts of incidents active at `at` (begun, not yet ended), maintenance included. */
export type ActiveImpact = Impact & { incidentId: string; componentId: string };

export function activeImpactsRead(db: D1Database, at: string): Read<ActiveImpact[]> {
  return read(
    db
      .prepare(
        `SELECT m.incident_id, m.component_id, m.impact_type_id, m.severity, m.ended_at
         FROM impacts m JOIN incidents i ON i.id = m.incident_id
         WHERE i.deleted_at IS NULL AND i.began_at <= ?1 AND (i.ended_at IS NULL OR i.ended_at > ?1)
           AND (m.ended_at IS NULL OR m.ended_at > ?1)
         ORDER BY i.began_at, m.incident_id, m.position`,
      )
      .bind(at),
    (rows: ImpactRow[]) =>
      rows.map((r) => ({
        incidentId: r.incident_id,
        componentId: r.component_id,
        reference: r.incident_id,
        type: r.impact_type_id,
        severity: r.severity,
      })),
  );
}

export function activeImpacts(db: D1Database, at: string): Promise<ActiveImpact[]> {
  return run(activeImpactsRead(db, at));
}

function impactStatements(
  db: D1Database,
  incidentId: string,
  affects: readonly Impact[],
): D1PreparedStatement[] {
  return affects.map((impact, position) =>
    db
      .prepare(
        "INSERT INTO impacts (incident_id, position, component_id, impact_type_id, severity, ended_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
      )
      .bind(incidentId, position, impact.reference, impact.type, impact.severity, impact.endedAt ?? null),
  );
}

/** A new incident; `monitorId` ties it to the monitor that opened it (one open incident per monitor). */
export function insertIncident(
  db: D1Database,
  i: Incident,
  monitorId: string | null = null,
): D1PreparedStatement[] {
  return [
    db
      .prepare(
        `INSERT INTO incidents (id, display_name, description, began_at, ended_at, phase_generation, phase_order,
                                monitoring_at, revision, created_at, updated_at, monitor_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 0, ?9, ?9, ?10)`,
      )
      .bind(
        i.id,
        i.displayName,
        i.description,
        i.beganAt,
        i.endedAt,
        i.phase.generation,
        i.phase.order,
        i.monitoringAt,
        i.createdAt,
        monitorId,
      ),
    ...impactStatements(db, i.id, i.affects),
  ];
}

/** Replaces the incident's fields and impacts, and bumps its revision. */
export function updateIncident(db: D1Database, i: Incident): D1PreparedStatement[] {
  return [
    db
      .prepare(
        `UPDATE incidents SET display_name = ?2, description = ?3, began_at = ?4, ended_at = ?5,
           phase_generation = ?6, phase_order = ?7, monitoring_at = ?8, revision = revision + 1, updated_at = ?9
         WHERE id = ?1 AND deleted_at IS NULL`,
      )
      .bind(
        i.id,
        i.displayName,
        i.description,
        i.beganAt,
        i.endedAt,
        i.phase.generation,
        i.phase.order,
        i.monitoringAt,
        i.updatedAt,
      ),
    db.prepare("DELETE FROM impacts WHERE incident_id = ?1").bind(i.id),
    ...impactStatements(db, i.id, i.affects),
  ];
}

/** Soft delete: calendars must still learn that a deleted maintenance is cancelled. */
export function deleteIncident(db: D1Database, id: string, at: string): D1PreparedStatement {
  return db
    .prepare(
      "UPDATE incidents SET deleted_at = ?2, updated_at = ?2, revision = revision + 1 WHERE id = ?1 AND deleted_at IS NULL",
    )
    .bind(id, at);
}

export function touchIncident(db: D1Database, id: string, at: string): D1PreparedStatement {
  return db
    .prepare("UPDATE incidents SET updated_at = ?2, revision = revision + 1 WHERE id = ?1")
    .bind(id, at);
}

export type MaintenanceRow = {
  id: string;
  displayName: string;
  beganAt: string;
  endedAt: string | null;
  revision: number;
  updatedAt: string;
  deletedAt: string | null;
  phaseName: string | null;
  latestUpdate: string | null;
  components: string[];
};

/**
 * Maintenance for the calendar, deleted ones included (calendars must learn
 * they are cancelled): those ending after `since`, newest first.
 */
export async function listMaintenanceForCalendar(
  db: D1Database,
  since: string,
  limit: number,
): Promise<MaintenanceRow[]> {
  const { results } = await db
    .prepare(
      `SELECT i.id, i.display_name, i.began_at, i.ended_at, i.revision, i.updated_at, i.deleted_at, p.name AS phase_name,
              (SELECT u.description FROM incident_updates u WHERE u.incident_id = i.id ORDER BY u.created_at DESC, u."order" DESC LIMIT 1) AS latest,
              (SELECT json_group_array(c.display_name) FROM impacts m JOIN components c ON c.id = m.component_id WHERE m.incident_id = i.id) AS names
       FROM incidents i LEFT JOIN phases p ON p.generation = i.phase_generation AND p.position = i.phase_order
       WHERE ${IS_MAINTENANCE}
         AND (i.ended_at IS NULL OR i.ended_at >= ?1)
       ORDER BY i.began_at DESC LIMIT ?2`,
    )
    .bind(since, limit)
    .all<{
      id: string;
      display_name: string;
      began_at: string;
      ended_at: string | null;
      revision: number;
      updated_at: string;
      deleted_at: string | null;
      phase_name: string | null;
      latest: string | null;
      names: string;
    }>();
  return results.map((r) => ({
    id: r.id,
    displayName: r.display_name,
    beganAt: r.began_at,
    endedAt: r.ended_at,
    revision: r.revision,
    updatedAt: r.updated_at,
    deletedAt: r.deleted_at,
    phaseName: r.phase_name,
    latestUpdate: r.latest,
    components: [...new Set(JSON.parse(r.names) as string[])],
  }));
}

export type MaintenanceState = "scheduled" | "started" | "completed";

/** Maintenance whose window opened or closed since the cron last marked it, at most 50. */
export async function dueMaintenanceTransitions(
  db: D1Database,
  now: string,
): Promise<{ id: string; state: MaintenanceState; endedAt: string | null }[]> {
  const { results } = await db
    .prepare(
      `SELECT id, COALESCE(maintenance_state, 'scheduled') AS state, ended_at FROM incidents i
       WHERE deleted_at IS NULL AND ${IS_MAINTENANCE}
         AND ((COALESCE(maintenance_state, 'scheduled') = 'scheduled' AND began_at <= ?1)
           OR (COALESCE(maintenance_state, 'scheduled') <> 'completed' AND ended_at IS NOT NULL AND ended_at <= ?1))
       LIMIT 50`,
    )
    .bind(now)
    .all<{ id: string; state: MaintenanceState; ended_at: string | null }>();
  return results.map((r) => ({ id: r.id, state: r.state, endedAt: r.ended_at }));
}

/** Moves a maintenance window's state on, unless another run already did. */
export function setMaintenanceState(
  db: D1Database,
  id: string,
  from: MaintenanceState,
  to: MaintenanceState,
): D1PreparedStatement {
  return db
    .prepare(
      "UPDATE incidents SET maintenance_state = ?2 WHERE id = ?1 AND COALESCE(maintenance_state, 'scheduled') = ?3",
    )
    .bind(id, to, from);
}
