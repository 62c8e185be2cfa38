import { describe, expect, it } from "vitest";
import { bandBounds, bandOf, severitySetProblem, statusOf, worseStatus } from "../../src/domain/severity";

const DEFAULTS = [
  { displayName: "operational", value: 33 },
  { displayName: "limited", value: 66 },
  { displayName: "broken", value: 100 },
];

describe("severity bands", () => {
  it("map the defaults to degraded, partial and major outage, and 0 to maintenance", () => {
    const bounds = bandBounds(DEFAULTS);
    expect(bounds).toEqual([33, 66, 100]);
    expect([0, 1, 33, 34, 66, 67, 100].map((v) => statusOf(v, bounds))).toEqual([
      "under_maintenance",
      "degraded_performance",
      "degraded_performance",
      "partial_outage",
      "partial_outage",
      "major_outage",
      "major_outage",
    ]);
    expect(statusOf(null, bounds)).toBe("operational");
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
