/**
 * The Statuspage v2 public API documents, derived from the snapshot at one
 * moment (docs/statuspage.md gives the mapping). Each document is built on
 * its own from one shared view of the snapshot.
 */
import { impactEndedBy } from "../domain/incident";
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
import type { SnapComponent, SnapIncident, Snapshot } from "../snapshot/types";

const RECENT = 50;
const STATUS_WORDS = ["investigating", "identified", "monitoring", "resolved", "postmortem"] as const;

export const STATUSPAGE_DOCS = [
  "summary",
  "status",
  "components",
  "unresolved",
  "incidents",
  "maintenances",
  "upcoming",
  "active",
] as const;
export type StatuspageDoc = (typeof STATUSPAGE_DOCS)[number];

type View = {
  snapshot: Snapshot;
  now: string;
  baseUrl: string;
  page: { id: string; name: string; url: string; time_zone: string; updated_at: string };
  statuses: Map<string, ComponentStatus>;
  byId: Map<string, SnapComponent>;
  children: Map<string, string[]>;
  positions: Map<string, number>;
};

function view(snapshot: Snapshot, settings: Settings, baseUrl: string, nowMs: number): View {
  const now = iso(nowMs);
  const byId = new Map(snapshot.components.map((c) => [c.id, c]));
  const children = new Map<string, string[]>();
  const positions = new Map<string, number>();
  const counters = new Map<string, number>();
  for (const c of snapshot.components) {
    const parent = c.group && byId.has(c.group) ? c.group : "";
    if (parent) children.set(parent, [...(children.get(parent) ?? []), c.id]);
    const n = (counters.get(parent) ?? 0) + 1;
    counters.set(parent, n);
    positions.set(c.id, n);
  }
  return {
    snapshot,
    now,
    baseUrl,
    page: {
      id: snapshot.pageId,
      name: settings.pageName,
      url: baseUrl,
      time_zone: settings.timeZone,
      updated_at: snapshot.updatedAt,
    },
    statuses: componentStatuses(snapshot.components, snapshot.incidents, snapshot.bounds, now),
    byId,
    children,
    positions,
  };
}

/** When the component's status last moved: an incident on it began, ended, changed, or let it go. */
function statusChangedAt(v: View, componentId: string): string | null {
  let latest: string | null = null;
  const later = (t: string | null | undefined) => {
    if (t && t <= v.now && (latest === null || t > latest)) latest = t;
  };
  for (const i of v.snapshot.incidents) {
    const impacts = i.impacts.filter((m) => m.componentId === componentId);
    if (impacts.length === 0) continue;
    later(i.beganAt);
    later(i.endedAt);
    const active = i.beganAt <= v.now && (i.endedAt === null || i.endedAt > v.now);
    if (active && impacts.some((m) => !impactEndedBy(m, v.now))) later(i.updatedAt);
    for (const m of impacts) later(m.endedAt);
  }
  return latest;
}

function component(v: View, id: string) {
  const c = v.byId.get(id);
  if (!c) return null;
  const group = v.children.has(id);
  const changed = statusChangedAt(v, id);
  return {
    id: c.id,
    name: c.name,
    status: v.statuses.get(c.id) ?? "operational",
    created_at: c.createdAt,
    updated_at: changed && changed > c.updatedAt ? changed : c.updatedAt,
    position: v.positions.get(c.id) ?? 1,
    description: c.description,
    showcase: true,
    start_date: c.existsFrom.slice(0, 10),
    group_id: c.group && v.byId.has(c.group) ? c.group : null,
    page_id: v.snapshot.pageId,
    group,
    only_show_if_degraded: false,
    ...(group ? { components: v.children.get(id) ?? [] } : {}),
  };
}

function componentName(v: View, id: string): string {
  const c = v.byId.get(id);
  if (!c) return "Removed component";
  const parent = c.group ? v.byId.get(c.group) : undefined;
  return parent ? `${parent.name} - ${c.name}` : c.name;
}

