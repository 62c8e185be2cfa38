/** The events Beacon announces (webhooks and subscribers' e-mail), and what each says. */
import type { ComponentStatus } from "./severity";

export const EVENT_TYPES = [
  "incident.created",
  "incident.updated",
  "incident.resolved",
  "maintenance.scheduled",
  "maintenance.started",
  "maintenance.completed",
  "component.status_changed",
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/** The events subscribers hear about by e-mail: incidents and maintenance, not each component's status. */
export const MAILED_EVENTS: ReadonlySet<EventType> = new Set(
  EVENT_TYPES.filter((e) => e !== "component.status_changed"),
);

export type IncidentFacts = {
  id: string;
  name: string;
  /** Statuspage's incident or maintenance status. */
  status: string;
  impact: string;
  maintenance: boolean;
  beganAt: string;
  endedAt: string | null;
  monitoringAt: string | null;
  createdAt: string;
  updatedAt: string;
  components: { id: string; name: string; status: ComponentStatus }[];
  update: { id: string; title: string; text: string; at: string } | null;
};

export type ComponentChange = {
  id: string;
  name: string;
  /** When the component was created (older events lack it). */
  createdAt?: string;
  oldStatus: ComponentStatus;
  newStatus: ComponentStatus;
};

export type EventBody = {
  event: EventType;
  at: string;
  incident?: IncidentFacts;
  component?: ComponentChange;
};
