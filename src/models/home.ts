/** The home page's data: everything derived from the snapshot at one moment. */
import type { ComponentStatus } from "../domain/severity";
import {
  componentStatuses,
  type IncidentImpact,
  type IncidentStatus,
  type Indicator,
  incidentImpact,
  incidentStatus,
  isActive,
  type MaintenanceStatus,
  maintenanceStatus,
  pageStatus,
} from "../domain/status";
import { DAY_MS, iso } from "../domain/time";
import type { Locale } from "../i18n/locale";
import type { SnapComponent, SnapIncident, Snapshot } from "../snapshot/types";
import {
  BAR_DAYS,
  componentHistory,
  type FinishedDays,
  type StripDay,
  type StripRun,
  todaySpans,
} from "./history";

export type UpdateSummary = { title: string; html: string; createdAt: string };

export type AffectedComponent = { id: string; name: string };

export type IncidentSummary = {
  id: string;
  name: string;
  status: IncidentStatus;
  impact: IncidentImpact;
  beganAt: string;
  latest: UpdateSummary | null;
  affected: AffectedComponent[];
};

export type MaintenanceSummary = {
  id: string;
  name: string;
  status: MaintenanceStatus;
  beganAt: string;
  endedAt: string | null;
  latest: UpdateSummary | null;
  affected: AffectedComponent[];
};

export type ComponentEntry = {
  id: string;
  name: string;
  description: string | null;
  status: ComponentStatus;
  /** The bar: finished days and today so far; null for a group, whose members carry bars. */
  strip: { finished: readonly StripRun[]; today: StripDay } | null;
  uptime: string;
  /** Days behind the uptime figure, when fewer than the bar shows. */
  uptimeDays: number | null;
  children: ComponentEntry[];
  /** A group shown folded: its members' bars are one click (or Enter) away. */
  collapsed: boolean;
};

/**
 * A page with more bars than this folds its groups in which everything is
 * operational, so that an outage is not buried under screens of green bars
 * and the browser lays out the bars a visitor opens, not all of them.
 */
export const FOLD_GROUPS_OVER_BARS = 12;

/** The groups to fold: on a long page, those whose own and members' status is operational. */
function foldQuietGroups(entries: ComponentEntry[]): ComponentEntry[] {
  const bars = entries.reduce((n, c) => n + (c.children.length ? c.children.length : 1), 0);
  if (bars <= FOLD_GROUPS_OVER_BARS) return entries;
  return entries.map((c) =>
    c.children.length && c.status === "operational" && c.children.every((m) => m.status === "operational")
      ? { ...c, collapsed: true }
      : c,
  );
}

export type HomeModel = {
  now: string;
  indicator: Indicator;
  description: string;
  incidents: IncidentSummary[];
  maintenance: MaintenanceSummary[];
  components: ComponentEntry[];
  updatedAt: string;
  /** Set when D1 did not answer and the page shows the last snapshot. */
  dataAsOf: string | null;
  /** Set when the cron has not completed a run for 3 minutes. */
  checksDelayedSince: string | null;
};

/** Monitors exist and the last finished cron run is older than three check intervals. */
export function checksDelayed(snapshot: Snapshot, lastTickAt: string | null, nowMs: number): boolean {
  if (!snapshot.monitored) return false;
  const last = lastTickAt ? Date.parse(lastTickAt) : Date.parse(snapshot.builtAt);
  return nowMs - last > 3 * Math.max(60, snapshot.checkIntervalSeconds) * 1000;
}

export function latestUpdate(incident: SnapIncident): UpdateSummary | null {
  const last = incident.updates.reduce<SnapIncident["updates"][number] | null>(
    (best, u) => (best === null || u.createdAt >= best.createdAt ? u : best),
    null,
  );
  return last ? { title: last.title, html: last.html, createdAt: last.createdAt } : null;
}

