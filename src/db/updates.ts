import { type Read, read, run } from "./read";
export type IncidentUpdate = {
  incidentId: string;
  order: number;
  id: string;
  displayName: string;
  description: string;
  createdAt: string;
};

type Row = {
  incident_id: string;
  order: number;
  id: string;
  display_name: string;
  description: string;
  created_at: string;
};

function toUpdate(r: Row): IncidentUpdate {
  return {
    incidentId: r.incident_id,
    order: r.order,
    id: r.id,
    displayName: r.display_name,
    description: r.description,
    createdAt: r.created_at,
  };
}

export async function listUpdates(db: D1Database, incidentId: string): Promise<IncidentUpdate[]> {
  const { results } = await db
    .prepare('SELECT * FROM incident_updates WHERE incident_id = ?1 ORDER BY "order"')
    .bind(incidentId)
    .all<Row>();
  return results.map(toUpdate);
}

/**
 * Updates of many incidents, oldest first; with `latest`, only the newest
 * `latest` of each (the public snapshot stays small however much is written).
 */
export function updatesOfRead(
  db: D1Database,
  incidentIds: readonly string[],
  latest: number | null = null,
): Read<IncidentUpdate[]> {
  // The newest `latest` of each incident by a range on the primary key, so
  // the cost does not grow with an incident's number of updates.
  return read(
    db
      .prepare(
        `SELECT * FROM incident_updates u WHERE incident_id IN (SELECT value FROM json_each(?1))
           AND (?2 IS NULL OR "order" > (SELECT MAX("order") FROM incident_updates x WHERE x.incident_id = u.incident_id) - ?2)
         ORDER BY incident_id, "order"`,
      )
      .bind(JSON.stringify(incidentIds), latest),
    (rows: Row[]) => rows.map(toUpdate),
  );
}

export async function listUpdatesOf(
  db: D1Database,
  incidentIds: readonly string[],
  latest: number | null = null,
): Promise<IncidentUpdate[]> {
  return incidentIds.length === 0 ? [] : run(updatesOfRead(db, incidentIds, latest));
}

export async function getUpdate(
  db: D1Database,
  incidentId: string,
  order: number,
): Promise<IncidentUpdate | null> {
  const row = await db
    .prepare('SELECT * FROM incident_updates WHERE incident_id = ?1 AND "order" = ?2')
    .bind(incidentId, order)
    .first<Row>();
  return row ? toUpdate(row) : null;
}

/**
 * Appends an update with the next order. The order is computed inside the
 * INSERT, and D1 runs writes one at a time, so concurrent posts get distinct,
 * contiguous orders.
 */
export function insertUpdate(db: D1Database, u: Omit<IncidentUpdate, "order">): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO incident_updates (incident_id, "order", id, display_name, description, created_at)
       SELECT ?1, COALESCE(MAX("order") + 1, 0), ?2, ?3, ?4, ?5 FROM incident_updates WHERE incident_id = ?1
       RETURNING "order"`,
    )
    .bind(u.incidentId, u.id, u.displayName, u.description, u.createdAt);
}

export function updateUpdate(db: D1Database, u: IncidentUpdate): D1PreparedStatement {
  return db
    .prepare(
      'UPDATE incident_updates SET display_name = ?3, description = ?4, created_at = ?5 WHERE incident_id = ?1 AND "order" = ?2',
    )
    .bind(u.incidentId, u.order, u.displayName, u.description, u.createdAt);
}

export function deleteUpdate(db: D1Database, incidentId: string, order: number): D1PreparedStatement {
  return db
    .prepare('DELETE FROM incident_updates WHERE incident_id = ?1 AND "order" = ?2')
    .bind(incidentId, order);
}
