/**
 * What an event says about an incident, read and derived at the moment of
 * the write that causes it.
 */
import { type Incident, impactEndedBy, isMaintenance } from "../domain/incident";
import { bandBounds, type ComponentStatus, statusOf } from "../domain/severity";
import { incidentImpact, incidentStatus, maintenanceStatus } from "../domain/status";
import type { EventType, IncidentFacts } from "./events";

export type FactsContext = {
  componentNames: Map<string, string>;
  bounds: number[];
  phaseName: string;
};

export async function factsContext(
  db: D1Database,
  incident: Pick<Incident, "affects" | "phase">,
): Promise<FactsContext> {
  const ids = JSON.stringify([...new Set(incident.affects.map((a) => a.reference))]);
  const [names, severities, phase] = await db.batch([
    db
      .prepare("SELECT id, display_name FROM components WHERE id IN (SELECT value FROM json_each(?1))")
      .bind(ids),
    db.prepare("SELECT name AS displayName, value FROM severities"),
    db
      .prepare("SELECT name FROM phases WHERE generation = ?1 AND position = ?2")
      .bind(incident.phase.generation, incident.phase.order),
  ]);
  return {
    componentNames: new Map(
      ((names?.results ?? []) as { id: string; display_name: string }[]).map((r) => [r.id, r.display_name]),
    ),
    bounds: bandBounds((severities?.results ?? []) as { displayName: string; value: number }[]),
    phaseName: ((phase?.results?.[0] as { name: string } | undefined)?.name ?? "") as string,
  };
}

export function incidentFacts(
  incident: Incident,
  ctx: FactsContext,
  now: string,
  update: IncidentFacts["update"] = null,
): IncidentFacts {
  const maintenance = isMaintenance(incident.affects);
  const timed = {
    ...incident,
    phaseName: ctx.phaseName,
    maintenance,
    impacts: incident.affects.map((a) => ({
      componentId: a.reference,
      severity: a.severity,
      endedAt: a.endedAt,
    })),
  };
  const active = incident.beganAt <= now && (incident.endedAt === null || incident.endedAt > now);
  const worst = new Map<string, number>();
  // -1: the component was affected, and no longer is.
  for (const a of incident.affects) {
    const severity = impactEndedBy(a, now) ? -1 : a.severity;
    worst.set(a.reference, Math.max(worst.get(a.reference) ?? -1, severity));
  }
  return {
    id: incident.id,
    name: incident.displayName,
    status: maintenance ? maintenanceStatus(incident, now) : incidentStatus(timed, now),
    impact: incidentImpact(timed, ctx.bounds),
    maintenance,
    beganAt: incident.beganAt,
    endedAt: incident.endedAt,
    monitoringAt: incident.monitoringAt,
    createdAt: incident.createdAt,
    updatedAt: incident.updatedAt,
    components: [...worst].map(([id, severity]) => ({
      id,
      name: ctx.componentNames.get(id) ?? "Removed component",
      status: (active && severity >= 0 ? statusOf(severity, ctx.bounds) : "operational") as ComponentStatus,
    })),
    update,
  };
}

/** The event a write to an incident announces. */
export function incidentEvent(before: Incident | null, after: Incident, now: string): EventType {
  const maintenance = after.affects.some((a) => a.severity === 0);
  if (maintenance) return "maintenance.scheduled";
  if (!before) return "incident.created";
  const resolvedNow =
    after.endedAt !== null && after.endedAt <= now && (before.endedAt === null || before.endedAt > now);
  return resolvedNow ? "incident.resolved" : "incident.updated";
}
