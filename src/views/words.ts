/**
 * The words visitors read for statuses, in one place: the banner, component
 * badges, incident impacts and the page title say the same thing the same
 * way. Severity numbers are never shown. (The Statuspage API keeps
 * Statuspage's own descriptions for the tools that read it.)
 */
import type { ComponentStatus } from "../domain/severity";
import type { IncidentImpact, Indicator } from "../domain/status";

export const STATUS_LABEL: Record<ComponentStatus, string> = {
  operational: "Operational",
  degraded_performance: "Degraded performance",
  partial_outage: "Partial outage",
  major_outage: "Major outage",
  under_maintenance: "Under maintenance",
};

/** The page as a whole, in the components' words. */
export const INDICATOR_LABEL: Record<Indicator, string> = {
  none: "All systems operational",
  minor: "Degraded performance",
  major: "Partial outage",
  critical: "Major outage",
  maintenance: "Under maintenance",
};

/** An incident's impact, in the words of the component status it causes. */
export const IMPACT_LABEL: Record<IncidentImpact, string> = {
  none: "No impact",
  minor: "Degraded performance",
  major: "Partial outage",
  critical: "Major outage",
  maintenance: "Maintenance",
};

export const INCIDENT_STATUS_LABEL: Record<string, string> = {
  investigating: "Investigating",
  identified: "Identified",
  monitoring: "Monitoring",
  resolved: "Resolved",
  postmortem: "Postmortem",
  scheduled: "Scheduled",
  in_progress: "In progress",
  verifying: "Verifying",
  completed: "Completed",
};
