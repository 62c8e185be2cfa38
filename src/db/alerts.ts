import type { ReceiverConfig, StoredAlert } from "../domain/alert-group";

export async function alertConfig(db: D1Database): Promise<ReceiverConfig> {
  const row = await db
    .prepare("SELECT value FROM meta WHERE key = 'alertmanager'")
    .first<{ value: string }>();
  return JSON.parse(row?.value ?? "{}") as ReceiverConfig;
}

export function saveAlertConfig(db: D1Database, config: ReceiverConfig): D1PreparedStatement {
  return db
    .prepare(
      "INSERT INTO meta (key, value) VALUES ('alertmanager', ?1) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )
    .bind(JSON.stringify(config));
}

export async function groupState(
  db: D1Database,
  groupKey: string,
): Promise<{ incidentId: string | null; alerts: StoredAlert[] }> {
  const [group, alerts] = await db.batch([
    db.prepare("SELECT incident_id FROM alert_groups WHERE group_key = ?1").bind(groupKey),
    db.prepare("SELECT * FROM alerts WHERE group_key = ?1").bind(groupKey),
  ]);
  return {
    incidentId: ((group?.results?.[0] as { incident_id: string } | undefined)?.incident_id ?? null) as
      | string
      | null,
    alerts: (
      (alerts?.results ?? []) as {
        fingerprint: string;
        status: "firing" | "resolved";
        component_id: string;
        severity: number;
        name: string;
        starts_at: string | null;
        ends_at: string | null;
      }[]
    ).map((r) => ({
      fingerprint: r.fingerprint,
      status: r.status,
      componentId: r.component_id,
      severity: r.severity,
      name: r.name,
      startsAt: r.starts_at,
      endsAt: r.ends_at,
    })),
  };
}

export function upsertAlert(
  db: D1Database,
  groupKey: string,
  a: StoredAlert,
  at: string,
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO alerts (group_key, fingerprint, status, component_id, severity, name, starts_at, ends_at, updated_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
       ON CONFLICT (group_key, fingerprint) DO UPDATE SET status = excluded.status, component_id = excluded.component_id,
         severity = excluded.severity, name = excluded.name, starts_at = excluded.starts_at, ends_at = excluded.ends_at,
         updated_at = excluded.updated_at`,
    )
    .bind(groupKey, a.fingerprint, a.status, a.componentId, a.severity, a.name, a.startsAt, a.endsAt, at);
}

export function setGroupIncident(
  db: D1Database,
  groupKey: string,
  incidentId: string,
  at: string,
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO alert_groups (group_key, incident_id, created_at) VALUES (?1, ?2, ?3)
       ON CONFLICT (group_key) DO UPDATE SET incident_id = excluded.incident_id`,
    )
    .bind(groupKey, incidentId, at);
}
