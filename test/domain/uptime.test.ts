import { describe, expect, it } from "vitest";
import {
  bandMinutes,
  dayLevel,
  downtimeMinutes,
  formatUptime,
  NO_MINUTES,
  observedMinutes,
  uptimeRatio,
} from "../../src/domain/uptime";

const BOUNDS = [33, 66, 100];
const T = Date.UTC(2026, 4, 1);
const M = 60_000;

describe("bandMinutes", () => {
  it("counts each minute once, in the worst band covering it", () => {
    const m = bandMinutes(
      [
        { start: T, end: T + 60 * M, severity: 50 },
        { start: T + 30 * M, end: T + 45 * M, severity: 100 },
        { start: T + 50 * M, end: T + 90 * M, severity: 10 },
      ],
      BOUNDS,
      T,
      T + 1440 * M,
    );
    expect(m).toEqual({ major: 15, partial: 45, minor: 30, maintenance: 0 });
  });

  it("runs open intervals to the end of the range and clips to it", () => {
    expect(bandMinutes([{ start: T - 100 * M, end: null, severity: 100 }], BOUNDS, T, T + 10 * M)).toEqual({
      ...NO_MINUTES,
      major: 10,
    });
  });

  it("lets an outage outrank maintenance", () => {
    const m = bandMinutes(
      [
        { start: T, end: T + 60 * M, severity: 0 },
        { start: T + 10 * M, end: T + 20 * M, severity: 90 },
      ],
      BOUNDS,
      T,
      T + 60 * M,
    );
    expect(m).toEqual({ major: 10, partial: 0, minor: 0, maintenance: 50 });
  });
});

describe("weighting and levels", () => {
  it("weights the middle band by 0.3, and degraded and maintenance count as up", () => {
    expect(downtimeMinutes({ major: 10, partial: 100, minor: 500, maintenance: 500 })).toBe(40);
  });

  it("leaves no-data time out of the denominator and never shows it green", () => {
    expect(observedMinutes(T, T + 720 * M, T + 2000 * M)).toBe(720);
    expect(observedMinutes(T, T + 2000 * M, T + 3000 * M)).toBe(0);
    expect(dayLevel(NO_MINUTES, 0)).toBe("nodata");
    expect(uptimeRatio(0, 0)).toBeNull();
    expect(formatUptime(null)).toBe("no data");
  });

  it("never rounds a day with downtime up to 100%", () => {
    expect(formatUptime(uptimeRatio(0.1, 1440))).toBe("99.99%");
    expect(formatUptime(uptimeRatio(0, 1440))).toBe("100%");
  });
});
