/** Turns incidents and their updates into the public shape shared by the snapshot and the detail pages. */

import type { IncidentUpdate } from "../db/updates";
import type { Incident } from "../domain/incident";
import { isMaintenance } from "../domain/incident";
import { phaseStatuses } from "../domain/phase-status";
import { renderMarkdown } from "../views/markdown";
import type { SnapIncident } from "./types";

export type Lookups = {
  typeNames: Map<string, string>;
  /** Every generation's phase names, in order. */
  phases: Map<number, string[]>;
  /** How many updates each incident has, when its update orders were not read. */
  updateCounts?: Map<string, number>;
};

/** How much of a text the snapshot keeps; the incident page reads the whole text from D1. */
export type TextBound = { maxChars: number };

/** Cuts a text at a character bound (never inside a surrogate pair), marking the cut. */
export function cut(text: string, bound: TextBound | null): { text: string; cut: boolean } {
  if (!bound || text.length <= bound.maxChars) return { text, cut: false };
  const chars = Array.from(text);
  if (chars.length <= bound.maxChars) return { text, cut: false };
  return { text: `${chars.slice(0, bound.maxChars).join("").trimEnd()} …`, cut: true };
}

export function shapeIncident(
  incident: Incident,
  updates: readonly IncidentUpdate[],
  { typeNames, phases, updateCounts }: Lookups,
  bound: TextBound | null = null,
): SnapIncident {
  const description = cut(incident.description, bound);
  return {
    id: incident.id,
    name: incident.displayName,
    description: description.text,
    descriptionHtml: renderMarkdown(description.text),
    beganAt: incident.beganAt,
    endedAt: incident.endedAt,
    createdAt: incident.createdAt,
    updatedAt: incident.updatedAt,
    monitoringAt: incident.monitoringAt,
    phaseName: phases.get(incident.phase.generation)?.[incident.phase.order] ?? "",
    phaseStatus: phaseStatuses(phases.get(incident.phase.generation) ?? [])[incident.phase.order] ?? null,
    maintenance: isMaintenance(incident.affects),
    impacts: incident.affects.map((m) => ({
      componentId: m.reference,
      typeId: m.type,
      typeName: typeNames.get(m.type) ?? "Unknown",
      severity: m.severity,
      ...(m.endedAt ? { endedAt: m.endedAt } : {}),
    })),
    updateCount: updateCounts?.get(incident.id) ?? incident.updates.length,
    updates: updates
      .filter((u) => u.incidentId === incident.id)
      .sort((a, b) => a.order - b.order)
      .map((u) => {
        const text = cut(u.description, bound);
        return {
          id: u.id,
          order: u.order,
          title: u.displayName,
          text: text.text,
          html: renderMarkdown(text.text),
          createdAt: u.createdAt,
          ...(text.cut ? { cut: true } : {}),
        };
      }),
  };
}

export function shapeIncidents(
  incidents: readonly Incident[],
  updates: readonly IncidentUpdate[],
  lookups: Lookups,
  bound: TextBound | null = null,
): SnapIncident[] {
  const byIncident = new Map<string, IncidentUpdate[]>();
  for (const u of updates) byIncident.set(u.incidentId, [...(byIncident.get(u.incidentId) ?? []), u]);
  return incidents.map((i) => shapeIncident(i, byIncident.get(i.id) ?? [], lookups, bound));
}
