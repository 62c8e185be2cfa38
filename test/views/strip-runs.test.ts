import { describe, expect, it } from "vitest";
import { localeOf } from "../../src/i18n/locale";
import { runsOf, type StripDay } from "../../src/models/history";

const key = (n: number) => `2026-05-${String(n).padStart(2, "0")}`;

describe("runs of a bar", () => {
  it("merges consecutive days of one level without incidents, and keeps each day with incidents apart", () => {
    const days: StripDay[] = [
      { level: "nodata", label: "a" },
      { level: "nodata", label: "b" },
      { level: "ok", label: "c" },
      { level: "ok", label: "d" },
      { level: "major", label: "e", day: key(5) },
      { level: "major", label: "f", day: key(6) },
      { level: "ok", label: "g" },
      { level: "minor", label: "h" },
    ];
    const facts = days.map((d) => ({
      down: d.level === "minor" ? 6 : 0,
      seen: d.level === "nodata" ? 0 : 1440,
    }));
    const runs = runsOf(
      days,
      facts,
      days.map((_, i) => key(i + 1)),
      localeOf("en"),
    );
    expect(runs.map((r) => [r.level, r.span, r.day ?? null])).toEqual([
      ["nodata", 2, null],
      ["ok", 2, null],
      ["major", 1, key(5)],
      ["major", 1, key(6)],
      ["ok", 1, null],
      ["minor", 1, null],
    ]);
    expect(runs[0]?.label).toBe("1 – 2 May 2026: no data");
    expect(runs[1]?.label).toBe("3 – 4 May 2026: 100% uptime, no incidents");
    // A single day keeps its own, more detailed, text.
    expect(runs[2]?.label).toBe("e");
    expect(runs.reduce((n, r) => n + r.span, 0)).toBe(days.length);
  });

  it("gives a run of degraded days their combined uptime", () => {
    const days: StripDay[] = [
      { level: "minor", label: "x" },
      { level: "minor", label: "y" },
    ];
    const runs = runsOf(
      days,
      [
        { down: 144, seen: 1440 },
        { down: 0, seen: 1440 },
      ],
      [key(1), key(2)],
      localeOf("en"),
    );
    expect(runs).toEqual([{ level: "minor", label: "1 – 2 May 2026: 95.00% uptime, no incidents", span: 2 }]);
  });
});

describe("date ranges", () => {
  it("share the month and year they share", async () => {
    const { formatDayRange } = await import("../../src/domain/time-text");
    expect(formatDayRange("2026-09-01", "2026-09-08")).toBe("1 – 8 September 2026");
    expect(formatDayRange("2026-09-24", "2026-11-28")).toBe("24 September – 28 November 2026");
    expect(formatDayRange("2025-12-24", "2026-01-08")).toBe("24 December 2025 – 8 January 2026");
  });

  it("read the German way in German", async () => {
    const { formatDayRange } = await import("../../src/domain/time-text");
    expect(formatDayRange("2026-09-01", "2026-09-08", "de-DE")).toBe("1. – 8. September 2026");
    expect(formatDayRange("2026-09-24", "2026-11-28", "de-DE")).toBe("24. September – 28. November 2026");
  });
});
