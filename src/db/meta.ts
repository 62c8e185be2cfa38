/** The data version: moved in the same batch as every change the page shows. */
export function bumpDataVersion(db: D1Database): D1PreparedStatement {
  return db.prepare("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'data_version'");
}

export async function dataVersion(db: D1Database): Promise<number> {
  const row = await db
    .prepare("SELECT value FROM meta WHERE key = 'data_version'")
    .first<{ value: string }>();
  return Number(row?.value ?? 0);
}

/** The page's stable id in the Statuspage-compatible API. */
export async function pageId(db: D1Database): Promise<string> {
  const row = await db.prepare("SELECT value FROM meta WHERE key = 'page_id'").first<{ value: string }>();
  return row?.value ?? "beacon";
}

/** The component statuses last announced in component.status_changed events. */
export async function announcedStatuses(db: D1Database): Promise<Record<string, string>> {
  const row = await db
    .prepare("SELECT value FROM meta WHERE key = 'component_statuses'")
    .first<{ value: string }>();
  return JSON.parse(row?.value ?? "{}") as Record<string, string>;
}

export function saveAnnouncedStatuses(db: D1Database, statuses: Record<string, string>): D1PreparedStatement {
  return db
    .prepare("UPDATE meta SET value = ?1 WHERE key = 'component_statuses'")
    .bind(JSON.stringify(statuses));
}
