/**
 * Every phase maps to one public status, so that moving an incident's phase
 * is how its status changes on the page, in feeds, the Statuspage views and
 * webhooks. A phase name that says what it means maps by name (the SCS
 * defaults: Scheduled, Investigation ongoing, Working on it, Potential fix
 * deployed, Done); others map by their position in the list.
 */
export type PhaseStatus = "scheduled" | "investigating" | "identified" | "monitoring" | "resolved";

const BY_NAME: readonly [RegExp, PhaseStatus][] = [
  [/^\s*(scheduled|planned|announced)\s*$/i, "scheduled"],
  [/investigat|triag|analys/i, "investigating"],
  [/identified|working on|fixing|in progress|mitigat|implement/i, "identified"],
  [/monitor|fix deployed|fix applied|verif|recover/i, "monitoring"],
  [/^\s*(done|resolved|closed|complete[d]?|finished|fixed)\s*$/i, "resolved"],
];

export function statusByName(name: string): PhaseStatus | null {
  for (const [pattern, status] of BY_NAME) if (pattern.test(name)) return status;
  return null;
}

/** By position: the first is investigating, the last resolved, those between identified then monitoring. */
function statusByPosition(index: number, count: number): PhaseStatus {
  if (index === 0) return "investigating";
  if (index === count - 1 && count > 1) return "resolved";
  return index <= (count - 1) / 2 ? "identified" : "monitoring";
}

/** The status of each phase in a list, in order. */
export function phaseStatuses(phases: readonly string[]): PhaseStatus[] {
  return phases.map((name, i) => statusByName(name) ?? statusByPosition(i, phases.length));
}

/** Where a new incident starts: maintenance in the first "scheduled" phase, anything else in the first that is not. */
export function openingOrder(phases: readonly string[], maintenance: boolean): number {
  const wanted = phaseStatuses(phases).findIndex((s) =>
    maintenance ? s === "scheduled" : s !== "scheduled",
  );
  return Math.max(0, wanted);
}
