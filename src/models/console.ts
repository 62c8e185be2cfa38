/**
 * Plain data the console's screens are drawn from. Routes fill it from db/;
 * views read it. No HTML and no I/O here.
 */
import type { Impact } from "../domain/incident";
import type { PhaseStatus } from "../domain/phase-status";
import type { UsageLine } from "../domain/plan";
import { bandBounds, type ComponentStatus, type Severity, statusOf } from "../domain/severity";
import type { Locale } from "../i18n/locale";
import { word } from "../i18n/words";

export type Choice = { id: string; name: string };

/** One severity an operator can pick, with the component status it causes. */
export type Level = { value: number; name: string; status: ComponentStatus };

export type PhaseChoice = { order: number; name: string; status: PhaseStatus | null };

/** What an incident or maintenance form offers. */
export type Catalogue = {
  components: (Choice & { group: string | null })[];
  /** Impact types other than maintenance, for incidents. */
  kinds: Choice[];
  maintenanceType: string | null;
  levels: Level[];
  generation: number;
  phases: PhaseChoice[];
  templates: TemplateSummary[];
};

export type TemplateSummary = {
  id: string;
  name: string;
  title: string;
  body: string;
  phaseOrder: number | null;
  affects: Impact[];
};

/** The non-maintenance severities, mildest first, each with the status it causes. */
export function impactLevels(severities: readonly Severity[]): Level[] {
  const bounds = bandBounds(severities);
  return severities
    .filter((s) => s.value > 0)
    .sort((a, b) => a.value - b.value)
    .map((s) => ({ value: s.value, name: s.displayName, status: statusOf(s.value, bounds) }));
}

/** What an incident form holds, as entered: strings, so a refused form comes back as typed. */
export type IncidentFormValues = {
  title: string;
  text: string;
  kind: string;
  status: string;
  /** componentId → severity value as text ("" for not affected). */
  impacts: Record<string, string>;
  template?: string;
};

export type TimelineEntry = { order: number; title: string; html: string; createdAt: string };

export type IncidentView = {
  id: string;
  name: string;
  beganAt: string;
  endedAt: string | null;
  /** Began, and ended, by now. */
  begun: boolean;
  ended: boolean;
  maintenance: boolean;
  phaseOrder: number;
  phaseName: string;
  status: PhaseStatus | null;
  impacts: { componentId: string; componentName: string; severity: number; typeId: string }[];
  timeline: TimelineEntry[];
};

/** One line of the budget meter, as the console shows it. */
export type UsageRow = { label: string; value: string; limit: string; percent: string; warning: boolean };

/** Today's usage against the plan, ready to print in the console's language. */
export function usageRows(lines: readonly UsageLine[], l: Locale): UsageRow[] {
  return lines.map((line) => ({
    label: word(l, `usage.${line.metric}`),
    value: line.value === null ? l.t("usage.notMeasurable") : l.number(line.value),
    limit: line.limit === null ? l.t("usage.noLimit") : l.number(line.limit),
    percent: line.fraction === null ? "" : l.percent(Math.round(line.fraction * 100) / 100),
    warning: line.warning,
  }));
}

export type DashboardModel = {
  indicator: import("../domain/status").Indicator;
  now: string;
  incidents: { id: string; name: string; status: string; beganAt: string }[];
  maintenance: { id: string; name: string; status: string; beganAt: string; endedAt: string | null }[];
  failingMonitors: {
    id: string;
    name: string;
    status: string;
    reason: string | null;
    since: string | null;
  }[];
  troubledWebhooks: { id: string; url: string; reason: string }[];
  templates: Choice[];
  /** Lines of the budget meter at 80 % or more of the plan's limit (admin only). */
  usageWarnings: UsageRow[];
  plan: string;
};
