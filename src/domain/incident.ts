import type { PhaseStatus } from "./phase-status";

/** One impact of an incident on a component (SCS `Impact`). */
export type Impact = {
  reference: string;
  type: string;
  severity: number;
  /** When the component stopped being affected, if before the incident ended. */
  endedAt?: string | null;
};

/** An impact counts while its incident is active and it has not ended on its own. */
export function impactEndedBy(impact: Pick<Impact, "endedAt">, now: string): boolean {
  return impact.endedAt != null && impact.endedAt <= now;
}

export type Incident = {
  id: string;
  displayName: string;
  description: string;
  beganAt: string;
  endedAt: string | null;
  phase: { generation: number; order: number };
  affects: Impact[];
  updates: number[];
  monitoringAt: string | null;
  revision: number;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
};

/** The severity reserved for maintenance. */
export const MAINTENANCE_SEVERITY = 0;

/** An impact that marks maintenance rather than trouble. */
export function isMaintenanceImpact(impact: Pick<Impact, "severity">): boolean {
  return impact.severity === MAINTENANCE_SEVERITY;
}

/** Maintenance is an incident with at least one severity-0 impact. */
export function isMaintenance(affects: readonly Pick<Impact, "severity">[]): boolean {
  return affects.some(isMaintenanceImpact);
}

/** The time rules an incident must keep, checked on the merged result of every write. */
export function incidentTimeProblem(i: {
  beganAt: string;
  endedAt: string | null;
  affects: readonly Impact[];
}): { path: string; message: string } | null {
  // Maintenance may be open-ended ("until further notice"); when it has an end, the end is after the start.
  if (isMaintenance(i.affects) && i.endedAt !== null && i.endedAt <= i.beganAt) {
    return { path: "endedAt", message: "must be after beganAt for maintenance" };
  }
  if (i.endedAt !== null && i.endedAt < i.beganAt)
    return { path: "endedAt", message: "must not be before beganAt" };
  return null;
}

/**
 * An incident entering a phase: the phase's status is what moves. Entering a
 * monitoring phase stamps monitoringAt once; entering the last ("resolved")
 * phase ends an open incident now, unless the same change sets the end.
 */
export function enterPhase(
  incident: Pick<Incident, "monitoringAt" | "endedAt">,
  phase: { generation: number; order: number },
  status: PhaseStatus | null,
  at: string,
  explicitEnd?: string | null,
): Pick<Incident, "phase" | "monitoringAt" | "endedAt"> {
  return {
    phase,
    monitoringAt: incident.monitoringAt ?? (status === "monitoring" ? at : null),
    endedAt:
      explicitEnd !== undefined
        ? explicitEnd
        : status === "resolved" && incident.endedAt === null
          ? at
          : incident.endedAt,
  };
}

/** Repeated (component, impact type) pairs would count one impact twice. */
export function duplicateImpact(affects: readonly Impact[]): number {
  const seen = new Set<string>();
  for (const [index, i] of affects.entries()) {
    const key = `${i.reference} ${i.type}`;
    if (seen.has(key)) return index;
    seen.add(key);
  }
  return -1;
}
