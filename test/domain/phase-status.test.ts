import { describe, expect, it } from "vitest";
import { phaseStatuses } from "../../src/domain/phase-status";

describe("phase statuses", () => {
  it("map the SCS default phases by name", () => {
    expect(
      phaseStatuses([
        "Scheduled",
        "Investigation ongoing",
        "Working on it",
        "Potential fix deployed",
        "Done",
      ]),
    ).toEqual(["scheduled", "investigating", "identified", "monitoring", "resolved"]);
  });

  it("map Statuspage's own words by name, in any order", () => {
    expect(phaseStatuses(["Monitoring", "Identified", "Investigating", "Resolved"])).toEqual([
      "monitoring",
      "identified",
      "investigating",
      "resolved",
    ]);
  });

  it("map names that say nothing by position: first, middle ones, last", () => {
    expect(phaseStatuses(["A", "B", "C", "D", "E"])).toEqual([
      "investigating",
      "identified",
      "identified",
      "monitoring",
      "resolved",
    ]);
    expect(phaseStatuses(["Open", "Done"])).toEqual(["investigating", "resolved"]);
  });
});
