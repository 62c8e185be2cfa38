import { describe, expect, it } from "vitest";
import type { PhaseStatus } from "../../src/domain/phase-status";
import { bandBounds, severitySetProblem, statusOf } from "../../src/domain/severity";
import {
  componentStatuses,
  incidentImpact,
  incidentStatus,
  maintenanceStatus,
  pageStatus,
} from "../../src/domain/status";

const BOUNDS = [33, 66, 100];
const NOW = "2026-05-01T12:00:00.000Z";
const incident = (
  severity: number,
  extra: Partial<{ beganAt: string; endedAt: string | null; phaseStatus: PhaseStatus | null }> = {},
) => ({
  beganAt: "2026-05-01T11:00:00.000Z",
  endedAt: null,
  phaseStatus: "investigating" as PhaseStatus | null,
  maintenance: severity === 0,
  impacts: [{ componentId: "c1", severity }],
  ...extra,
});

describe("severity bands", () => {
  it("maps severities to Statuspage statuses by band position", () => {
    expect([null, 0, 1, 33, 34, 66, 67, 100].map((v) => statusOf(v, BOUNDS))).toEqual([
      "operational",
      "under_maintenance",
      "degraded_performance",
      "degraded_performance",
      "partial_outage",
      "partial_outage",
      "major_outage",
      "major_outage",
    ]);
  });

  it("maps redefined severities by first, middle and last band", () => {
    const bounds = bandBounds([
      { displayName: "a", value: 10 },
      { displayName: "b", value: 20 },
      { displayName: "c", value: 50 },
      { displayName: "d", value: 100 },
    ]);
    expect([5, 15, 40, 99].map((v) => statusOf(v, bounds))).toEqual([
      "degraded_performance",
      "partial_outage",
      "partial_outage",
      "major_outage",
    ]);
  });

  it("requires unique names, unique non-zero values and a value of 100", () => {
    expect(severitySetProblem([{ displayName: "x", value: 50 }])?.message).toMatch(/100/);
    expect(
      severitySetProblem([
        { displayName: "x", value: 100 },
        { displayName: "x", value: 5 },
      ])?.path,
    ).toBe("displayName");
    expect(
      severitySetProblem([
        { displayName: "a", value: 0 },
        { displayName: "b", value: 0 },
        { displayName: "c", value: 100 },
      ]),
    ).toBeNull();
  });
});

describe("page indicator", () => {
  const statuses = (list: ReturnType<typeof incident>[]) =>
    componentStatuses([{ id: "c1", group: null }], list, BOUNDS, NOW).values();

  it("follows the worst component and unresolved incident", () => {
    const cases: [number[], string, string][] = [
      [[], "none", "All Systems Operational"],
      [[20], "minor", "Minor Service Outage"],
      [[50], "major", "Partial System Outage"],
      [[90], "critical", "Major System Outage"],
      [[0], "maintenance", "Service Under Maintenance"],
      [[0, 50], "major", "Partial System Outage"],
    ];
    for (const [severities, indicator, description] of cases) {
      const list = severities.map((s) => incident(s));
      expect(pageStatus(statuses(list), list, BOUNDS, NOW)).toEqual({ indicator, description });
    }
  });

  it("ignores incidents that ended or have not begun", () => {
    const list = [
      incident(100, { endedAt: "2026-05-01T11:30:00.000Z" }),
      incident(100, { beganAt: "2026-05-02T00:00:00.000Z" }),
    ];
    expect(pageStatus(statuses(list), list, BOUNDS, NOW).indicator).toBe("none");
  });
});

describe("incident statuses", () => {
  it("resolves once ended, and otherwise follows its phase's status", () => {
    expect(incidentStatus(incident(50, { endedAt: NOW }), NOW)).toBe("resolved");
    expect(incidentStatus(incident(50, { phaseStatus: "monitoring" }), NOW)).toBe("monitoring");
    expect(incidentStatus(incident(50, { phaseStatus: "identified" }), NOW)).toBe("identified");
    expect(incidentStatus(incident(50), NOW)).toBe("investigating");
    // The last phase before the end is set: the fix is in and watched.
    expect(incidentStatus(incident(50, { phaseStatus: "resolved" }), NOW)).toBe("monitoring");
    expect(incidentStatus(incident(50, { phaseStatus: null }), NOW)).toBe("investigating");
  });

  it("schedules, runs and completes maintenance by its window", () => {
    const m = { beganAt: "2026-05-01T13:00:00.000Z", endedAt: "2026-05-01T14:00:00.000Z" };
    expect(maintenanceStatus(m, NOW)).toBe("scheduled");
    expect(maintenanceStatus(m, "2026-05-01T13:30:00.000Z")).toBe("in_progress");
    expect(maintenanceStatus(m, "2026-05-01T14:00:00.000Z")).toBe("completed");
  });

  it("rates impact by the worst severity", () => {
    expect(incidentImpact({ impacts: [], maintenance: false }, BOUNDS)).toBe("none");
    expect(incidentImpact(incident(0), BOUNDS)).toBe("maintenance");
    expect(
      incidentImpact(
        {
          impacts: [
            { componentId: "a", severity: 20 },
            { componentId: "b", severity: 70 },
          ],
          maintenance: false,
        },
        BOUNDS,
      ),
    ).toBe("critical");
  });
});
