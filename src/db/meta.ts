import { type Read, read, run } from "./read";
/** The data version: moved in the same batch as every change the page shows. */
export function bumpDataVersion(db: D1Database): D1PreparedStatement {
  return db.prepare("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'data_version'");
}

function metaRead<T>(db: D1Database, key: string, map: (value: string | undefined) => T): Read<T> {
  return read(db.prepare("SELECT value FROM meta WHERE key = ?1").bind(key), (rows: { value: string }[]) =>
    map(rows[0]?.value),
  );
}

export function dataVersionRead(db: D1Database): Read<number> {
  return metaRead(db, "data_version", (v) => Number(v ?? 0));
}

export function dataVersion(db: D1Database): Promise<number> {
  return run(dataVersionRead(db));
}

/** The page's stable id in the Statuspage-compatible API. */
export function pageIdRead(db: D1Database): Read<string> {
  return metaRead(db, "page_id", (v) => v ?? "beacon");
}

/** The component statuses last announced in component.status_changed events. */
export function announcedStatusesRead(db: D1Database): Read<Record<string, string>> {
  return metaRead(db, "component_statuses", (v) => JSON.parse(v ?? "{}") as Record<string, string>);
}

export function saveAnnouncedStatuses(db: D1Database, statuses: Record<string, string>): D1PreparedStatement {
  return db
    .prepare("UPDATE meta SET value = ?1 WHERE key = 'component_statuses'")
    .bind(JSON.stringify(statuses));
}

/** The key that signs subscribers' links: made once, on first use, and kept in D1. */
export async function mailKey(db: D1Database): Promise<string> {
  const fresh = Array.from(crypto.getRandomValues(new Uint8Array(32)), (b) =>
    b.toString(16).padStart(2, "0"),
  ).join("");
  const row = await db
    .prepare(
      "INSERT INTO meta (key, value) VALUES ('mail_key', ?1) ON CONFLICT (key) DO UPDATE SET value = value RETURNING value",
    )
    .bind(fresh)
    .first<{ value: string }>();
  return row?.value ?? fresh;
}
