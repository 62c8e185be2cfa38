import type { IncidentFacts } from "../../src/domain/events";

/** An ongoing incident as an event carries it, with `overrides` on top. */
export function incidentFacts(
  overrides: Partial<IncidentFacts> & Pick<IncidentFacts, "name">,
): IncidentFacts {
  const now = new Date().toISOString();
  return {
    id: crypto.randomUUID(),
    status: "investigating",
    impact: "none",
    maintenance: false,
    beganAt: now,
    endedAt: null,
    monitoringAt: null,
    createdAt: now,
    updatedAt: now,
    components: [],
    update: null,
    ...overrides,
  };
}
