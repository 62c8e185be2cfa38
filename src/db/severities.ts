import type { Severity } from "../domain/severity";
import { type Read, read, run } from "./read";

export function severitiesRead(db: D1Database): Read<Severity[]> {
  return read(
    db.prepare("SELECT name, value FROM severities ORDER BY value, name"),
    (rows: { name: string; value: number }[]) => rows.map((r) => ({ displayName: r.name, value: r.value })),
  );
}

export function listSeverities(db: D1Database): Promise<Severity[]> {
  return run(severitiesRead(db));
}

export function insertSeverity(db: D1Database, s: Severity): D1PreparedStatement {
  return db.prepare("INSERT INTO severities (name, value) VALUES (?1, ?2)").bind(s.displayName, s.value);
}

export function updateSeverity(db: D1Database, name: string, s: Severity): D1PreparedStatement {
  return db
    .prepare("UPDATE severities SET name = ?2, value = ?3 WHERE name = ?1")
    .bind(name, s.displayName, s.value);
}

export function deleteSeverity(db: D1Database, name: string): D1PreparedStatement {
  return db.prepare("DELETE FROM severities WHERE name = ?1").bind(name);
}
