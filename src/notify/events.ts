/**
 * Events for webhooks. An event is written to the outbox in the same D1 batch
 * as the change that caused it, so none is lost and none is phantom.
 */
import type { ComponentStatus } from "../domain/severity";

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
  oldStatus: ComponentStatus;
  newStatus: ComponentStatus;
};

export type EventBody = {
  event: EventType;
  at: string;
  incident?: IncidentFacts;
  component?: ComponentChange;
};

export function eventId(): string {
  return `msg_${crypto.randomUUID().replaceAll("-", "")}`;
}

/** The outbox row; `seq` orders events, counted inside the batch's transaction. */
export function outboxStatement(
  db: D1Database,
  body: EventBody,
  componentIds: readonly string[],
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO outbox (id, seq, event, component_ids, body, created_at)
       VALUES (?1, (SELECT COALESCE(MAX(seq), 0) + 1 FROM outbox), ?2, ?3, ?4, ?5)`,
    )
    .bind(eventId(), body.event, JSON.stringify([...new Set(componentIds)]), JSON.stringify(body), body.at);
}
