/** The outbox statements a write to an incident adds to its own batch. */

import { outboxStatement } from "../db/outbox";
import type { EventType } from "../domain/events";
import type { Incident } from "../domain/incident";
import { isMaintenance } from "../domain/incident";
import { factsContext, incidentEvent, incidentFacts } from "./facts";
import { statusChangeStatements } from "./status-changes";

export type UpdateFacts = { id: string; title: string; text: string; at: string };

export async function incidentEventStatements(
  db: D1Database,
  before: Incident | null,
  after: Incident | null,
  now: string,
  update: UpdateFacts | null = null,
  mailSubscribers = true,
): Promise<D1PreparedStatement[]> {
  const subject = after ?? before;
  if (!subject) return [];
  const statements = await statusChangeStatements(db, now, {
    incidentId: subject.id,
    after: after ? { beganAt: after.beganAt, endedAt: after.endedAt, affects: after.affects } : null,
  });
  if (!after) return statements;
  const maintenance = isMaintenance(after.affects);
  // Maintenance announces itself once when scheduled; its start and end come from the cron.
  const event: EventType | null = maintenance
    ? before
      ? null
      : "maintenance.scheduled"
    : incidentEvent(before, after, now);
  if (!event) return statements;
  const facts = incidentFacts(after, await factsContext(db, after), now, update);
  const ids = [...new Set([...(before?.affects ?? []), ...after.affects].map((a) => a.reference))];
  return [outboxStatement(db, { event, at: now, incident: facts }, ids, mailSubscribers), ...statements];
}
