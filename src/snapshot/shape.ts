/** Turns incident rows into the public shape shared by the snapshot and the detail pages. */
import { renderMarkdown } from "../views/markdown";
import type { SnapIncident } from "./types";

export type IncidentRow = {
  id: string;
  display_name: string;
  description: string;
  began_at: string;
  ended_at: string | null;
  phase_generation: number;
  phase_order: number;
  monitoring_at: string | null;
  created_at: string;
  updated_at: string;
};

export type ImpactRow = {
  incident_id: string;
  component_id: string;
  impact_type_id: string;
  severity: number;
};

export type UpdateRow = {
  incident_id: string;
  order: number;
  id: string;
  display_name: string;
  description: string;
  created_at: string;
};

export const INCIDENT_COLUMNS =
  "id, display_name, description, began_at, ended_at, phase_generation, phase_order, monitoring_at, created_at, updated_at";

export type Lookups = {
  typeNames: Map<string, string>;
  phaseNames: Map<string, string>;
};

export function lookups(
  types: readonly { id: string; display_name: string }[],
  phases: readonly { generation: number; position: number; name: string }[],
): Lookups {
  return {
    typeNames: new Map(types.map((t) => [t.id, t.display_name])),
    phaseNames: new Map(phases.map((p) => [`${p.generation}:${p.position}`, p.name])),
  };
}

export function shapeIncidents(
  incidents: readonly IncidentRow[],
  impacts: readonly ImpactRow[],
  updates: readonly UpdateRow[],
  { typeNames, phaseNames }: Lookups,
): SnapIncident[] {
  const impactsBy = group(impacts, (m) => m.incident_id);
  const updatesBy = group(updates, (u) => u.incident_id);
  return incidents.map((r) => {
    const own = impactsBy.get(r.id) ?? [];
    return {
      id: r.id,
      name: r.display_name,
      description: r.description,
      descriptionHtml: renderMarkdown(r.description),
      beganAt: r.began_at,
      endedAt: r.ended_at,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      monitoringAt: r.monitoring_at,
      phaseName: phaseNames.get(`${r.phase_generation}:${r.phase_order}`) ?? "",
      maintenance: own.some((m) => m.severity === 0),
      impacts: own.map((m) => ({
        componentId: m.component_id,
        typeId: m.impact_type_id,
        typeName: typeNames.get(m.impact_type_id) ?? "Unknown",
        severity: m.severity,
      })),
      updates: (updatesBy.get(r.id) ?? [])
        .slice()
        .sort((a, b) => a.order - b.order)
        .map((u) => ({
          id: u.id,
          order: u.order,
          title: u.display_name,
          text: u.description,
          html: renderMarkdown(u.description),
          createdAt: u.created_at,
        })),
    };
  });
}

function group<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

export function rows<T>(result: D1Result | undefined): T[] {
  return (result?.results ?? []) as T[];
}
