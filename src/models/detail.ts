/** Models for the incident, history and component pages. */

import type { ComponentStatus } from "../domain/severity";
import { statusOf } from "../domain/severity";
import {
  componentStatuses,
  type IncidentImpact,
  incidentImpact,
  incidentStatus,
  maintenanceStatus,
} from "../domain/status";
import { iso } from "../domain/time";
import type { Locale } from "../i18n/locale";
import type { SnapComponent, SnapIncident, Snapshot } from "../snapshot/types";
import { BAR_DAYS, componentHistory, type StripDay } from "./history";
import type { LatencySummary } from "./latency";

export type IncidentListItem = {
  id: string;
  name: string;
  maintenance: boolean;
  status: string;
  impact: IncidentImpact;
  beganAt: string;
  endedAt: string | null;
  durationMs: number;
  ongoing: boolean;
  /** The newest update, so a list tells what happened, not only titles. */
  latest: { title: string; html: string } | null;
};

export function listItem(incident: SnapIncident, bounds: readonly number[], nowMs: number): IncidentListItem {
  const now = iso(nowMs);
  const ended = incident.endedAt !== null && incident.endedAt <= now;
  return {
    id: incident.id,
    name: incident.name,
    maintenance: incident.maintenance,
    status: incident.maintenance ? maintenanceStatus(incident, now) : incidentStatus(incident, now),
    impact: incidentImpact(incident, bounds),
    beganAt: incident.beganAt,
    endedAt: incident.endedAt,
    durationMs:
      (ended && incident.endedAt ? Date.parse(incident.endedAt) : nowMs) - Date.parse(incident.beganAt),
    ongoing: !ended,
    latest: latestOf(incident),
  };
}

function latestOf(incident: SnapIncident): IncidentListItem["latest"] {
  const last = incident.updates.reduce<SnapIncident["updates"][number] | null>(
    (best, u) => (best === null || u.createdAt >= best.createdAt ? u : best),
    null,
  );
  return last ? { title: last.title, html: last.html } : null;
}

export type IncidentPageModel = IncidentListItem & {
  descriptionHtml: string;
  /** Newest first. */
  updates: { id: string; title: string; html: string; createdAt: string }[];
  /** Each affected component with the status this incident gives it (words, never numbers). */
  affected: { id: string; name: string; typeName: string; status: ComponentStatus }[];
  dataAsOf: string | null;
};

export function incidentPageModel(
  incident: SnapIncident,
  snapshot: Snapshot | null,
  componentNames: Map<string, string>,
  nowMs: number,
  dataAsOf: string | null,
): IncidentPageModel {
  const bounds = snapshot?.bounds ?? [33, 66, 100];
  return {
    ...listItem(incident, bounds, nowMs),
    descriptionHtml: incident.descriptionHtml,
    updates: incident.updates
      .slice()
      .sort((a, b) => (a.createdAt === b.createdAt ? b.order - a.order : a.createdAt < b.createdAt ? 1 : -1))
      .map((u) => ({ id: u.id, title: u.title, html: u.html, createdAt: u.createdAt })),
    affected: incident.impacts.map((i) => ({
      id: i.componentId,
      name: componentNames.get(i.componentId) ?? "A removed component",
      typeName: i.typeName,
      status: statusOf(i.severity, bounds),
    })),
    dataAsOf,
  };
}

export type MonthGroup = { month: string; items: IncidentListItem[] };

/** Groups items (newest first) by calendar month in the visitor's zone. */
export function byMonth(items: readonly IncidentListItem[], monthOf: (iso: string) => string): MonthGroup[] {
  const groups: MonthGroup[] = [];
  for (const item of items) {
    const month = monthOf(item.beganAt);
    const last = groups[groups.length - 1];
    if (last && last.month === month) last.items.push(item);
    else groups.push({ month, items: [item] });
  }
  return groups;
}

export type MonitorPanel = {
  id: string;
  name: string;
  kind: string;
  status: "up" | "degraded" | "down";
  enabled: boolean;
  lastReason: string | null;
  summary: LatencySummary;
};

export type ComponentPageModel = {
  monitors: MonitorPanel[];
  component: SnapComponent;
  groupName: string | null;
  members: { id: string; name: string; status: ComponentStatus }[];
  status: ComponentStatus;
  strip: { finished: readonly StripDay[]; today: StripDay };
  uptime: string;
  uptimeDays: number | null;
  incidents: IncidentListItem[];
  dataAsOf: string | null;
};

export function componentPageModel(
  snapshot: Snapshot,
  component: SnapComponent,
  incidents: readonly SnapIncident[],
  nowMs: number,
  dataAsOf: string | null,
  l: Locale,
  monitors: MonitorPanel[] = [],
): ComponentPageModel {
  const now = iso(nowMs);
  const statuses = componentStatuses(snapshot.components, snapshot.incidents, snapshot.bounds, now);
  const history = componentHistory(snapshot, component, nowMs, l);
  return {
    component,
    groupName: snapshot.components.find((c) => c.id === component.group)?.name ?? null,
    members: snapshot.components
      .filter((c) => c.group === component.id)
      .map((c) => ({ id: c.id, name: c.name, status: statuses.get(c.id) ?? "operational" })),
    status: statuses.get(component.id) ?? "operational",
    strip: { finished: history.finished.days, today: history.today },
    uptime: history.uptime,
    uptimeDays: history.uptimeDays < BAR_DAYS ? history.uptimeDays : null,
    incidents: incidents.map((i) => listItem(i, snapshot.bounds, nowMs)),
    dataAsOf,
    monitors,
  };
}
