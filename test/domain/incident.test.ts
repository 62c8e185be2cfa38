import { describe, expect, it } from "vitest";
import {
  duplicateImpact,
  impactEndedBy,
  incidentTimeProblem,
  isMaintenance,
} from "../../src/domain/incident";

const impact = (severity: number, reference = "c1", type = "t1") => ({ reference, type, severity });

describe("incident rules", () => {
  it("call an incident maintenance when any impact has severity 0", () => {
    expect(isMaintenance([impact(0)])).toBe(true);
    expect(isMaintenance([impact(40), impact(0, "c2")])).toBe(true);
    expect(isMaintenance([impact(1)])).toBe(false);
    expect(isMaintenance([])).toBe(false);
  });

  it("let maintenance be open-ended, need its end after its start, and anything else not to end before", () => {
    const began = "2026-11-01T10:00:00.000Z";
    expect(incidentTimeProblem({ beganAt: began, endedAt: null, affects: [impact(0)] })).toBeNull();
    expect(incidentTimeProblem({ beganAt: began, endedAt: began, affects: [impact(0)] })).toMatchObject({
      path: "endedAt",
    });
    expect(incidentTimeProblem({ beganAt: began, endedAt: null, affects: [impact(50)] })).toBeNull();
    expect(
      incidentTimeProblem({ beganAt: began, endedAt: "2026-11-01T09:00:00.000Z", affects: [impact(50)] }),
    ).toMatchObject({ path: "endedAt", message: "must not be before beganAt" });
  });

  it("find the first impact that repeats a component and impact type", () => {
    expect(duplicateImpact([impact(10), impact(20, "c2"), impact(30)])).toBe(2);
    expect(duplicateImpact([impact(10), impact(20, "c1", "t2")])).toBe(-1);
  });

  it("count an impact that ended on its own as over from its end", () => {
    expect(impactEndedBy({ endedAt: "2026-11-01T10:00:00.000Z" }, "2026-11-01T10:00:00.000Z")).toBe(true);
    expect(impactEndedBy({ endedAt: "2026-11-01T10:00:00.000Z" }, "2026-11-01T09:59:59.000Z")).toBe(false);
    expect(impactEndedBy({}, "2026-11-01T10:00:00.000Z")).toBe(false);
  });
});
