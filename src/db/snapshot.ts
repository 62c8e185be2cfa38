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

/** What the cron's snapshot step decides on, in one query: the stored version, the data version, the last finalised day and the version KV holds. */
export async function snapshotBookkeeping(db: D1Database): Promise<{
  stored: { version: number; dataVersion: number } | null;
  finalisedDay: string;
  kvVersion: number;
}> {
  const row = await db
    .prepare(
      `SELECT s.version,
              (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'data_version') AS data_version,
              (SELECT value FROM meta WHERE key = 'finalised_day') AS finalised_day,
              (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'kv_published_version') AS kv_version
       FROM (SELECT 1) LEFT JOIN snapshot s ON s.id = 1`,
    )
    .first<{
      version: number | null;
      data_version: number;
      finalised_day: string | null;
      kv_version: number | null;
    }>();
  return {
    stored:
      row && row.version !== null
        ? { version: row.version, dataVersion: Number(row.data_version ?? 0) }
        : null,
    finalisedDay: row?.finalised_day ?? "",
    kvVersion: Number(row?.kv_version ?? 0),
  };
}