export function affectedComponents(snapshot: Snapshot, incident: SnapIncident): AffectedComponent[] {
  const names = new Map(snapshot.components.map((c) => [c.id, c.name]));
  const ids = [...new Set(incident.impacts.map((i) => i.componentId))];
  return ids.filter((id) => names.has(id)).map((id) => ({ id, name: names.get(id) ?? "" }));
}

/**
 * What the top of the page says now: the banner, active incidents and the
 * maintenance in view. The console's dashboard shows the same, without bars.
 */
export function homeHeadline(snapshot: Snapshot, nowMs: number, previewDays: number) {
  const now = iso(nowMs);
  const statuses = componentStatuses(snapshot.components, snapshot.incidents, snapshot.bounds, now);
  const page = pageStatus(
    snapshot.components.map((c) => statuses.get(c.id) ?? "operational"),
    snapshot.incidents,
    snapshot.bounds,
    now,
  );
  const horizon = iso(nowMs + previewDays * DAY_MS);

  const incidents = snapshot.incidents
    .filter((i) => !i.maintenance && isActive(i, now))
    .map((i) => ({
      id: i.id,
      name: i.name,
      status: incidentStatus(i, now),
      impact: incidentImpact(i, snapshot.bounds),
      beganAt: i.beganAt,
      latest: latestUpdate(i),
      affected: affectedComponents(snapshot, i),
    }));

  const maintenance = snapshot.incidents
    .filter((i) => i.maintenance && (isActive(i, now) || (i.beganAt > now && i.beganAt <= horizon)))
    .sort((a, b) => (a.beganAt < b.beganAt ? -1 : 1))
    .map((i) => ({
      id: i.id,
      name: i.name,
      status: maintenanceStatus(i, now),
      beganAt: i.beganAt,
      endedAt: i.endedAt,
      latest: latestUpdate(i),
      affected: affectedComponents(snapshot, i),
    }));

  return { now, statuses, page, incidents, maintenance };
}

export function homeModel(
  snapshot: Snapshot,
  nowMs: number,
  options: {
    fresh: boolean;
    previewDays: number;
    /** The language of the bars' text alternatives. */
    l: Locale;
    lastTickAt?: string | null;
    /** The finished days of a bar, from the caller's cache (computed when absent). */
    finished?: (component: SnapComponent) => FinishedDays;
  },
): HomeModel {
  const { now, statuses, page, incidents, maintenance } = homeHeadline(snapshot, nowMs, options.previewDays);

  const today = todaySpans(snapshot, nowMs);
  const known = new Set(snapshot.components.map((c) => c.id));
  const members = new Map<string, SnapComponent[]>();
  for (const c of snapshot.components) {
    if (c.group !== null && known.has(c.group)) members.set(c.group, [...(members.get(c.group) ?? []), c]);
  }
  const entry = (c: SnapComponent): ComponentEntry => {
    const children = (members.get(c.id) ?? []).map(entry);
    // A group is a heading for its members; only leaves carry a bar.
    const history = children.length
      ? null
      : componentHistory(snapshot, c, nowMs, options.l, today, options.finished?.(c));
    return {
      id: c.id,
      name: c.name,
      description: c.description,
      status: statuses.get(c.id) ?? "operational",
      strip: history ? { finished: history.finished.runs, today: history.today } : null,
      uptime: history?.uptime ?? "",
      uptimeDays: history && history.uptimeDays < BAR_DAYS ? history.uptimeDays : null,
      children,
      collapsed: false,
    };
  };
  const components = foldQuietGroups(
    snapshot.components.filter((c) => c.group === null || !known.has(c.group)).map(entry),
  );

  const lastTickAt = options.lastTickAt === undefined ? snapshot.lastTickAt : options.lastTickAt;
  const delayed = checksDelayed(snapshot, lastTickAt, nowMs);

  return {
    now,
    indicator: page.indicator,
    description: page.description,
    incidents,
    maintenance,
    components,
    updatedAt: snapshot.updatedAt,
    dataAsOf: options.fresh ? null : snapshot.builtAt,
    checksDelayedSince: delayed ? (lastTickAt ?? snapshot.builtAt) : null,
  };
}
