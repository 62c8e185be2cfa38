import { describe, expect, it } from "vitest";
import { isoToLocal, localToIso } from "../../src/domain/local-time";

describe("local times in a zone", () => {
  it("turns a wall-clock time in a zone into the UTC instant, in winter and summer", () => {
    expect(localToIso("2026-01-10T09:30", "Europe/Berlin")).toBe("2026-01-10T08:30:00.000Z");
    expect(localToIso("2026-07-10T09:30", "Europe/Berlin")).toBe("2026-07-10T07:30:00.000Z");
    expect(localToIso("2026-07-10T09:30:15", "America/New_York")).toBe("2026-07-10T13:30:15.000Z");
    expect(localToIso("2026-07-10T09:30", "UTC")).toBe("2026-07-10T09:30:00.000Z");
  });

  it("resolves a time skipped by the spring clock change to the moment after the gap", () => {
    expect(localToIso("2026-03-29T02:30", "Europe/Berlin")).toBe("2026-03-29T01:30:00.000Z");
  });

  it("refuses text that is not a local time", () => {
    for (const bad of [
      "",
      "10 Jan",
      "2026-02-30T10:00",
      "2026-01-10T24:00",
      "2026-01-10 09:30",
      "2026-01-10T09:60",
    ]) {
      expect(localToIso(bad, "UTC"), bad).toBeNull();
    }
  });

  it("shows an instant as the zone's wall clock, the inverse of the above", () => {
    expect(isoToLocal("2026-01-10T08:30:00.000Z", "Europe/Berlin")).toBe("2026-01-10T09:30");
    for (const local of ["2026-01-10T09:30", "2026-07-01T23:59", "2026-10-25T04:00"]) {
      expect(isoToLocal(localToIso(local, "Europe/Berlin") ?? "", "Europe/Berlin")).toBe(local);
    }
  });
});
