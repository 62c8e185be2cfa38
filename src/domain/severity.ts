/**
 * Severities: named upper bounds on a 0–100 scale. A severity covers
 * (previous value, own value]; 0 is reserved for maintenance. Statuspage-style
 * statuses map by band position: the first non-zero band is degraded, the last
 * is a major outage, and any band between is a partial outage.
 */

export type Severity = { displayName: string; value: number };

export type Band = "maintenance" | "first" | "middle" | "last";

export type ComponentStatus =
  | "operational"
  | "degraded_performance"
  | "partial_outage"
  | "major_outage"
  | "under_maintenance";

/** Why a set of severities is not allowed, or null when it is. */
export function severitySetProblem(list: readonly Severity[]): { path: string; message: string } | null {
  const names = new Set<string>();
  const values = new Set<number>();
  for (const s of list) {
    if (names.has(s.displayName))
      return { path: "displayName", message: `a severity named "${s.displayName}" exists` };
    names.add(s.displayName);
    if (s.value !== 0) {
      if (values.has(s.value)) return { path: "value", message: `a severity with value ${s.value} exists` };
      values.add(s.value);
    }
  }
  if (!values.has(100)) return { path: "value", message: "a severity with value 100 must exist" };
  return null;
}

/** Upper bounds of the non-zero bands, ascending. */
export function bandBounds(list: readonly Severity[]): number[] {
  const bounds = [...new Set(list.map((s) => s.value).filter((v) => v > 0))].sort((a, b) => a - b);
  return bounds.length > 0 && bounds[bounds.length - 1] === 100 ? bounds : [...bounds, 100];
}

export function bandOf(value: number, bounds: readonly number[]): Band {
  if (value <= 0) return "maintenance";
  const index = bounds.findIndex((b) => value <= b);
  const i = index === -1 ? bounds.length - 1 : index;
  if (i === bounds.length - 1) return "last";
  return i === 0 ? "first" : "middle";
}

const STATUS_OF_BAND: Record<Band, ComponentStatus> = {
  maintenance: "under_maintenance",
  first: "degraded_performance",
  middle: "partial_outage",
  last: "major_outage",
};

/** The status for a component's worst active severity (null: nothing affects it). */
export function statusOf(worst: number | null, bounds: readonly number[]): ComponentStatus {
  return worst === null ? "operational" : STATUS_OF_BAND[bandOf(worst, bounds)];
}

const RANK: Record<ComponentStatus, number> = {
  operational: 0,
  under_maintenance: 1,
  degraded_performance: 2,
  partial_outage: 3,
  major_outage: 4,
};

export function worseStatus(a: ComponentStatus, b: ComponentStatus): ComponentStatus {
  return RANK[b] > RANK[a] ? b : a;
}

/**
 * The worst of several active severities. An outage outranks maintenance:
 * a component down during its maintenance window is still down.
 */
export function worstSeverity(values: Iterable<number>): number | null {
  let worst: number | null = null;
  for (const v of values) if (worst === null || v > worst) worst = v;
  return worst;
}
