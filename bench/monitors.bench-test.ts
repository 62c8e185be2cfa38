/**
 * Inside workerd: how well a run keeps six probes in flight, and the D1 rows a
 * healthy fleet writes in a day. Prints "BENCH_RESULT {json}" lines.
 */
import { env } from "cloudflare:workers";
import { expect, it } from "vitest";
import { liveProbeDeps, runTick } from "../src/scheduled/run";
import { faultyD1 } from "../test/helpers/faults";
import { healthyDeps, insertFleet } from "../test/helpers/fleet";
import { httpUrl } from "../test/helpers/monitors";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

it("keeps six probes in flight: 300 monitors against an upstream that answers after 100 ms", async () => {
  await insertFleet(300, httpUrl("/slow/100"));
  const e = { ...env, PROBE_QUEUE: undefined, MAX_PROBES_PER_RUN: "300" } as Env;
  const at = Math.floor(Date.now() / MINUTE) * MINUTE + 5 * DAY;
  const started = Date.now();
  // A clock five days ahead: a run ahead of the wall clock is refused.
  const outcome = await runTick(e, at, { ...liveProbeDeps(), now: () => Date.now() + 5 * DAY });
  const wall = (Date.now() - started) / 1000;
  expect(outcome.probed).toBe(300);
  const ideal = Math.ceil(300 / 6) * 0.1;
  console.log(
    `BENCH_RESULT ${JSON.stringify({
      probe_efficiency: Number((ideal / wall).toFixed(3)),
      probe_run_seconds_300_monitors: Number(wall.toFixed(2)),
    })}`,
  );
  await env.DB.prepare("UPDATE monitors SET enabled = 0").run();
}, 120_000);

it("writes few D1 rows a day for 50 healthy monitors checked every minute", async () => {
  await insertFleet(50, "https://service.example/health");
  const { db, counter } = faultyD1(env.DB);
  const e = { ...env, DB: db, PROBE_QUEUE: undefined, MAX_PROBES_PER_RUN: "50" } as Env;
  const day = Math.floor(Date.now() / DAY) * DAY + 10 * DAY;
  for (let n = 0; n <= 1440; n++) {
    const t = day + n * MINUTE;
    await runTick(
      e,
      t,
      healthyDeps(() => t),
    );
  }
  console.log(`BENCH_RESULT ${JSON.stringify({ d1_rows_written_per_day_50_monitors: counter.rowsWritten })}`);
}, 600_000);
