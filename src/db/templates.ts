import type { Impact } from "../domain/incident";

/** An incident template: what the common incidents start with. */
export type Template = {
  id: string;
  name: string;
  title: string;
  body: string;
  /** The phase (of the latest generation) the incident opens in; null: the first. */
  phaseOrder: number | null;
  affects: Impact[];
  createdAt: string;
  updatedAt: string;
};

type Row = {
  id: string;
  name: string;
  title: string;
  body: string;
  phase_order: number | null;
  affects: string;
  created_at: string;
  updated_at: string;
};

function toTemplate(r: Row): Template {
  return {
    id: r.id,
    name: r.name,
    title: r.title,
    body: r.body,
    phaseOrder: r.phase_order,
    affects: JSON.parse(r.affects) as Impact[],
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function listTemplates(db: D1Database): Promise<Template[]> {
  const { results } = await db
    .prepare("SELECT * FROM templates WHERE deleted_at IS NULL ORDER BY name COLLATE NOCASE, id")
    .all<Row>();
  return results.map(toTemplate);
}

export async function getTemplate(db: D1Database, id: string): Promise<Template | null> {
  const row = await db
    .prepare("SELECT * FROM templates WHERE id = ?1 AND deleted_at IS NULL")
    .bind(id)
    .first<Row>();
  return row ? toTemplate(row) : null;
}

export function insertTemplate(db: D1Database, t: Template): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO templates (id, name, title, body, phase_order, affects, created_at, updated_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)`,
    )
    .bind(t.id, t.name, t.title, t.body, t.phaseOrder, JSON.stringify(t.affects), t.createdAt, t.updatedAt);
}

export function updateTemplate(db: D1Database, t: Template): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE templates SET name = ?2, title = ?3, body = ?4, phase_order = ?5, affects = ?6, updated_at = ?7
       WHERE id = ?1 AND deleted_at IS NULL`,
    )
    .bind(t.id, t.name, t.title, t.body, t.phaseOrder, JSON.stringify(t.affects), t.updatedAt);
}

export function deleteTemplate(db: D1Database, id: string, at: string): D1PreparedStatement {
  return db.prepare("UPDATE templates SET deleted_at = ?2 WHERE id = ?1 AND deleted_at IS NULL").bind(id, at);
}
