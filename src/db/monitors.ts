import type { Monitor, MonitorKind } from "../domain/monitor";
import type { Health, MonitorState } from "../domain/monitor-state";
import { type Read, read } from "./read";

type Row = {
  id: string;
  display_name: string;
  kind: MonitorKind;
  config: string;
  interval_seconds: number;
  failure_threshold: number;
  recovery_threshold: number;
  component_id: string | null;
  impact_type_id: string | null;
  severity: number;
  degraded_severity: number | null;
  enabled: number;
  heartbeat_hash: string | null;
  last_heartbeat_at: string | null;
  status: Health;
  streak_status: Health | null;
  streak_count: number;
  streak_started_at: string | null;
  last_reason: string | null;
  incident_id: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
};

function toMonitor(r: Row): Monitor {
  return {
    id: r.id,
    displayName: r.display_name,
    kind: r.kind,
    config: JSON.parse(r.config) as Record<string, unknown>,
    intervalSeconds: r.interval_seconds,
    failureThreshold: r.failure_threshold,
    recoveryThreshold: r.recovery_threshold,
    componentId: r.component_id,
    impactTypeId: r.impact_type_id,
    severity: r.severity,
    degradedSeverity: r.degraded_severity,
    enabled: r.enabled === 1,
    heartbeatHash: r.heartbeat_hash,
    lastHeartbeatAt: r.last_heartbeat_at,
    state: {
      status: r.status,
      streakStatus: r.streak_status,
      streakCount: r.streak_count,
      streakStartedAt: r.streak_started_at,
      lastReason: r.last_reason,
      incidentId: r.incident_id,
    },
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    deletedAt: r.deleted_at,
  };
}

export async function listMonitors(db: D1Database, limit = 1000): Promise<Monitor[]> {
  const { results } = await db
    .prepare("SELECT * FROM monitors WHERE deleted_at IS NULL ORDER BY display_name, id LIMIT ?1")
    .bind(limit)
    .all<Row>();
  return results.map(toMonitor);
}

export function enabledMonitorsRead(db: D1Database): Read<Monitor[]> {
  return read(db.prepare("SELECT * FROM monitors WHERE deleted_at IS NULL AND enabled = 1"), (rows: Row[]) =>
    rows.map(toMonitor),
  );
}

export async function getMonitor(db: D1Database, id: string): Promise<Monitor | null> {
  const row = await db
    .prepare("SELECT * FROM monitors WHERE id = ?1 AND deleted_at IS NULL")
    .bind(id)
    .first<Row>();
  return row ? toMonitor(row) : null;
}

export async function getMonitors(db: D1Database, ids: readonly string[]): Promise<Monitor[]> {
  if (ids.length === 0) return [];
  const { results } = await db
    .prepare("SELECT * FROM monitors WHERE deleted_at IS NULL AND id IN (SELECT value FROM json_each(?1))")
    .bind(JSON.stringify(ids))
    .all<Row>();
  return results.map(toMonitor);
}

export async function findMonitorByHeartbeat(db: D1Database, hash: string): Promise<Monitor | null> {
  const row = await db
    .prepare("SELECT * FROM monitors WHERE heartbeat_hash = ?1 AND deleted_at IS NULL")
    .bind(hash)
    .first<Row>();
  return row ? toMonitor(row) : null;
}

export function insertMonitor(db: D1Database, m: Monitor): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO monitors (id, display_name, kind, config, interval_seconds, failure_threshold, recovery_threshold,
         component_id, impact_type_id, severity, degraded_severity, enabled, heartbeat_hash, created_at, updated_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14)`,
    )
    .bind(
      m.id,
      m.displayName,
      m.kind,
      JSON.stringify(m.config),
      m.intervalSeconds,
      m.failureThreshold,
      m.recoveryThreshold,
      m.componentId,
      m.impactTypeId,
      m.severity,
      m.degradedSeverity,
      m.enabled ? 1 : 0,
      m.heartbeatHash,
      m.createdAt,
    );
}

export function updateMonitor(db: D1Database, m: Monitor): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE monitors SET display_name = ?2, kind = ?3, config = ?4, interval_seconds = ?5, failure_threshold = ?6,
         recovery_threshold = ?7, component_id = ?8, impact_type_id = ?9, severity = ?10, degraded_severity = ?11,
         enabled = ?12, heartbeat_hash = ?13, updated_at = ?14
       WHERE id = ?1 AND deleted_at IS NULL`,
    )
    .bind(
      m.id,
      m.displayName,
      m.kind,
      JSON.stringify(m.config),
      m.intervalSeconds,
      m.failureThreshold,
      m.recoveryThreshold,
      m.componentId,
      m.impactTypeId,
      m.severity,
      m.degradedSeverity,
      m.enabled ? 1 : 0,
      m.heartbeatHash,
      m.updatedAt,
    );
}

