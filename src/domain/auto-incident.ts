/**
 * What a monitor's transition does to its incident, without I/O: open one,
 * change its severity, or resolve it. One update each time, never a repeat
 * while nothing a visitor cares about changed. Operators may edit or close an
 * auto-incident; a closed one is left alone and never reopened.
 */
import { SEEDED_IMPACT_TYPES } from "./impact-types";
import type { Incident } from "./incident";
import type { Monitor } from "./monitor";
import type { Transition } from "./monitor-state";
import { iso } from "./time";

/**
 * The sentences an auto-incident is written in, in the page's language: they
 * are stored with the incident and read by every visitor, like an operator's.
 */
export type AutoWords = {
  down(subject: string): string;
  slow(subject: string): string;
  opened(monitor: string): string;
  /** "Checkout API is down since 29 Nov 2026, 19:02 CET (HTTP 503). We are looking into it." */
  openText(symptom: string, since: string, why: string): string;
  worseText(symptom: string, why: string): string;
  improving(subject: string): string;
  recovered(subject: string, since: string, lasted: string): string;
  /** Update titles. */
  titles: { update: string; investigating: string; improving: string; resolved: string };
  dateTime(iso: string, tz: string): string;
  duration(ms: number): string;
};

export type AutoContext = {
  /** The monitor's incident as stored, or null when it has none (or it was deleted). */
  open: Incident | null;
  /** The component's name, to name it in the title and updates. */
  componentName: string | null;
  firstPhase: { generation: number; order: number };
  /** The last phase of a generation's list ("Done" by default). */
  lastPhaseOrder: (generation: number) => number;
  timeZone: string;
  now: number;
  words: AutoWords;
};

export type AutoChange = {
  before: Incident | null;
  after: Incident;
  update: { title: string; text: string };
  action: "incident.auto-open" | "incident.auto-worse" | "incident.auto-better" | "incident.auto-resolve";
};

type Health = "degraded" | "down";

function severityFor(m: Monitor, health: Health): number {
  return health === "down" ? m.severity : (m.degradedSeverity ?? Math.min(m.severity, 33));
}

function impactTypeFor(m: Monitor, health: Health): string {
  if (m.impactTypeId) return m.impactTypeId;
  return health === "down" ? SEEDED_IMPACT_TYPES.connectivity : SEEDED_IMPACT_TYPES.performance;
}

function affectsFor(m: Monitor, health: Health): Incident["affects"] {
  return m.componentId
    ? [{ reference: m.componentId, type: impactTypeFor(m, health), severity: severityFor(m, health) }]
    : [];
}

/** "Checkout API is down", "Checkout API is slow". */
function symptom(w: AutoWords, subject: string, health: Health): string {
  return health === "down" ? w.down(subject) : w.slow(subject);
}

/** The change a transition makes, or null when the incident stays as it is. */
export function autoIncidentChange(m: Monitor, t: Transition, ctx: AutoContext): AutoChange | null {
  const at = iso(ctx.now);
  const live = ctx.open && ctx.open.endedAt === null ? ctx.open : null;
  const subject = ctx.componentName ?? m.displayName;
  const w = ctx.words;
  const when = (time: string) => w.dateTime(time, ctx.timeZone);
  const why = (reason: string | null) => (reason ? ` (${reason})` : "");

  if (t.kind === "worse") {
    const health: Health = t.to === "down" ? "down" : "degraded";
    if (live) {
      return {
        before: live,
        after: { ...live, affects: affectsFor(m, health), updatedAt: at },
        update: { title: w.titles.update, text: w.worseText(symptom(w, subject, health), why(t.reason)) },
        action: "incident.auto-worse",
      };
    }
    const after: Incident = {
      id: crypto.randomUUID(),
      displayName: symptom(w, subject, health),
      description: w.opened(m.displayName),
      beganAt: t.since,
      endedAt: null,
      phase: ctx.firstPhase,
      affects: affectsFor(m, health),
      updates: [],
      monitoringAt: null,
      revision: 0,
      createdAt: at,
      updatedAt: at,
      deletedAt: null,
    };
    return {
      before: null,
      after,
      update: {
        title: w.titles.investigating,
        text: w.openText(symptom(w, subject, health), when(t.since), why(t.reason)),
      },
      action: "incident.auto-open",
    };
  }
  if (!live) return null;
  if (t.kind === "better") {
    return {
      before: live,
      after: { ...live, affects: affectsFor(m, "degraded"), updatedAt: at },
      update: { title: w.titles.improving, text: w.improving(subject) },
      action: "incident.auto-better",
    };
  }
  if (t.kind === "recovered") {
    return {
      before: live,
      after: {
        ...live,
        endedAt: t.since,
        phase: { ...live.phase, order: ctx.lastPhaseOrder(live.phase.generation) },
        updatedAt: at,
      },
      update: {
        title: w.titles.resolved,
        text: w.recovered(subject, when(t.since), w.duration(Date.parse(t.since) - Date.parse(live.beganAt))),
      },
      action: "incident.auto-resolve",
    };
  }
  // A new reason while still failing changes nothing a visitor needs to read again.
  return null;
}
