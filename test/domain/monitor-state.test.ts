import { describe, expect, it } from "vitest";
import { INITIAL_STATE, type ProbeResult, step } from "../../src/domain/monitor-state";

const T = { failureThreshold: 3, recoveryThreshold: 2 };
const at = (minute: number) => Date.UTC(2026, 10, 1, 10, minute);

function result(minute: number, health: ProbeResult["health"], detail: string | null = null): ProbeResult {
  return {
    at: at(minute),
    health,
    latencyMs: 10,
    statusCode: health === "up" ? 200 : 500,
    reason: health === "up" ? null : "status",
    detail,
  };
}

/** Applies results in order and returns the last state with every transition. */
function run(results: ProbeResult[], suppressed = false) {
  let state = INITIAL_STATE;
  const transitions = [];
  for (const r of results) {
    const next = step(state, r, T, suppressed);
    state = next.state;
    transitions.push(next.transition);
  }
  return { state, transitions };
}

describe("the monitor state machine", () => {
  it("moves to down only after the failure threshold, dated at the first failure", () => {
    const { state, transitions } = run([result(0, "down", "HTTP 500"), result(1, "down"), result(2, "down")]);
    expect(transitions.map((t) => t.kind)).toEqual(["none", "none", "worse"]);
    expect(transitions[2]).toMatchObject({ from: "up", to: "down", since: new Date(at(0)).toISOString() });
    expect(state.status).toBe("down");
  });

  it("forgets a streak that a good result breaks", () => {
    const { state, transitions } = run([
      result(0, "down"),
      result(1, "down"),
      result(2, "up"),
      result(3, "down"),
    ]);
    expect(transitions.every((t) => t.kind === "none")).toBe(true);
    expect(state).toMatchObject({ status: "up", streakStatus: "down", streakCount: 1 });
  });

  it("recovers after the recovery threshold, at the first success", () => {
    const down = run([result(0, "down"), result(1, "down"), result(2, "down")]).state;
    const first = step(down, result(3, "up"), T);
    expect(first.transition.kind).toBe("none");
    const second = step(first.state, result(4, "up"), T);
    expect(second.transition).toEqual({
      kind: "recovered",
      from: "down",
      since: new Date(at(3)).toISOString(),
    });
    expect(second.state).toMatchObject({ status: "up", lastReason: null });
  });

  it("reports a better, not-yet-up state when down turns degraded", () => {
    const down = run([result(0, "down"), result(1, "down"), result(2, "down")]).state;
    const a = step(down, result(3, "degraded"), T);
    const b = step(a.state, result(4, "degraded"), T);
    expect(b.transition).toMatchObject({ kind: "better", from: "down", to: "degraded" });
  });

  it("notes a new reason while still down, without a change of state", () => {
    const down = run([
      result(0, "down", "HTTP 500"),
      result(1, "down", "HTTP 500"),
      result(2, "down", "HTTP 500"),
    ]).state;
    const next = step(down, result(3, "down", "HTTP 404"), T);
    expect(next.transition).toEqual({ kind: "reason", reason: "HTTP 404" });
    expect(next.state).toMatchObject({ status: "down", lastReason: "HTTP 404" });
  });

  it("counts failures for nothing while suppressed by maintenance", () => {
    const { state, transitions } = run([result(0, "down"), result(1, "down"), result(2, "down")], true);
    expect(transitions.every((t) => t.kind === "none")).toBe(true);
    expect(state.status).toBe("up");
  });
});
