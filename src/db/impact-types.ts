import { type Read, read, run } from "./read";
export type ImpactType = {
  id: string;
  displayName: string;
  description: string | null;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
};

type Row = {
  id: string;
  display_name: string;
  description: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
};

function toImpactType(r: Row): ImpactType {
  return {
    id: r.id,
    displayName: r.display_name,
    description: r.description,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    deletedAt: r.deleted_at,
  };
}

export async function listImpactTypes(db: D1Database): Promise<ImpactType[]> {
  const { results } = await db
    .prepare("SELECT * FROM impact_types WHERE deleted_at IS NULL ORDER BY display_name, id")
    .all<Row>();
  return results.map(toImpactType);
}

/** An impact type by id, deleted or not. */
export async function getImpactType(db: D1Database, id: string): Promise<ImpactType | null> {
  const row = await db.prepare("SELECT * FROM impact_types WHERE id = ?1").bind(id).first<Row>();
  return row ? toImpactType(row) : null;
}

export async function getImpactTypes(db: D1Database, ids: readonly string[]): Promise<ImpactType[]> {
  if (ids.length === 0) return [];
  const { results } = await db
    .prepare("SELECT * FROM impact_types WHERE id IN (SELECT value FROM json_each(?1))")
    .bind(JSON.stringify(ids))
    .all<Row>();
  return results.map(toImpactType);
}

export function insertImpactType(db: D1Database, t: ImpactType): D1PreparedStatement {
  return db
    .prepare(
      "INSERT INTO impact_types (id, display_name, description, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)",
    )
    .bind(t.id, t.displayName, t.description, t.createdAt, t.updatedAt);
}

export function updateImpactType(db: D1Database, t: ImpactType): D1PreparedStatement {
  return db
    .prepare(
      "UPDATE impact_types SET display_name = ?2, description = ?3, updated_at = ?4 WHERE id = ?1 AND deleted_at IS NULL",
    )
    .bind(t.id, t.displayName, t.description, t.updatedAt);
}

/** Soft delete: incidents that used the type keep pointing at it. */
export function deleteImpactType(db: D1Database, id: string, at: string): D1PreparedStatement {
  return db
    .prepare("UPDATE impact_types SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1 AND deleted_at IS NULL")
    .bind(id, at);
}

/** Names of every impact type, deleted ones included: history still names them. */
export function impactTypeNamesRead(db: D1Database): Read<Map<string, string>> {
  return read(
    db.prepare("SELECT id, display_name FROM impact_types"),
    (rows: { id: string; display_name: string }[]) => new Map(rows.map((r) => [r.id, r.display_name])),
  );
}

export function impactTypeNames(db: D1Database): Promise<Map<string, string>> {
  return run(impactTypeNamesRead(db));
}
