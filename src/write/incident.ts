/**
 * The one way an incident changes. The API, the Alertmanager receiver, the
 * cron's auto-incidents and the console all describe a change as "before" and
 * "after" (plus an update posted with it), and get back every statement it
 * needs: the incident and its impacts, the update, and the outbox events
 * (incident.*, maintenance.scheduled, component.status_changed). The caller
 * puts them in one D1 batch with its audit row, so an event is never lost or
 * phantom, whoever made the change.
 */
import { deleteIncident, insertIncident, updateIncident } from "../db/incidents";
import { insertUpdate } from "../db/updates";
import type { Incident } from "../domain/incident";
import { incidentEventStatements } from "../notify/emit";
import type { Derived } from "../snapshot/refresh";

export type IncidentChange = {
  /** The incident as stored, or null when the change creates it. */
  before: Incident | null;
  /** The incident after the change, or null when the change deletes it. */
  after: Incident | null;
  /** An update posted with the change (shown on the page and sent with its event). */
  update?: { title: string; text: string; at?: string } | null;
  /** False posts quietly: webhooks still hear of it, subscribers' e-mail does not. */
  notifySubscribers?: boolean;
  /** The monitor that opens the incident, for incidents a monitor opens. */
  monitorId?: string | null;
  now: string;
};

export type IncidentWrite = {
  statements: D1PreparedStatement[];
  derived: Derived;
  /** Where the posted update's INSERT (which returns its order) sits in `statements`. */
  updateAt: number | null;
};

export async function incidentWrite(db: D1Database, change: IncidentChange): Promise<IncidentWrite> {
  const { before, after, now } = change;
  const subject = after ?? before;
  if (!subject) throw new Error("an incident change needs a before or an after");
  const statements: D1PreparedStatement[] = [];
  if (!before && after) statements.push(...insertIncident(db, after, change.monitorId ?? null));
  else if (after) statements.push(...updateIncident(db, after));
  else statements.push(deleteIncident(db, subject.id, now));

  let facts = null;
  let updateAt: number | null = null;
  if (change.update && after) {
    updateAt = statements.length;
    facts = {
      id: crypto.randomUUID(),
      title: change.update.title,
      text: change.update.text,
      at: change.update.at ?? now,
    };
    statements.push(
      insertUpdate(db, {
        incidentId: after.id,
        id: facts.id,
        displayName: facts.title,
        description: facts.text,
        createdAt: facts.at,
      }),
    );
  }
  statements.push(
    ...(await incidentEventStatements(db, before, after, now, facts, change.notifySubscribers ?? true)),
  );
  return { statements, derived: { ...touched(before, after, now), notify: true }, updateAt };
}

/** The rollups a change touches: its components over its span, before and after; none when neither moved. */
export function touched(before: Incident | null, after: Incident | null, now: string): Derived {
  const versions = [before, after].filter((i): i is Incident => i !== null);
  if (before && after && sameSpanAndImpacts(before, after)) return {};
  const componentIds = [...new Set(versions.flatMap((i) => i.affects.map((a) => a.reference)))];
  if (componentIds.length === 0) return {};
  const end = Date.parse(now);
  const from = Math.min(...versions.map((i) => Date.parse(i.beganAt)));
  const to = Math.max(...versions.map((i) => (i.endedAt ? Date.parse(i.endedAt) : end)));
  return { rollups: { componentIds, from, to } };
}

function sameSpanAndImpacts(a: Incident, b: Incident): boolean {
  return (
    a.beganAt === b.beganAt &&
    a.endedAt === b.endedAt &&
    JSON.stringify(a.affects) === JSON.stringify(b.affects)
  );
}
