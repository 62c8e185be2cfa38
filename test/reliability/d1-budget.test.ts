import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { runTick } from "../../src/scheduled/run";
import { faultyD1 } from "../helpers/faults";
import { healthyDeps, insertFleet } from "../helpers/fleet";
import { MINUTE } from "../helpers/ticks";

const DAY = 24 * 60 * MINUTE;

describe("D1 writes of a healthy fleet", () => {
  it("stay under 5,000 rows a day for 50 monitors checked every minute", async () => {
    await insertFleet(50, "https://service.example/health");
    const { db, counter } = faultyD1(env.DB);
    const e = { ...env, DB: db, PROBE_QUEUE: undefined } as Env;
    const day = Math.floor(Date.now() / DAY) * DAY + 3 * DAY;
    // A whole day of runs, and the first run of the next day (the rollover),
    // each on a clock that has reached it (a run ahead of the clock is refused).
    for (let n = 0; n <= 1440; n++) {
      const t = day + n * MINUTE;
      await runTick(
        e,
        t,
        healthyDeps(() => t),
      );
    }
    const probed = await env.DB.prepare("SELECT COUNT(*) AS n FROM monitor_days").first<{ n: number }>();
    expect(probed?.n).toBe(50);
    console.log(`D1 rows written in one day, 50 monitors: ${counter.rowsWritten}`);
    expect(counter.rowsWritten).toBeLessThanOrEqual(5000);
    expect(counter.rowsWritten).toBeGreaterThan(1440);
  }, 600_000);
});
