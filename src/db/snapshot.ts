/** The snapshot row in D1, and the bookkeeping of its KV copy. */

export type StoredSnapshot = {
  version: number;
  builtAt: string;
  body: string | null;
  dataVersion: number;
  lastTickAt: string | null;
};

/**
 * One query for a page view: the current data version, and the stored body
 * only when its version differs from the one the caller already holds.
 */
export async function readStoredSnapshot(
  db: D1Database,
  heldVersion: number,
): Promise<StoredSnapshot | null> {
  const row = await db
    .prepare(
      `SELECT s.version, s.built_at, CASE WHEN s.version = ?1 THEN NULL ELSE s.body END AS body,
              (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'data_version') AS data_version,
              (SELECT MAX(finished_at) FROM ticks) AS last_tick_at
       FROM snapshot s WHERE s.id = 1`,
    )
    .bind(heldVersion)
    .first<{
      version: number;
      built_at: string;
      body: string | null;
      data_version: number;
      last_tick_at: string | null;
    }>();
  if (!row) return null;
  return {
    version: row.version,
    builtAt: row.built_at,
    body: row.body,
    dataVersion: row.data_version,
    lastTickAt: row.last_tick_at,
  };
}

/** Stores a snapshot unless a newer one is already there (two writers may race). */
export function storeSnapshotStatement(
  db: D1Database,
  version: number,
  builtAt: string,
  body: string,
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO snapshot (id, version, built_at, body) VALUES (1, ?1, ?2, ?3)
       ON CONFLICT (id) DO UPDATE SET version = excluded.version, built_at = excluded.built_at, body = excluded.body
       WHERE excluded.version >= snapshot.version`,
    )
    .bind(version, builtAt, body);
}

export async function kvPublication(db: D1Database): Promise<{ version: number; at: string }> {
  const { results } = await db
    .prepare("SELECT key, value FROM meta WHERE key IN ('kv_published_version', 'kv_published_at')")
    .all<{ key: string; value: string }>();
  const get = (k: string) => results.find((r) => r.key === k)?.value;
  return {
    version: Number(get("kv_published_version") ?? 0),
    at: get("kv_published_at") ?? "1970-01-01T00:00:00.000Z",
  };
}

export function recordKvPublication(db: D1Database, version: number, at: string): D1PreparedStatement[] {
  return [
    db.prepare("UPDATE meta SET value = ?1 WHERE key = 'kv_published_version'").bind(String(version)),
    db.prepare("UPDATE meta SET value = ?1 WHERE key = 'kv_published_at'").bind(at),
  ];
}

/** The stored snapshot's version and build time, and the data version, without the body. */
export async function snapshotState(
  db: D1Database,
): Promise<{ version: number; builtAt: string; dataVersion: number } | null> {
  const row = await db
    .prepare(
      `SELECT s.version, s.built_at, (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'data_version') AS data_version
       FROM snapshot s WHERE s.id = 1`,
    )
    .first<{ version: number; built_at: string; data_version: number }>();
  return row ? { version: row.version, builtAt: row.built_at, dataVersion: row.data_version } : null;
}