export function deleteMonitor(db: D1Database, id: string, at: string): D1PreparedStatement {
  return db
    .prepare("UPDATE monitors SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1 AND deleted_at IS NULL")
    .bind(id, at);
}

/**
 * Writes a monitor's state only if it is still what the run read, so two runs
 * that raced over the same monitor cannot both apply a transition.
 */
export function saveState(
  db: D1Database,
  id: string,
  before: MonitorState,
  after: MonitorState,
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE monitors SET status = ?2, streak_status = ?3, streak_count = ?4, streak_started_at = ?5, last_reason = ?6, incident_id = ?7
       WHERE id = ?1 AND status = ?8 AND streak_count = ?9 AND COALESCE(streak_status, '') = ?10 AND COALESCE(incident_id, '') = ?11`,
    )
    .bind(
      id,
      after.status,
      after.streakStatus,
      after.streakCount,
      after.streakStartedAt,
      after.lastReason,
      after.incidentId,
      before.status,
      before.streakCount,
      before.streakStatus ?? "",
      before.incidentId ?? "",
    );
}

export function recordHeartbeat(db: D1Database, id: string, at: string): D1PreparedStatement {
  return db.prepare("UPDATE monitors SET last_heartbeat_at = ?2 WHERE id = ?1").bind(id, at);
}

export async function monitorsOfComponent(db: D1Database, componentId: string): Promise<Monitor[]> {
  const { results } = await db
    .prepare(
      "SELECT * FROM monitors WHERE component_id = ?1 AND deleted_at IS NULL ORDER BY display_name LIMIT 10",
    )
    .bind(componentId)
    .all<Row>();
  return results.map(toMonitor);
}

export type ComponentProbeDay = {
  componentId: string;
  day: string;
  down: number;
  slow: number;
  covered: number;
};

/** Each component's finished days of probe results from `firstDay`: the worst of its monitors each day. */
export function componentProbeDaysRead(db: D1Database, firstDay: string): Read<ComponentProbeDay[]> {
  return read(
    db
      .prepare(
        `SELECT m.component_id, d.day, MAX(d.down_minutes) AS down, MAX(d.slow_minutes) AS slow, MAX(d.covered_minutes) AS covered
         FROM monitor_days d JOIN monitors m ON m.id = d.monitor_id
         WHERE m.component_id IS NOT NULL AND d.day >= ?1 GROUP BY m.component_id, d.day ORDER BY d.day`,
      )
      .bind(firstDay),
    (rows: { component_id: string; day: string; down: number; slow: number; covered: number }[]) =>
      rows.map((r) => ({
        componentId: r.component_id,
        day: r.day,
        down: r.down,
        slow: r.slow,
        covered: r.covered,
      })),
  );
}

/** How many monitors are enabled, and the shortest interval among them. */
export function monitorSummaryRead(
  db: D1Database,
): Read<{ enabled: number; shortestSeconds: number | null }> {
  return read(
    db.prepare(
      "SELECT COUNT(*) AS n, MIN(interval_seconds) AS shortest FROM monitors WHERE deleted_at IS NULL AND enabled = 1",
    ),
    (rows: { n: number; shortest: number | null }[]) => ({
      enabled: rows[0]?.n ?? 0,
      shortestSeconds: rows[0]?.shortest ?? null,
    }),
  );
}
