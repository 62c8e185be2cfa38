/**
 * The Statuspage v2 public API documents, derived from the snapshot at one
 * moment (see DESIGN.md for the mapping and statuspage-v2.md for the shapes).
 */
import type { ComponentStatus } from "../domain/severity";
import { statusOf } from "../domain/severity";
import {
  componentStatuses,
  type IncidentStatus,
  incidentImpact,
  incidentStatus,
  maintenanceStatus,
  pageStatus,
} from "../domain/status";
import { iso } from "../domain/time";
import type { Settings } from "../settings";
import type { SnapIncident, Snapshot } from "../snapshot/types";

const RECENT = 50;
const STATUS_WORDS = ["investigating", "identified", "monitoring", "resolved", "postmortem"] as const;

type Page = { id: string; name: string; url: string; time_zone: string; updated_at: string };

export type StatuspageDocs = {
  summary: object;
  status: object;
  components: object;
  unresolved: object;
  incidents: object;
  maintenances: object;
  upcoming: object;
  active: object;
};

export function statuspageDocs(
  snapshot: Snapshot,
  settings: Settings,
  baseUrl: string,
  nowMs: number,
): StatuspageDocs {
  const now = iso(nowMs);
  const statuses = componentStatuses(snapshot.components, snapshot.incidents, snapshot.bounds, now);
  const byId = new Map(snapshot.components.map((c) => [c.id, c]));
  const children = new Map<string, string[]>();
  for (const c of snapshot.components) {
    if (c.group && byId.has(c.group)) children.set(c.group, [...(children.get(c.group) ?? []), c.id]);
  }
  const positions = new Map<string, number>();
  const counters = new Map<string, number>();
  for (const c of snapshot.components) {
    const parent = c.group && byId.has(c.group) ? c.group : "";
    const n = (counters.get(parent) ?? 0) + 1;
    counters.set(parent, n);
    positions.set(c.id, n);
  }

  const page: Page = {
    id: snapshot.pageId,
    name: settings.pageName,
    url: baseUrl,
    time_zone: settings.timeZone,
    updated_at: snapshot.updatedAt,
  };

  const component = (id: string) => {
    const c = byId.get(id);
    if (!c) return null;
    const group = children.has(id);
    return {
      id: c.id,
      name: c.name,
      status: statuses.get(c.id) ?? "operational",
      created_at: c.createdAt,
      updated_at: c.updatedAt,
      position: positions.get(c.id) ?? 1,
      description: c.description,
      showcase: true,
      start_date: c.existsFrom.slice(0, 10),
      group_id: c.group && byId.has(c.group) ? c.group : null,
      page_id: snapshot.pageId,
      group,
      only_show_if_degraded: false,
      ...(group ? { components: children.get(id) ?? [] } : {}),
    };
  };

  const componentName = (id: string) => {
    const c = byId.get(id);
    if (!c) return "Removed component";
    const parent = c.group ? byId.get(c.group) : undefined;
    return parent ? `${parent.name} - ${c.name}` : c.name;
  };

  const incident = (i: SnapIncident) => {
    const status: string = i.maintenance ? maintenanceStatus(i, now) : incidentStatus(i, now);
    const resolved = i.endedAt !== null && i.endedAt <= now;
    const affected = [...new Set(i.impacts.map((m) => m.componentId))];
    const updates = [...i.updates].sort((a, b) =>
      a.createdAt === b.createdAt ? b.order - a.order : a.createdAt < b.createdAt ? 1 : -1,
    );
    const oldest = updates[updates.length - 1];
    return {
      id: i.id,
      name: i.name,
      status,
      created_at: i.createdAt,
      updated_at: i.updatedAt,
      monitoring_at: i.monitoringAt,
      resolved_at: resolved ? i.endedAt : null,
      impact: incidentImpact(i, snapshot.bounds),
      shortlink: `${baseUrl}/incidents/${i.id}`,
      started_at: i.beganAt,
      page_id: snapshot.pageId,
      incident_updates: updates.map((u, index) => ({
        id: u.id,
        status: updateStatus(u.title, index === 0 ? status : null, i.maintenance),
        body: u.text,
        incident_id: i.id,
        created_at: u.createdAt,
        updated_at: u.createdAt,
        display_at: u.createdAt,
        affected_components:
          u === oldest && affected.length
            ? i.impacts.map((m) => ({
                code: m.componentId,
                name: componentName(m.componentId),
                old_status: "operational" as ComponentStatus,
                new_status: statusOf(m.severity, snapshot.bounds),
              }))
            : null,
        deliver_notifications: true,
        custom_tweet: null,
        tweet_id: null,
      })),
      components: affected.map(component).filter((c) => c !== null),
      ...(i.maintenance ? { scheduled_for: i.beganAt, scheduled_until: i.endedAt } : {}),
    };
  };

  const incidents = snapshot.incidents.filter((i) => !i.maintenance);
  const maintenances = snapshot.incidents.filter((i) => i.maintenance);
  const unresolved = incidents.filter((i) => !(i.endedAt !== null && i.endedAt <= now) && i.beganAt <= now);
  const upcoming = maintenances.filter((m) => maintenanceStatus(m, now) === "scheduled").sort(byStart);
  const active = maintenances.filter((m) => maintenanceStatus(m, now) === "in_progress").sort(byStart);
  const status = pageStatus(
    snapshot.components.map((c) => statuses.get(c.id) ?? "operational"),
    snapshot.incidents,
    snapshot.bounds,
    now,
  );
  const allComponents = snapshot.components.map((c) => component(c.id)).filter((c) => c !== null);
  const recent = (list: SnapIncident[]) =>
    [...list].sort((a, b) => (a.beganAt < b.beganAt ? 1 : -1)).slice(0, RECENT);

  return {
    summary: {
      page,
      components: allComponents,
      incidents: unresolved.map(incident),
      scheduled_maintenances: [...active, ...upcoming].map(incident),
      status,
    },
    status: { page, status },
    components: { page, components: allComponents },
    unresolved: { page, incidents: unresolved.map(incident) },
    incidents: { page, incidents: recent(incidents).map(incident) },
    maintenances: { page, scheduled_maintenances: recent(maintenances).map(incident) },
    upcoming: { page, scheduled_maintenances: upcoming.map(incident) },
    active: { page, scheduled_maintenances: active.map(incident) },
  };
}

function byStart(a: SnapIncident, b: SnapIncident): number {
  return a.beganAt < b.beganAt ? -1 : a.beganAt > b.beganAt ? 1 : 0;
}

/**
 * An update's status: its title when that names one ("Identified"), the
 * incident's current status for the newest update, otherwise investigating.
 */
export function updateStatus(title: string, current: string | null, maintenance: boolean): string {
  const word = title.trim().toLowerCase();
  if (maintenance) {
    if (["scheduled", "in_progress", "verifying", "completed"].includes(word.replace(" ", "_")))
      return word.replace(" ", "_");
    return current ?? "scheduled";
  }
  if ((STATUS_WORDS as readonly string[]).includes(word)) return word as IncidentStatus;
  return current ?? "investigating";
}
