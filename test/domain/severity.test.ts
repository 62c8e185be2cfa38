import { describe, expect, it } from "vitest";
import { bandBounds, bandOf, severitySetProblem, worseStatus } from "../../src/domain/severity";

const DEFAULTS = [
  { displayName: "operational", value: 33 },
  { displayName: "limited", value: 66 },
  { displayName: "broken", value: 100 },
];

describe("severity bands", () => {
  // How statuses follow the bands is in status.test.ts; here, how the bands come from the severities.
  it("take the non-zero values as band bounds, 100 always last", () => {
    expect(bandBounds(DEFAULTS)).toEqual([33, 66, 100]);
    expect(
      bandBounds([
        { displayName: "m", value: 0 },
        { displayName: "x", value: 50 },
      ]),
    ).toEqual([50, 100]);
  });

  it("map operators' own bands by position: first, middle, last", () => {
    const bounds = bandBounds([
      { displayName: "a", value: 10 },
      { displayName: "b", value: 20 },
      { displayName: "c", value: 50 },
      { displayName: "d", value: 100 },
    ]);
    expect([5, 15, 40, 90].map((v) => bandOf(v, bounds))).toEqual(["first", "middle", "middle", "last"]);
  });

  it("refuse a set without 100, or with a repeated name or value", () => {
    expect(severitySetProblem(DEFAULTS)).toBeNull();
    expect(severitySetProblem(DEFAULTS.slice(0, 2))).toMatchObject({ path: "value" });
    expect(severitySetProblem([...DEFAULTS, { displayName: "broken", value: 90 }])).toMatchObject({
      path: "displayName",
    });
    expect(severitySetProblem([...DEFAULTS, { displayName: "x", value: 66 }])).toMatchObject({
      path: "value",
    });
  });

  it("take the worse of two statuses", () => {
    expect(worseStatus("degraded_performance", "major_outage")).toBe("major_outage");
    expect(worseStatus("operational", "under_maintenance")).toBe("under_maintenance");
  });
});
