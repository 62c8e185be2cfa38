import { describe, expect, it } from "vitest";
import { renderCells, renderCellWithPreact } from "../../src/views/day-strip";

describe("day strip cells", () => {
  it("write exactly what the Preact component writes, escaping included", () => {
    const cells = [
      { level: "ok" as const, label: "12 May 2026: 100% uptime, no incidents" },
      { level: "major" as const, label: `tricky <b>"quotes"</b> & 'apostrophes'` },
      { level: "nodata" as const, label: "1 May 2026: no data" },
    ];
    expect(renderCells(cells)).toBe(cells.map(renderCellWithPreact).join(""));
  });
});
