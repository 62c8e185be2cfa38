/**
 * The published snapshot: everything public pages, feeds and the Statuspage
 * API need, precomputed when data changes. Anything that depends on "now"
 * (status, today's bar) is derived from it at render time.
 */
import type { PhaseStatus } from "../domain/phase-status";
import type { Severity } from "../domain/severity";
import type { BandMinutes } from "../domain/uptime";

export const SNAPSHOT_SCHEMA = 2;

export type SnapComponent = {
  id: string;
  name: string;
  description: string | null;
  group: string | null;
  position: number;
  createdAt: string;
  updatedAt: string;
  /** Start of the component's history: its creation, or its earliest impact if older. */
  existsFrom: string;
};

export type SnapImpact = {
  componentId: string;
  typeId: string;
  typeName: string;
  severity: number;
  /** When the component stopped being affected, if before the incident ended. */
  endedAt?: string;
};

export type SnapUpdate = {
  id: string;
  order: number;
  title: string;
  /** Markdown source, rendered to safe HTML in `html`. */
  text: string;
  html: string;
  createdAt: string;
  /** True when the snapshot holds only the start of a long text. */
  cut?: boolean;
};

export type SnapIncident = {
  id: string;
  name: string;
  description: string;
  descriptionHtml: string;
  beganAt: string;
  endedAt: string | null;
  createdAt: string;
  updatedAt: string;
  monitoringAt: string | null;
  phaseName: string;
  phaseStatus: PhaseStatus | null;
  maintenance: boolean;
  impacts: SnapImpact[];
  /** How many updates the incident has; the snapshot holds only the latest few. */
  updateCount: number;
  /** Oldest first. */
  updates: SnapUpdate[];
};

/** A completed day of a component's probes: minutes failing, slow, and covered by any check. */
export type SnapProbeDay = { day: string; down: number; slow: number; covered: number };

/** A completed day of a component's history. */
export type SnapDay = BandMinutes & {
  day: string;
  incidents: number;
  /** The first few incidents' names, for the day's text alternative. */
  names?: string[];
};

export type Snapshot = {
  schema: number;
  version: number;
  builtAt: string;
  /** Latest change to anything the page shows. */
  updatedAt: string;
  severities: Severity[];
  bounds: number[];
  components: SnapComponent[];
  incidents: SnapIncident[];
  /** Completed days (oldest first, up to yesterday) with anything in them, per component. */
  days: Record<string, SnapDay[]>;
  /** Finished days of probe results per component: the worst monitor of each day. */
  probeDays: Record<string, SnapProbeDay[]>;
  /** Whether any enabled monitor exists (then stalled checks are worth a notice). */
  monitored: boolean;
  /** The shortest check interval, in seconds. */
  checkIntervalSeconds: number;
  lastTickAt: string | null;
  /** The page's stable id in the Statuspage-compatible API. */
  pageId: string;
};