function incidentUpdates(v: View, i: SnapIncident, status: string) {
  const affected = [...new Set(i.impacts.map((m) => m.componentId))];
  const updates = [...i.updates].sort((a, b) =>
    a.createdAt === b.createdAt ? b.order - a.order : a.createdAt < b.createdAt ? 1 : -1,
  );
  const oldest = updates[updates.length - 1];
  return updates.map((u, index) => ({
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
            name: componentName(v, m.componentId),
            old_status: "operational" as ComponentStatus,
            new_status: statusOf(m.severity, v.snapshot.bounds),
          }))
        : null,
    deliver_notifications: true,
    custom_tweet: null,
    tweet_id: null,
  }));
}

function incident(v: View, i: SnapIncident) {
  const status: string = i.maintenance ? maintenanceStatus(i, v.now) : incidentStatus(i, v.now);
  const resolved = i.endedAt !== null && i.endedAt <= v.now;
  return {
    id: i.id,
    name: i.name,
    status,
    created_at: i.createdAt,
    updated_at: i.updatedAt,
    monitoring_at: i.monitoringAt,
    resolved_at: resolved ? i.endedAt : null,
    impact: incidentImpact(i, v.snapshot.bounds),
    shortlink: `${v.baseUrl}/incidents/${i.id}`,
    started_at: i.beganAt,
    page_id: v.snapshot.pageId,
    incident_updates: incidentUpdates(v, i, status),
    components: [...new Set(i.impacts.map((m) => m.componentId))]
      .map((id) => component(v, id))
      .filter((c) => c !== null),
    ...(i.maintenance ? { scheduled_for: i.beganAt, scheduled_until: i.endedAt } : {}),
  };
}

function byStart(a: SnapIncident, b: SnapIncident): number {
  return a.beganAt < b.beganAt ? -1 : a.beganAt > b.beganAt ? 1 : 0;
}

const recent = (list: SnapIncident[]) =>
  [...list].sort((a, b) => (a.beganAt < b.beganAt ? 1 : -1)).slice(0, RECENT);
const incidentsOf = (v: View) => v.snapshot.incidents.filter((i) => !i.maintenance);
const maintenancesOf = (v: View) => v.snapshot.incidents.filter((i) => i.maintenance);
const unresolved = (v: View) =>
  incidentsOf(v).filter((i) => !(i.endedAt !== null && i.endedAt <= v.now) && i.beganAt <= v.now);
const inState = (v: View, state: string) =>
  maintenancesOf(v)
    .filter((m) => maintenanceStatus(m, v.now) === state)
    .sort(byStart);
const allComponents = (v: View) =>
  v.snapshot.components.map((c) => component(v, c.id)).filter((c) => c !== null);
const pageIndicator = (v: View) =>
  pageStatus(
    v.snapshot.components.map((c) => v.statuses.get(c.id) ?? "operational"),
    v.snapshot.incidents,
    v.snapshot.bounds,
    v.now,
  );

const BUILDERS: Record<StatuspageDoc, (v: View) => object> = {
  summary: (v) => ({
    page: v.page,
    components: allComponents(v),
    incidents: unresolved(v).map((i) => incident(v, i)),
    scheduled_maintenances: [...inState(v, "in_progress"), ...inState(v, "scheduled")].map((i) =>
      incident(v, i),
    ),
    status: pageIndicator(v),
  }),
  status: (v) => ({ page: v.page, status: pageIndicator(v) }),
  components: (v) => ({ page: v.page, components: allComponents(v) }),
  unresolved: (v) => ({ page: v.page, incidents: unresolved(v).map((i) => incident(v, i)) }),
  incidents: (v) => ({ page: v.page, incidents: recent(incidentsOf(v)).map((i) => incident(v, i)) }),
  maintenances: (v) => ({
    page: v.page,
    scheduled_maintenances: recent(maintenancesOf(v)).map((i) => incident(v, i)),
  }),
  upcoming: (v) => ({
    page: v.page,
    scheduled_maintenances: inState(v, "scheduled").map((i) => incident(v, i)),
  }),
  active: (v) => ({
    page: v.page,
    scheduled_maintenances: inState(v, "in_progress").map((i) => incident(v, i)),
  }),
};

/** One Statuspage document, built alone. */
export function statuspageDoc(
  name: StatuspageDoc,
  snapshot: Snapshot,
  settings: Settings,
  baseUrl: string,
  nowMs: number,
): object {
  return BUILDERS[name](view(snapshot, settings, baseUrl, nowMs));
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
