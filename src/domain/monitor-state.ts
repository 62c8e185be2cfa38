/**
 * The state machine of one monitor. Results that agree with the confirmed
 * state change nothing (so a healthy fleet writes nothing); N disagreeing
 * results in a row move it.
 */

export type Health = "up" | "degraded" | "down";

export type ProbeReason = "timeout" | "dns" | "refused" | "tls" | "status" | "keyword" | "slow" | "error";

export type ProbeResult = {
  at: number;
  health: Health;
  latencyMs: number | null;
  statusCode: number | null;
  reason: ProbeReason | null;
  /** A short human sentence for incident updates. */
  detail: string | null;
};

export type MonitorState = {
  status: Health;
  streakStatus: Health | null;
  streakCount: number;
  streakStartedAt: string | null;
  lastReason: string | null;
  incidentId: string | null;
};

export const INITIAL_STATE: MonitorState = {
  status: "up",
  streakStatus: null,
  streakCount: 0,
  streakStartedAt: null,
  lastReason: null,
  incidentId: null,
};

export type Thresholds = { failureThreshold: number; recoveryThreshold: number };

export type Transition =
  | { kind: "none" }
  /** Moved to a worse state: open an incident, or raise the open one. */
  | { kind: "worse"; from: Health; to: Health; since: string; reason: string | null }
  /** Moved to a better, not-yet-up state (down → degraded). */
  | { kind: "better"; from: Health; to: Health; since: string }
  /** Back up: resolve the incident, ended at the first success. */
  | { kind: "recovered"; from: Health; since: string }
  /** Still down, for a different reason. */
  | { kind: "reason"; reason: string };

const RANK: Record<Health, number> = { up: 0, degraded: 1, down: 2 };

export function reasonText(r: ProbeResult): string | null {
  return r.health === "up" ? null : (r.detail ?? r.reason);
}

/**
 * Applies one result. `suppressed` (maintenance on the component) makes
 * failures count for nothing.
 */
export function step(
  state: MonitorState,
  result: ProbeResult,
  thresholds: Thresholds,
  suppressed = false,
): { state: MonitorState; transition: Transition } {
  const observed: Health = suppressed && result.health !== "up" ? state.status : result.health;
  const at = new Date(result.at).toISOString();
  const reason = reasonText(result);

  if (observed === state.status) {
    const next: MonitorState = { ...state, streakStatus: null, streakCount: 0, streakStartedAt: null };
    if (state.status !== "up" && reason && reason !== state.lastReason && !suppressed) {
      return { state: { ...next, lastReason: reason }, transition: { kind: "reason", reason } };
    }
    return { state: next, transition: { kind: "none" } };
  }

  const continuing = state.streakStatus === observed;
  const count = continuing ? state.streakCount + 1 : 1;
  const since = continuing && state.streakStartedAt ? state.streakStartedAt : at;
  const worse = RANK[observed] > RANK[state.status];
  const needed = worse ? thresholds.failureThreshold : thresholds.recoveryThreshold;
  if (count < needed) {
    return {
      state: { ...state, streakStatus: observed, streakCount: count, streakStartedAt: since },
      transition: { kind: "none" },
    };
  }
  const settled: MonitorState = {
    ...state,
    status: observed,
    streakStatus: null,
    streakCount: 0,
    streakStartedAt: null,
    lastReason: observed === "up" ? null : reason,
  };
  if (worse)
    return { state: settled, transition: { kind: "worse", from: state.status, to: observed, since, reason } };
  if (observed === "up")
    return { state: settled, transition: { kind: "recovered", from: state.status, since } };
  return { state: settled, transition: { kind: "better", from: state.status, to: observed, since } };
}

export function sameState(a: MonitorState, b: MonitorState): boolean {
  return (
    a.status === b.status &&
    a.streakStatus === b.streakStatus &&
    a.streakCount === b.streakCount &&
    a.streakStartedAt === b.streakStartedAt &&
    a.lastReason === b.lastReason &&
    a.incidentId === b.incidentId
  );
}
