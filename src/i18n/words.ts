/**
 * The words visitors read for statuses, in one place: the banner, component
 * badges, incident impacts and the page title say the same thing the same
 * way, in the visitor's language. Severity numbers are never shown. (The
 * Statuspage API keeps Statuspage's own descriptions for the tools that read it.)
 */
import type { ComponentStatus } from "../domain/severity";
import type { IncidentImpact, Indicator } from "../domain/status";
import type { Key } from "./catalogue";
import type { Locale } from "./locale";

/** A message without placeholders, by a key chosen at run time ("status." + a status). */
export function word(l: Locale, key: Key): string {
  return (l.t as (key: Key) => string)(key);
}

export function statusLabel(l: Locale, status: ComponentStatus): string {
  return l.t(`status.${status}`);
}

/** The page as a whole, in the components' words. */
export function indicatorLabel(l: Locale, indicator: Indicator): string {
  return l.t(`indicator.${indicator}`);
}

/** An incident's impact, in the words of the component status it causes. */
export function impactLabel(l: Locale, impact: IncidentImpact): string {
  return l.t(`impact.${impact}`);
}

const PHASES = new Set([
  "investigating",
  "identified",
  "monitoring",
  "resolved",
  "postmortem",
  "scheduled",
  "in_progress",
  "verifying",
  "completed",
]);

/** A phase's word; a phase an operator named otherwise keeps its own name. */
export function phaseLabel(l: Locale, status: string): string {
  return PHASES.has(status) ? word(l, `phase.${status}` as Key) : status;
}
