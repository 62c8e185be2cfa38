import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { insertMonitor } from "../../src/db/monitors";
import { liveProbeDeps, runTick } from "../../src/scheduled/run";
import { monitor } from "../helpers/monitors";
import { api, component, create, IMPACT_TYPES } from "../helpers/request";

const DAY = 86_400_000;
const MIN = 60_000;

/** A monitor on the component, probed by one run a minute from `from` to `to`, failing when `failing(t)`. */
async function probeEveryMinute(
  componentId: string,
  from: number,
  to: number,
  failing: (t: number) => boolean,
): Promise<string> {
  const m = monitor(
    "http",
    { url: "https://rollover.example/", timeoutMs: 1000 },
    { componentId, failureThreshold: 3 },
  );
  await env.DB.batch([insertMonitor(env.DB, m)]);
  let clock = 0;
  const deps = {
    fetch: async () => new Response("", { status: failing(clock) ? 503 : 200 }),
    connect: () => {
      throw new Error("no");
    },
    now: () => clock,
  };
  const e = { ...env, PROBE_QUEUE: undefined } as Env;
  for (let t = from; t <= to; t += MIN) {
    clock = t;
    await runTick(e, t, deps);
  }
  return m.id;
}

async function row(componentId: string, day: string) {
  return env.DB.prepare("SELECT * FROM component_days WHERE component_id = ?1 AND day = ?2")
    .bind(componentId, day)
    .first<{ major_minutes: number; incident_ids: string }>();
}

describe("daily rollups", () => {
  it("are written when an incident changes, and finalised by the first run of the next day", async () => {
    const now = Date.now();
    const today = Math.floor(now / DAY) * DAY;
    const comp = await component("Rolled");
    const incident = await create("/incidents", {
      displayName: "Long outage",
      beganAt: new Date(today - 3_600_000).toISOString(),
      affects: [{ reference: comp, type: IMPACT_TYPES.connectivity, severity: 100 }],
    });
    const yesterday = new Date(today - DAY).toISOString().slice(0, 10);
    const todayKey = new Date(today).toISOString().slice(0, 10);
    expect((await row(comp, yesterday))?.major_minutes).toBeCloseTo(60, 1);
    expect(JSON.parse((await row(comp, yesterday))?.incident_ids ?? "[]")).toEqual([incident]);
    const partial = (await row(comp, todayKey))?.major_minutes ?? 0;
    expect(partial).toBeLessThan(1440);

    const versionBefore = await env.DB.prepare("SELECT value FROM meta WHERE key = 'data_version'").first<{
      value: string;
    }>();
    // The first run of tomorrow, on a clock that has reached it.
    const tomorrow = today + DAY + 5 * 60_000;
    await runTick(env, tomorrow, { ...liveProbeDeps(), now: () => tomorrow });
    expect((await row(comp, todayKey))?.major_minutes).toBeCloseTo(1440, 1);
    const versionAfter = await env.DB.prepare("SELECT value FROM meta WHERE key = 'data_version'").first<{
      value: string;
    }>();
    expect(Number(versionAfter?.value)).toBeGreaterThan(Number(versionBefore?.value));
  });

  it("drop a day's row when the incident that filled it is deleted", async () => {
    const comp = await component("Cleared");
    const incident = await create("/incidents", {
      displayName: "Mistaken",
      beganAt: new Date(Date.now() - 2 * DAY).toISOString(),
      endedAt: new Date(Date.now() - 2 * DAY + 3_600_000).toISOString(),
      affects: [{ reference: comp, type: IMPACT_TYPES.connectivity, severity: 100 }],
    });
    const day = new Date(Date.now() - 2 * DAY).toISOString().slice(0, 10);
    expect(await row(comp, day)).not.toBeNull();
    await api(`/incidents/${incident}`, { method: "DELETE" });
    expect(await row(comp, day)).toBeNull();
  });
});

describe("the first run of a day", () => {
  it("finalises yesterday even when an incident rebuilt the snapshot earlier in that run", async () => {
    const comp = await component("Midnight");
    const midnight = Math.floor(Date.now() / DAY) * DAY + 20 * DAY;
    const monitorId = await probeEveryMinute(
      comp,
      midnight - 5 * MIN,
      midnight,
      (t) => t >= midnight - 2 * MIN,
    );
    const opened = await env.DB.prepare("SELECT began_at FROM incidents WHERE monitor_id = ?1")
      .bind(monitorId)
      .first<{ began_at: string }>();
    expect(opened?.began_at).toBe(new Date(midnight - 2 * 60_000).toISOString());
    const yesterday = new Date(midnight - DAY).toISOString().slice(0, 10);
    const row = await env.DB.prepare(
      "SELECT checks, failures FROM monitor_days WHERE monitor_id = ?1 AND day = ?2",
    )
      .bind(monitorId, yesterday)
      .first<{ checks: number; failures: number }>();
    expect(row).toEqual({ checks: 5, failures: 2 });
  });
});

describe("a day's probe rollup", () => {
  it("counts failing checks inside a maintenance window on the component as covered, not down", async () => {
    const comp = await component("Serviced");
    const midnight = Math.floor(Date.now() / DAY) * DAY + 30 * DAY;
    await create("/incidents", {
      displayName: "Planned work",
      beganAt: new Date(midnight - 30 * MIN).toISOString(),
      endedAt: new Date(midnight - 10 * MIN).toISOString(),
      affects: [{ reference: comp, type: IMPACT_TYPES.maintenance, severity: 0 }],
    });
    // Failing from 32 to 9 minutes before midnight: 24 checks, 20 of them inside the window.
    const monitorId = await probeEveryMinute(
      comp,
      midnight - 40 * MIN,
      midnight,
      (t) => t >= midnight - 32 * MIN && t <= midnight - 9 * MIN,
    );
    const row = await env.DB.prepare(
      "SELECT checks, failures, covered_minutes, down_minutes FROM monitor_days WHERE monitor_id = ?1 AND day = ?2",
    )
      .bind(monitorId, new Date(midnight - DAY).toISOString().slice(0, 10))
      .first();
    expect(row).toEqual({ checks: 40, failures: 24, covered_minutes: 40, down_minutes: 4 });
  });
});
