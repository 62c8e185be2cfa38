/**
 * A simulated week: 10,080 cron runs replayed with `time`, 50 monitors on 50
 * components, random outages and maintenance windows. Rollups and retention
 * keep row counts bounded, no incident is duplicated, and the uptime the page
 * shows equals an independent computation from the outage schedule.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { insertMonitor } from "../../src/db/monitors";
import { formatDay } from "../../src/domain/time-text";
import type { ProbeDeps } from "../../src/probes/run";
import { runTick } from "../../src/scheduled/run";
import { monitor } from "../helpers/monitors";
import { call, component, create, IMPACT_TYPES } from "../helpers/request";

const MINUTE = 60_000;
const DAY = 1440 * MINUTE;
const MONITORS = 50;
const DAYS = 7;

function random(seed: number) {
  let x = seed;
  return () => {
    x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
    return x / 2 ** 31;
  };
}

type Outage = { start: number; end: number };

describe("a simulated week", () => {
  it("keeps rows bounded, never duplicates an incident, and shows uptime to the minute", async () => {
    const rnd = random(7);
    const today = Math.floor(Date.now() / DAY) * DAY;
    const weekStart = today - 8 * DAY;
    const weekEnd = weekStart + DAYS * DAY;

    // 50 components, each with one monitor checked every minute.
    const components: string[] = [];
    for (let i = 0; i < MONITORS; i++) components.push(await component(`Service ${i}`));
    await env.DB.prepare("UPDATE components SET created_at = ?1")
      .bind(new Date(weekStart).toISOString())
      .run();
    const fleet = components.map((c, i) =>
      monitor(
        "http",
        { url: `https://svc${i}.example/health`, method: "GET", timeoutMs: 5000 },
        { displayName: `Check ${i}`, componentId: c },
      ),
    );
    await env.DB.batch(fleet.map((m) => insertMonitor(env.DB, m)));

    // Maintenance windows on a few components, and outages elsewhere in time.
    const maintenance = new Map<number, Outage>();
    for (let i = 0; i < MONITORS; i += 7) {
      const start =
        weekStart + Math.floor(rnd() * (DAYS - 1 || 1)) * DAY + (2 + Math.floor(rnd() * 10)) * 60 * MINUTE;
      maintenance.set(i, { start, end: start + 90 * MINUTE });
      await create("/incidents", {
        displayName: `Maintenance ${i}`,
        beganAt: new Date(start).toISOString(),
        endedAt: new Date(start + 90 * MINUTE).toISOString(),
        affects: [{ reference: components[i], type: IMPACT_TYPES.maintenance, severity: 0 }],
      });
    }
    const outages: Outage[][] = components.map((_, i) => {
      const list: Outage[] = [];
      const count = Math.floor(rnd() * 4);
      for (let n = 0; n < count; n++) {
        const start = weekStart + Math.floor(rnd() * (DAYS * 1440 - 300)) * MINUTE;
        const end = start + (1 + Math.floor(rnd() * 150)) * MINUTE;
        const m = maintenance.get(i);
        const clash = (o: Outage) => o.start < end + 10 * MINUTE && start < o.end + 10 * MINUTE;
        if (list.some(clash) || (m && clash(m))) continue;
        list.push({ start, end });
      }
      return list;
    });
    const failing = (i: number, at: number) => (outages[i] ?? []).some((o) => at >= o.start && at < o.end);

    // Checks answer from the schedule, at the run's own clock.
    let clock = weekStart;
    const deps: ProbeDeps = {
      fetch: async (url) => {
        const i = Number(/svc(\d+)\./.exec(String(url))?.[1]);
        return new Response("ok", { status: failing(i, clock) ? 503 : 200 });
      },
      connect: () => {
        throw new Error("no TCP here");
      },
      now: () => clock,
    };
    const e = { ...env, PROBE_QUEUE: undefined, MAX_PROBES_PER_RUN: String(MONITORS) } as Env;
    const tables = [
      "ticks",
      "monitor_days",
      "component_days",
      "incidents",
      "incident_updates",
      "impacts",
      "outbox",
      "deliveries",
      "audit_log",
      "monitors",
      "snapshot",
      "meta",
    ];
    const maxRows: Record<string, number> = {};
    for (let t = weekStart; t <= weekEnd; t += MINUTE) {
      clock = t;
      await runTick(e, t, deps);
      if ((t - weekStart) % DAY === 0) {
        for (const table of tables) {
          const row = await env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table}`).first<{ n: number }>();
          maxRows[table] = Math.max(maxRows[table] ?? 0, row?.n ?? 0);
        }
      }
    }

    // Bounded: the ring, 90 days of rollups, and events pruned after 7 days.
    expect(maxRows.ticks).toBeLessThanOrEqual(2880);
    expect(maxRows.monitor_days).toBeLessThanOrEqual(MONITORS * 90);
    expect(maxRows.component_days).toBeLessThanOrEqual(MONITORS * 90);

    // No duplicates: each outage of three checks or more opened exactly one incident.
    let expectedIncidents = 0;
    for (const [i, m] of fleet.entries()) {
      const long = (outages[i] ?? []).filter((o) => (o.end - o.start) / MINUTE >= 3).length;
      expectedIncidents += long;
      const row = await env.DB.prepare(
        "SELECT COUNT(*) AS n, SUM(ended_at IS NULL) AS open FROM incidents WHERE monitor_id = ?1",
      )
        .bind(m.id)
        .first<{ n: number; open: number | null }>();
      expect(row?.n, `monitor ${i}`).toBe(long);
      expect(row?.open ?? 0, `monitor ${i}`).toBe(0);
    }

    // The page's bars and uptime, against minutes counted from the schedule.
    await new Promise((r) => setTimeout(r, 150));
    const page = await (await call("/")).text();
    const now = Date.now();
    let checkedDays = 0;
    for (const [i] of fleet.entries()) {
      // Each day's own text is on the component's page (the home page draws runs of equal days).
      const own = await (await call(`/components/${components[i]}`)).text();
      let down = 0;
      for (let d = weekStart; d < weekEnd; d += DAY) {
        const dayDown = (outages[i] ?? []).reduce(
          (sum, o) => sum + Math.max(0, Math.min(o.end, d + DAY) - Math.max(o.start, d)) / MINUTE,
          0,
        );
        down += dayDown;
        const key = new Date(d).toISOString().slice(0, 10);
        const label =
          dayDown === 0
            ? `${formatDay(key)}: 100% uptime`
            : `${formatDay(key)}: ${(Math.floor((1 - dayDown / 1440) * 10_000) / 100).toFixed(2)}% uptime`;
        const strip = own.slice(own.indexOf(`Daily status of Service ${i},`));
        expect(strip.slice(0, strip.indexOf("</ol>")), `Service ${i} on ${key}`).toContain(label);
        checkedDays += 1;
      }
      const observed = (now - weekStart) / MINUTE;
      const ratio = 1 - down / observed;
      const uptime = ratio >= 1 ? "100%" : `${(Math.floor(ratio * 10_000) / 100).toFixed(2)}%`;
      const strip = page.slice(page.indexOf(`Daily status of Service ${i},`));
      expect(strip.slice(0, strip.indexOf("</div>")), `Service ${i} 90-day uptime`).toContain(
        `${uptime} uptime`,
      );
    }
    console.log(
      `WEEK_RESULT ${JSON.stringify({
        week_runs: DAYS * 1440 + 1,
        week_monitors: MONITORS,
        week_incidents: expectedIncidents,
        week_days_compared: checkedDays,
        ...Object.fromEntries(Object.entries(maxRows).map(([k, v]) => [`week_max_rows_${k}`, v])),
      })}`,
    );
  });
});
