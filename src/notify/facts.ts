/**
 * What an event says about an incident, read and derived at the moment of
 * the write that causes it.
 */

import { componentsByIdRead } from "../db/components";
import { phaseListRead } from "../db/phases";
import { readAll } from "../db/read";
import { severitiesRead } from "../db/severities";
import type { EventType, IncidentFacts } from "../domain/events";
import { type Incident, impactEndedBy, isMaintenance } from "../domain/incident";
import { type PhaseStatus, phaseStatuses } from "../domain/phase-status";
import { bandBounds, type ComponentStatus, statusOf } from "../domain/severity";
import { incidentImpact, incidentStatus, maintenanceStatus } from "../domain/status";

export type FactsContext = {
  componentNames: Map<string, string>;
  bounds: number[];
  phaseStatus: PhaseStatus | null;
};

export async function factsContext(
  db: D1Database,
  incident: Pick<Incident, "affects" | "phase">,
): Promise<FactsContext> {
  const [components, severities, phase] = await readAll(db, [
    componentsByIdRead(db, [...new Set(incident.affects.map((a) => a.reference))]),
    severitiesRead(db),
    phaseListRead(db, incident.phase.generation),
  ] as const);
  return {
    componentNames: new Map(components.map((c) => [c.id, c.displayName])),
    bounds: bandBounds(severities),
    phaseStatus: phaseStatuses(phase?.phases ?? [])[incident.phase.order] ?? null,
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
    phaseStatus: ctx.phaseStatus,
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
  const maintenance = isMaintenance(after.affects);
  if (maintenance) return "maintenance.scheduled";
  if (!before) return "incident.created";
  const resolvedNow =
    after.endedAt !== null && after.endedAt <= now && (before.endedAt === null || before.endedAt > now);
  return resolvedNow ? "incident.resolved" : "incident.updated";
}
