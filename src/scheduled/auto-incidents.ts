/**
 * What a monitor's transition does to its incident: open one, raise or lower
 * its severity, add an update, or resolve it. Operators may edit or close an
 * auto-incident; a closed one is left alone and never reopened.
 */
import { type Incident, insertIncident, touchIncident } from "../db/incidents";
import type { Monitor } from "../db/monitors";
import { insertUpdate } from "../db/updates";
import type { Transition } from "../domain/monitor-state";
import { iso } from "../domain/time";
import { formatDuration } from "../views/time";

export const UNKNOWN_IMPACT_TYPE = "7e1b6c2a-8f0e-4a55-9a5e-0c3b1f7d2a04";
export const CONNECTIVITY_IMPACT_TYPE = "7e1b6c2a-8f0e-4a55-9a5e-0c3b1f7d2a02";
export const PERFORMANCE_IMPACT_TYPE = "7e1b6c2a-8f0e-4a55-9a5e-0c3b1f7d2a01";

export type OpenIncident = {
  id: string;
  beganAt: string;
  endedAt: string | null;
  phase: { generation: number; order: number };
};

export type Effect = {
  statements: D1PreparedStatement[];
  /** The incident the monitor points at afterwards. */
  incidentId: string | null;
  action: string | null;
  /** Time span whose rollups change, when the incident did. */
  span: { from: number; to: number } | null;
};

function severityFor(m: Monitor, health: "degraded" | "down"): number {
  return health === "down" ? m.severity : (m.degradedSeverity ?? Math.min(m.severity, 33));
}

function impactTypeFor(m: Monitor, health: "degraded" | "down"): string {
  if (m.impactTypeId) return m.impactTypeId;
  return health === "down" ? CONNECTIVITY_IMPACT_TYPE : PERFORMANCE_IMPACT_TYPE;
}

function update(
  db: D1Database,
  incidentId: string,
  title: string,
  text: string,
  at: string,
): D1PreparedStatement {
  return insertUpdate(db, {
    incidentId,
    id: crypto.randomUUID(),
    displayName: title,
    description: text,
    createdAt: at,
  });
}

function setImpact(
  db: D1Database,
  m: Monitor,
  incidentId: string,
  health: "degraded" | "down",
  at: string,
): D1PreparedStatement[] {
  if (!m.componentId) return [];
  return [
    db.prepare("DELETE FROM impacts WHERE incident_id = ?1").bind(incidentId),
    db
      .prepare(
        "INSERT INTO impacts (incident_id, position, component_id, impact_type_id, severity) VALUES (?1, 0, ?2, ?3, ?4)",
      )
      .bind(incidentId, m.componentId, impactTypeFor(m, health), severityFor(m, health)),
    touchIncident(db, incidentId, at),
  ];
}

/**
 * The statements for one transition. `open` is the monitor's current incident
 * as stored (null when it has none or it was deleted).
 */
export function effectOf(
  db: D1Database,
  m: Monitor,
  t: Transition,
  open: OpenIncident | null,
  firstPhase: { generation: number; order: number },
  lastPhaseOrder: (generation: number) => number,
  now: number,
): Effect {
  const at = iso(now);
  const live = open && open.endedAt === null ? open : null;
  const none: Effect = { statements: [], incidentId: live?.id ?? null, action: null, span: null };

  if (t.kind === "worse") {
    const health = t.to === "down" ? "down" : "degraded";
    const verb = health === "down" ? "failing" : "slow";
    if (live) {
      return {
        statements: [
          ...setImpact(db, m, live.id, health, at),
          update(
            db,
            live.id,
            health === "down" ? "Down" : "Degraded",
            `${m.displayName} is ${verb}: ${t.reason ?? "no reason given"}.`,
            at,
          ),
        ],
        incidentId: live.id,
        action: "incident.auto-worse",
        span: { from: Date.parse(t.since), to: now },
      };
    }
    const id = crypto.randomUUID();
    const incident: Incident = {
      id,
      displayName: m.displayName,
      description: `Opened automatically by the monitor "${m.displayName}".`,
      beganAt: t.since,
      endedAt: null,
      phase: firstPhase,
      affects: m.componentId
        ? [{ reference: m.componentId, type: impactTypeFor(m, health), severity: severityFor(m, health) }]
        : [],
      updates: [],
      monitoringAt: null,
      revision: 0,
      createdAt: at,
      updatedAt: at,
      deletedAt: null,
    };
    const [row, ...impacts] = insertIncident(db, incident);
    return {
      statements: [
        // The monitor id goes in with the row, so the unique index sees it at once.
        row as D1PreparedStatement,
        db.prepare("UPDATE incidents SET monitor_id = ?2 WHERE id = ?1").bind(id, m.id),
        ...impacts,
        update(
          db,
          id,
          "Investigating",
          `${m.displayName} is ${verb}: ${t.reason ?? "no reason given"}. First failed check: ${t.since}.`,
          at,
        ),
      ],
      incidentId: id,
      action: "incident.auto-open",
      span: { from: Date.parse(t.since), to: now },
    };
  }

  if (!live) return { ...none, incidentId: null };

  if (t.kind === "reason") {
    return {
      statements: [
        update(db, live.id, "Update", `${m.displayName} is still failing, now: ${t.reason}.`, at),
        touchIncident(db, live.id, at),
      ],
      incidentId: live.id,
      action: "incident.auto-update",
      span: null,
    };
  }
  if (t.kind === "better") {
    return {
      statements: [
        ...setImpact(db, m, live.id, "degraded", at),
        update(db, live.id, "Improving", `${m.displayName} answers again, but slowly.`, at),
      ],
      incidentId: live.id,
      action: "incident.auto-better",
      span: { from: Date.parse(t.since), to: now },
    };
  }
  if (t.kind === "recovered") {
    return {
      statements: [
        db
          .prepare(
            `UPDATE incidents SET ended_at = ?2, phase_order = ?3, revision = revision + 1, updated_at = ?4
             WHERE id = ?1 AND ended_at IS NULL`,
          )
          .bind(live.id, t.since, lastPhaseOrder(live.phase.generation), at),
        update(
          db,
          live.id,
          "Resolved",
          `${m.displayName} is back up since ${t.since}. The problem lasted ${lasted(live.beganAt, t.since)}.`,
          at,
        ),
      ],
      incidentId: null,
      action: "incident.auto-resolve",
      span: { from: Date.parse(live.beganAt), to: now },
    };
  }
  return none;
}

/** How long an incident lasted, for its closing update. */
export function lasted(beganAt: string, endedAt: string): string {
  return formatDuration(Date.parse(endedAt) - Date.parse(beganAt));
}
