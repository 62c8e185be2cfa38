import { type Read, read, run } from "./read";
export type Component = {
  id: string;
  displayName: string;
  description: string | null;
  labels: Record<string, string>;
  group: string | null;
  position: number;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
};

type Row = {
  id: string;
  display_name: string;
  description: string | null;
  labels: string;
  group_id: string | null;
  position: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
};

function toComponent(r: Row): Component {
  return {
    id: r.id,
    displayName: r.display_name,
    description: r.description,
    labels: JSON.parse(r.labels) as Record<string, string>,
    group: r.group_id,
    position: r.position,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    deletedAt: r.deleted_at,
  };
}

/** Live components in display order: by position, then name. */
export function componentsRead(db: D1Database): Read<Component[]> {
  return read(
    db.prepare("SELECT * FROM components WHERE deleted_at IS NULL ORDER BY position, display_name, id"),
    (rows: Row[]) => rows.map(toComponent),
  );
}

export function listComponents(db: D1Database): Promise<Component[]> {
  return run(componentsRead(db));
}

/** A component by id, deleted or not: past incidents still refer to deleted ones. */
export async function getComponent(db: D1Database, id: string): Promise<Component | null> {
  const row = await db.prepare("SELECT * FROM components WHERE id = ?1").bind(id).first<Row>();
  return row ? toComponent(row) : null;
}

export function componentsByIdRead(db: D1Database, ids: readonly string[]): Read<Component[]> {
  return read(
    db
      .prepare("SELECT * FROM components WHERE id IN (SELECT value FROM json_each(?1))")
      .bind(JSON.stringify(ids)),
    (rows: Row[]) => rows.map(toComponent),
  );
}

export async function getComponents(db: D1Database, ids: readonly string[]): Promise<Component[]> {
  return ids.length === 0 ? [] : run(componentsByIdRead(db, ids));
}

export async function countChildren(db: D1Database, id: string): Promise<number> {
  const row = await db
    .prepare("SELECT COUNT(*) AS n FROM components WHERE group_id = ?1 AND deleted_at IS NULL")
    .bind(id)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

export function insertComponent(db: D1Database, c: Component): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO components (id, display_name, description, labels, group_id, position, created_at, updated_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)`,
    )
    .bind(
      c.id,
      c.displayName,
      c.description,
      JSON.stringify(c.labels),
      c.group,
      c.position,
      c.createdAt,
      c.updatedAt,
    );
}

export function updateComponent(db: D1Database, c: Component): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE components SET display_name = ?2, description = ?3, labels = ?4, group_id = ?5, position = ?6, updated_at = ?7
       WHERE id = ?1 AND deleted_at IS NULL`,
    )
    .bind(c.id, c.displayName, c.description, JSON.stringify(c.labels), c.group, c.position, c.updatedAt);
}

/** Soft delete: the row stays for history; a deleted group's children move to the top level. */
export function deleteComponent(db: D1Database, id: string, at: string): D1PreparedStatement[] {
  return [
    db
      .prepare("UPDATE components SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1 AND deleted_at IS NULL")
      .bind(id, at),
    db
      .prepare(
        "UPDATE components SET group_id = NULL, updated_at = ?2 WHERE group_id = ?1 AND deleted_at IS NULL",
      )
      .bind(id, at),
  ];
}
