/**
 * Alertmanager groups as incidents, without I/O: which component each alert
 * names, and what the group's incident becomes when alerts fire or resolve.
 */

import { SEEDED_IMPACT_TYPES } from "./impact-types";
import type { Impact, Incident } from "./incident";

export type StoredAlert = {
  fingerprint: string;
  status: "firing" | "resolved";
  componentId: string;
  severity: number;
  name: string;
  startsAt: string | null;
  endsAt: string | null;
};

export type AlertInput = {
  status: "firing" | "resolved";
  labels: Record<string, string>;
  annotations: Record<string, string>;
  fingerprint: string;
  startsAt: string | null;
  endsAt: string | null;
};

export type ReceiverConfig = {
  components?: Record<string, string>;
  severities?: Record<string, number>;
};

export type NamedComponent = { id: string; displayName: string };

export type Refusal = { path: string; message: string };

export const DEFAULT_ALERT_SEVERITY = 66;

/** A plain-object lookup that never reaches Object.prototype ("constructor", "__proto__"). */
function own<T>(record: Record<string, T> | undefined, key: string): T | undefined {
  return record && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** The component a label value names: the configured mapping, an id, or one name (case-insensitive). */
export function matchComponent(
  value: string,
  config: ReceiverConfig,
  components: readonly NamedComponent[],
): { id: string } | { refusal: string } {
  const mapped = own(config.components, value);
  if (mapped !== undefined) {
    return components.some((c) => c.id === mapped)
      ? { id: mapped }
      : { refusal: `the mapping for "${value}" names a component that no longer exists` };
  }
  const byId = components.find((c) => c.id === value);
  if (byId) return { id: byId.id };
  const byName = components.filter((c) => c.displayName.toLowerCase() === value.toLowerCase());
  if (byName.length === 1 && byName[0]) return { id: byName[0].id };
  if (byName.length > 1) {
    return {
      refusal: `"${value}" names ${byName.length} components (${byName.map((c) => c.id).join(", ")}); label with an id or map it in the receiver's settings`,
    };
  }
  return { refusal: `no component matches "${value}"` };
}

export function alertSeverity(labels: Record<string, string>, config: ReceiverConfig): number {
  return (
    own(config.severities, labels.severity ?? "") ??
    own(config.severities, "warning") ??
    DEFAULT_ALERT_SEVERITY
  );
}

/** Alerts that name a component, and a refusal for each that does not. */
export function matchAlerts(
  alerts: readonly AlertInput[],
  config: ReceiverConfig,
  components: readonly NamedComponent[],
): { matched: StoredAlert[]; refused: Refusal[] } {
  const matched: StoredAlert[] = [];
  const refused: Refusal[] = [];
  for (const [i, alert] of alerts.entries()) {
    const path = `alerts.${i}.labels.component`;
    const value = alert.labels.component;
    if (!value) {
      refused.push({ path, message: "is missing; it names the affected component" });
      continue;
    }
    const match = matchComponent(value, config, components);
    if ("refusal" in match) {
      refused.push({ path, message: match.refusal });
      continue;
    }
    matched.push({
      fingerprint: alert.fingerprint,
      status: alert.status,
      componentId: match.id,
      severity: alertSeverity(alert.labels, config),
      name: alert.labels.alertname ?? "alert",
      startsAt: alert.startsAt,
      endsAt: alert.endsAt,
    });
  }
  return { matched, refused };
}

/**
 * Each component the group's alerts touched, at the worst severity among its
 * firing alerts. A component whose alerts have all resolved keeps its impact
 * with the time its last alert ended, so its history keeps the incident.
 */
export function impactsOf(alerts: readonly StoredAlert[], now: string): Impact[] {
  const byComponent = new Map<string, StoredAlert[]>();
  for (const a of alerts) byComponent.set(a.componentId, [...(byComponent.get(a.componentId) ?? []), a]);
  return [...byComponent].map(([reference, list]) => {
    const firing = list.filter((a) => a.status === "firing");
    const severity = Math.max(...(firing.length ? firing : list).map((a) => a.severity));
    const impact: Impact = { reference, type: SEEDED_IMPACT_TYPES.unknown, severity };
    if (firing.length === 0) {
      impact.endedAt =
        list
          .map((a) => (a.endsAt && a.endsAt <= now ? a.endsAt : now))
          .sort()
          .at(-1) ?? now;
    }
    return impact;
  });
}

export type GroupContext = {
  /** The group's incident while it is open. */
  open: Incident | null;
  /** Every alert of the group after this payload. */
  alerts: StoredAlert[];
  /** The alerts whose status this payload changed. */
  changes: StoredAlert[];
  /** Published annotations of the payload (only those the settings allow). */
  annotations: Record<string, string>;
  groupName: string | null;
  /** The group's phase list: where a new incident opens, and how long it is (its last phase resolves). */
  phases: { generation: number; opening: number; count: number };
  now: string;
};

const names = (list: readonly StoredAlert[]) => [...new Set(list.map((a) => a.name))].join(", ");

/** What the group's incident becomes: opened, changed, resolved, or left alone (null). */
export function groupIncident(ctx: GroupContext): { after: Incident; title: string; text: string } | null {
  const { open, alerts, changes, now } = ctx;
  const firing = alerts.filter((a) => a.status === "firing");
  const newlyFiring = changes.filter((a) => a.status === "firing");
  const newlyResolved = changes.filter((a) => a.status === "resolved");
  if (!open) {
    if (firing.length === 0) return null;
    const began =
      firing
        .map((a) => a.startsAt)
        .filter((t): t is string => t !== null && t <= now)
        .sort()[0] ?? now;
    const after: Incident = {
      id: crypto.randomUUID(),
      displayName: (ctx.annotations.summary ?? ctx.groupName ?? names(firing)).slice(0, 200),
      description: ctx.annotations.description ?? "Opened by Alertmanager.",
      beganAt: began,
      endedAt: null,
      phase: { generation: ctx.phases.generation, order: ctx.phases.opening },
      affects: impactsOf(firing, now),
      updates: [],
      monitoringAt: null,
      revision: 0,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
    };
    return { after, title: "Investigating", text: `Firing: ${names(firing)}.` };
  }
  if (firing.length > 0) {
    const text = [
      newlyFiring.length ? `Firing: ${names(newlyFiring)}.` : "",
      newlyResolved.length ? `Resolved: ${names(newlyResolved)}.` : "",
    ]
      .filter(Boolean)
      .join(" ");
    return { after: { ...open, affects: impactsOf(alerts, now), updatedAt: now }, title: "Update", text };
  }
  const ended =
    newlyResolved
      .map((a) => a.endsAt)
      .filter((t): t is string => t !== null && t <= now && t >= open.beganAt)
      .sort()
      .at(-1) ?? now;
  const affects = impactsOf(alerts, now).map(({ endedAt: _ended, ...impact }) => impact);
  return {
    after: {
      ...open,
      affects,
      endedAt: ended,
      phase: { ...open.phase, order: Math.max(0, ctx.phases.count - 1) },
      updatedAt: now,
    },
    title: "Resolved",
    text: `All alerts resolved: ${names(newlyResolved)}.`,
  };
}
