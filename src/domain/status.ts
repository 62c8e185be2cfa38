/**
 * What is true now, derived from incidents and a moment: component statuses,
 * the page indicator, and Statuspage's incident and maintenance statuses.
 */
import type { PhaseStatus } from "./phase-status";
import { bandOf, type ComponentStatus, statusOf, worseStatus, worstSeverity } from "./severity";

export type TimedImpact = { componentId: string; severity: number; endedAt?: string | null };
export type TimedIncident = {
  beganAt: string;
  endedAt: string | null;
  /** What the incident's phase says (null when its phase is unknown). */
  phaseStatus: PhaseStatus | null;
  maintenance: boolean;
  impacts: readonly TimedImpact[];
};

export type Indicator = "none" | "minor" | "major" | "critical" | "maintenance";
export type IncidentImpact = "none" | "minor" | "major" | "critical" | "maintenance";
export type IncidentStatus = "investigating" | "identified" | "monitoring" | "resolved" | "postmortem";
export type MaintenanceStatus = "scheduled" | "in_progress" | "verifying" | "completed";

export function isActive(i: Pick<TimedIncident, "beganAt" | "endedAt">, now: string): boolean {
  return i.beganAt <= now && (i.endedAt === null || i.endedAt > now);
}

/** Worst active severity per component (components nothing affects are absent). */
export function worstSeverities(incidents: readonly TimedIncident[], now: string): Map<string, number> {
  const worst = new Map<string, number>();
  for (const incident of incidents) {
    if (!isActive(incident, now)) continue;
    for (const impact of incident.impacts) {
      if (impact.endedAt != null && impact.endedAt <= now) continue;
      const prev = worst.get(impact.componentId);
      worst.set(impact.componentId, prev === undefined ? impact.severity : Math.max(prev, impact.severity));
    }
  }
  return worst;
}

export type StatusComponent = { id: string; group: string | null };

/** Status per component; a group takes the worst of itself and its members. */
export function componentStatuses(
  components: readonly StatusComponent[],
  incidents: readonly TimedIncident[],
  bounds: readonly number[],
  now: string,
): Map<string, ComponentStatus> {
  const worst = worstSeverities(incidents, now);
  const statuses = new Map<string, ComponentStatus>();
  for (const c of components) statuses.set(c.id, statusOf(worst.get(c.id) ?? null, bounds));
  for (const c of components) {
    if (c.group === null || !statuses.has(c.group)) continue;
    statuses.set(
      c.group,
      worseStatus(statuses.get(c.group) ?? "operational", statuses.get(c.id) ?? "operational"),
    );
  }
  return statuses;
}

const IMPACT_RANK: Record<IncidentImpact, number> = {
  none: 0,
  maintenance: 0,
  minor: 1,
  major: 2,
  critical: 3,
};

/** An incident's impact: its worst severity's band; maintenance when every impact is severity 0. */
export function incidentImpact(
  incident: Pick<TimedIncident, "impacts" | "maintenance">,
  bounds: readonly number[],
): IncidentImpact {
  if (incident.impacts.length === 0) return "none";
  const worst = worstSeverity(incident.impacts.map((i) => i.severity)) ?? 0;
  if (worst === 0) return "maintenance";
  const band = bandOf(worst, bounds);
  return band === "last" ? "critical" : band === "middle" ? "major" : "minor";
}

/** Statuspage's incident status from Beacon's model. */
export function incidentStatus(
  incident: Pick<TimedIncident, "endedAt" | "phaseStatus">,
  now: string,
): IncidentStatus {
  if (incident.endedAt !== null && incident.endedAt <= now) return "resolved";
  switch (incident.phaseStatus) {
    case "identified":
    case "monitoring":
      return incident.phaseStatus;
    // A last phase reached before the end is set: the fix is in, and being watched.
    case "resolved":
      return "monitoring";
    default:
      return "investigating";
  }
}

export function maintenanceStatus(
  m: Pick<TimedIncident, "beganAt" | "endedAt">,
  now: string,
): MaintenanceStatus {
  if (m.beganAt > now) return "scheduled";
  if (m.endedAt !== null && m.endedAt <= now) return "completed";
  return "in_progress";
}

const DESCRIPTIONS: Record<Indicator, string> = {
  none: "All Systems Operational",
  minor: "Minor Service Outage",
  major: "Partial System Outage",
  critical: "Major System Outage",
  maintenance: "Service Under Maintenance",
};

/**
 * The page-wide indicator: from component statuses, then the worse of that and
 * unresolved incidents' impact; maintenance only when nothing else is wrong.
 */
export function pageStatus(
  statuses: Iterable<ComponentStatus>,
  incidents: readonly TimedIncident[],
  bounds: readonly number[],
  now: string,
): { indicator: Indicator; description: string } {
  let rank = 0;
  let maintenance = false;
  for (const s of statuses) {
    if (s === "major_outage") rank = Math.max(rank, 3);
    else if (s === "partial_outage") rank = Math.max(rank, 2);
    else if (s === "degraded_performance") rank = Math.max(rank, 1);
    else if (s === "under_maintenance") maintenance = true;
  }
  // "Only degraded": components are degraded but no declared incident says there is an outage.
  let onlyDegraded = true;
  for (const incident of incidents) {
    if (!isActive(incident, now)) continue;
    const impact = incidentImpact(incident, bounds);
    if (impact === "maintenance") {
      maintenance = true;
      continue;
    }
    if (IMPACT_RANK[impact] > 0) onlyDegraded = false;
    rank = Math.max(rank, IMPACT_RANK[impact]);
  }
  const indicator: Indicator =
    rank === 3
      ? "critical"
      : rank === 2
        ? "major"
        : rank === 1
          ? "minor"
          : maintenance
            ? "maintenance"
            : "none";
  const description =
    indicator === "minor" && onlyDegraded ? "Partially Degraded Service" : DESCRIPTIONS[indicator];
  return { indicator, description };
}
