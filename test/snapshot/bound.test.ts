import { describe, expect, it } from "vitest";
import { boundSize } from "../../src/snapshot/build";
import type { SnapIncident, Snapshot } from "../../src/snapshot/types";

const NOW = "2026-11-29T12:00:00.000Z";

function incident(id: string, beganAt: string, endedAt: string | null, text: string): SnapIncident {
  const update = { id: `${id}-u`, order: 0, title: "Update", text, html: text, createdAt: beganAt };
  return {
    id,
    name: id,
    description: "",
    descriptionHtml: "",
    beganAt,
    endedAt,
    createdAt: beganAt,
    updatedAt: beganAt,
    monitoringAt: null,
    phaseName: "",
    phaseStatus: null,
    maintenance: false,
    impacts: [],
    updateCount: 2,
    updates: [update, { ...update, id: `${id}-v`, order: 1 }],
  };
}

function snapshot(incidents: SnapIncident[]): Snapshot {
  return {
    schema: 2,
    version: 1,
    builtAt: NOW,
    updatedAt: NOW,
    severities: [],
    bounds: [33, 66, 100],
    components: [],
    incidents,
    days: {},
    probeDays: {},
    monitored: false,
    checkIntervalSeconds: 60,
    lastTickAt: null,
    pageId: "p",
  };
}

const size = (s: Snapshot) => new TextEncoder().encode(JSON.stringify(s)).byteLength;

describe("the snapshot's size bound", () => {
  it("leaves a snapshot that fits as it is", () => {
    const s = snapshot([incident("a", "2026-11-01T00:00:00.000Z", "2026-11-01T01:00:00.000Z", "x")]);
    expect(boundSize(s, NOW, 100_000)).toBe(s);
  });

  it("drops the oldest past incidents first, and never an active one", () => {
    const big = "障".repeat(2_000);
    const s = snapshot([
      incident("active", "2026-11-29T11:00:00.000Z", null, big),
      incident("recent", "2026-11-20T00:00:00.000Z", "2026-11-20T01:00:00.000Z", big),
      incident("old", "2026-11-01T00:00:00.000Z", "2026-11-01T01:00:00.000Z", big),
      incident("oldest", "2026-10-01T00:00:00.000Z", "2026-10-01T01:00:00.000Z", big),
    ]);
    // Each incident is about 24 KB: this bound needs the two oldest to go.
    const max = size(s) - 30_000;
    const bounded = boundSize(s, NOW, max);
    expect(bounded.incidents.map((i) => i.id)).toEqual(["active", "recent"]);
    expect(size(bounded)).toBeLessThanOrEqual(max);
  });

  it("keeps only each incident's latest update when dropping past ones is not enough", () => {
    const s = snapshot([incident("active", "2026-11-29T11:00:00.000Z", null, "障".repeat(4_000))]);
    const bounded = boundSize(s, NOW, size(s) - 1_000);
    expect(bounded.incidents[0]?.updates.map((u) => u.order)).toEqual([1]);
  });
});
