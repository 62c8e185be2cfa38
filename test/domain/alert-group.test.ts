import { describe, expect, it } from "vitest";
import { alertSeverity, impactsOf, matchComponent, type StoredAlert } from "../../src/domain/alert-group";

const components = [
  { id: "a", displayName: "Search" },
  { id: "b", displayName: "Twin" },
  { id: "c", displayName: "twin" },
];

const alert = (
  fingerprint: string,
  componentId: string,
  status: StoredAlert["status"],
  severity: number,
  endsAt: string | null = null,
): StoredAlert => ({
  fingerprint,
  componentId,
  status,
  severity,
  name: fingerprint,
  startsAt: "2026-11-29T10:00:00.000Z",
  endsAt,
});

describe("alert groups", () => {
  it("match a component by mapping, id or one name, and refuse an ambiguous name", () => {
    expect(matchComponent("search", {}, components)).toEqual({ id: "a" });
    expect(matchComponent("a", {}, components)).toEqual({ id: "a" });
    expect(matchComponent("pay", { components: { pay: "a" } }, components)).toEqual({ id: "a" });
    expect(matchComponent("TWIN", {}, components)).toEqual({ refusal: expect.stringContaining("b, c") });
    expect(matchComponent("constructor", {}, components)).toEqual({
      refusal: 'no component matches "constructor"',
    });
  });

  it("read severities from the config's own keys only", () => {
    const config = { severities: { critical: 100, warning: 66 } };
    expect(alertSeverity({ severity: "critical" }, config)).toBe(100);
    expect(alertSeverity({ severity: "__proto__" }, config)).toBe(66);
    expect(alertSeverity({ severity: "toString" }, {})).toBe(66);
  });

  it("keep a component whose alerts resolved, ended at its last alert's end", () => {
    const impacts = impactsOf(
      [alert("1", "a", "resolved", 66, "2026-11-29T10:30:00.000Z"), alert("2", "b", "firing", 33)],
      "2026-11-29T11:00:00.000Z",
    );
    expect(impacts).toEqual([
      expect.objectContaining({ reference: "a", severity: 66, endedAt: "2026-11-29T10:30:00.000Z" }),
      expect.objectContaining({ reference: "b", severity: 33 }),
    ]);
    expect(impacts[1]).not.toHaveProperty("endedAt");
  });
});
