import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { formatDateTime } from "../../src/domain/time-text";
import { httpUrl, setSwitch } from "../helpers/monitors";
import { api, component, create, IMPACT_TYPES, json } from "../helpers/request";
import { freshMinutes, inlineEnv, MINUTE, tickAt } from "../helpers/ticks";

async function httpMonitor(name: string, componentId: string | null, extra: Record<string, unknown> = {}) {
  return create("/monitors", {
    displayName: `${name} check`,
    kind: "http",
    url: httpUrl(`/switch/${name}`),
    timeoutMs: 2000,
    component: componentId,
    ...extra,
  });
}

async function monitorIncidents(monitorId: string) {
  const { results } = await env.DB.prepare(
    "SELECT * FROM incidents WHERE monitor_id = ?1 ORDER BY created_at",
  )
    .bind(monitorId)
    .all<{ id: string; began_at: string; ended_at: string | null; display_name: string }>();
  return results;
}

async function updatesOf(incidentId: string) {
  return (await json(api(`/incidents/${incidentId}/updates`))).data as {
    displayName: string;
    description: string;
  }[];
}

describe("monitor state machine on real ticks", () => {
  it("opens exactly one incident after the failure threshold, and resolves it after recovery", async () => {
    const comp = await component("Checked API");
    const id = await httpMonitor("api-a", comp, { severity: 90 });
    const t0 = freshMinutes(12);
    await setSwitch("api-a", 500);
    await tickAt(t0);
    await tickAt(t0 + MINUTE);
    expect(await monitorIncidents(id)).toHaveLength(0);
    await tickAt(t0 + 2 * MINUTE);
    const [opened] = await monitorIncidents(id);
    // The title names the component and the symptom.
    expect(opened?.display_name).toBe("Checked API is down");
    // The incident begins at the first failed check, which the first run made.
    expect(Date.parse(opened?.began_at ?? "") - t0).toBeGreaterThanOrEqual(0);
    expect(Date.parse(opened?.began_at ?? "") - t0).toBeLessThan(5000);
    const incident = (await json(api(`/incidents/${opened?.id}`))).data;
    expect(incident.affects).toEqual([{ reference: comp, type: IMPACT_TYPES.connectivity, severity: 90 }]);
    // It opens in the first phase that is not "Scheduled": Investigation ongoing.
    expect(incident.phase.order).toBe(1);
    const [first] = await updatesOf(opened?.id ?? "");
    expect(first?.description).toContain("HTTP 500");
    // Times read as the page shows them (UTC here), not as ISO strings.
    expect(first?.description).toContain(formatDateTime(opened?.began_at ?? "", "UTC"));
    expect(first?.description).not.toContain(opened?.began_at ?? "");

    await tickAt(t0 + 3 * MINUTE);
    await tickAt(t0 + 4 * MINUTE);
    expect(await monitorIncidents(id)).toHaveLength(1);
    expect(await updatesOf(opened?.id ?? "")).toHaveLength(1);

    // Failing for another reason is not news: no update repeats "still failing".
    await setSwitch("api-a", 404);
    await tickAt(t0 + 5 * MINUTE);
    expect(await updatesOf(opened?.id ?? "")).toHaveLength(1);

    await setSwitch("api-a", 200);
    await tickAt(t0 + 6 * MINUTE);
    expect((await monitorIncidents(id))[0]?.ended_at).toBeNull();
    await tickAt(t0 + 7 * MINUTE);
    const [resolved] = await monitorIncidents(id);
    // It ends at the first successful check.
    expect(Date.parse(resolved?.ended_at ?? "") - (t0 + 6 * MINUTE)).toBeGreaterThanOrEqual(0);
    expect(Date.parse(resolved?.ended_at ?? "") - (t0 + 6 * MINUTE)).toBeLessThan(5000);
    const last = (await updatesOf(opened?.id ?? "")).at(-1);
    expect(last?.displayName).toBe("Resolved");
    expect(last?.description).toContain("lasted 6 min");

    const page = await (await import("../helpers/request")).call("/");
    expect(await page.text()).toContain("Checked API");
  });

  it("opens a degraded incident with its own severity for slow answers", async () => {
    const comp = await component("Slow thing");
    const id = await create("/monitors", {
      displayName: "slow check",
      kind: "http",
      url: httpUrl("/switch/slowpoke?delay=250"),
      degradedAfterMs: 100,
      degradedSeverity: 20,
      failureThreshold: 2,
      component: comp,
    });
    const t0 = freshMinutes(3);
    await tickAt(t0);
    await tickAt(t0 + MINUTE);
    const [incident] = await monitorIncidents(id);
    const data = (await json(api(`/incidents/${incident?.id}`))).data;
    expect(data.affects[0]).toMatchObject({ reference: comp, severity: 20, type: IMPACT_TYPES.performance });
  });

  it("opens nothing while the component is in maintenance", async () => {
    const comp = await component("Under work");
    const id = await httpMonitor("maint", comp, { failureThreshold: 1 });
    await setSwitch("maint", 500);
    const t0 = freshMinutes(3);
    await create("/incidents", {
      displayName: "Planned work",
      beganAt: new Date(t0 - MINUTE).toISOString(),
      endedAt: new Date(t0 + 10 * MINUTE).toISOString(),
      affects: [{ reference: comp, type: IMPACT_TYPES.maintenance, severity: 0 }],
    });
    // Maintenance is judged at the moment of the run; the window covers real now too.
    await create("/incidents", {
      displayName: "Planned work (now)",
      beganAt: new Date(Date.now() - MINUTE).toISOString(),
      endedAt: new Date(Date.now() + 10 * MINUTE).toISOString(),
      affects: [{ reference: comp, type: IMPACT_TYPES.maintenance, severity: 0 }],
    });
    await tickAt(t0);
    await tickAt(t0 + MINUTE);
    expect(await monitorIncidents(id)).toHaveLength(0);
  });

  it("leaves an incident the operator closed alone, and opens a new one only after a recovery", async () => {
    const id = await httpMonitor("edited", null, { failureThreshold: 1, recoveryThreshold: 1 });
    await setSwitch("edited", 500);
    const t0 = freshMinutes(6);
    await tickAt(t0);
    const [first] = await monitorIncidents(id);
    await api(`/incidents/${first?.id}`, {
      method: "PATCH",
      body: { displayName: "Renamed by an operator", endedAt: new Date(t0 + 30_000).toISOString() },
    });
    await tickAt(t0 + MINUTE);
    await tickAt(t0 + 2 * MINUTE);
    expect(await monitorIncidents(id)).toHaveLength(1);
    expect((await monitorIncidents(id))[0]?.display_name).toBe("Renamed by an operator");
    await setSwitch("edited", 200);
    await tickAt(t0 + 3 * MINUTE);
    await setSwitch("edited", 500);
    await tickAt(t0 + 4 * MINUTE);
    expect(await monitorIncidents(id)).toHaveLength(2);
  });

  it("does nothing twice when a minute is replayed or run twice at once", async () => {
    const id = await httpMonitor("replay", null, { failureThreshold: 1 });
    await setSwitch("replay", 500);
    const t0 = freshMinutes(3);
    expect((await tickAt(t0)).claimed).toBe(true);
    expect(await tickAt(t0)).toMatchObject({ claimed: false, probed: 0 });
    const [a, b] = await Promise.all([tickAt(t0 + MINUTE), tickAt(t0 + MINUTE)]);
    expect([a.claimed, b.claimed].sort()).toEqual([false, true]);
    expect(await monitorIncidents(id)).toHaveLength(1);
  });

  it("never probes one monitor in two overlapping runs", async () => {
    const id = await create("/monitors", {
      displayName: "overlap check",
      kind: "http",
      url: httpUrl("/switch/overlap?delay=400"),
      timeoutMs: 30_000,
    });
    const t0 = freshMinutes(3);
    // The first run (late in its minute) is still probing a slow upstream when
    // the next minute's run plans; its lease (30 s timeout + slack) still holds.
    const first = tickAt(t0 + 50_000);
    await new Promise((r) => setTimeout(r, 150));
    const second = await tickAt(t0 + 70_000);
    await first;
    const rows = await env.DB.prepare("SELECT minute, samples FROM ticks WHERE minute IN (?1, ?2)")
      .bind(t0 / MINUTE, (t0 + MINUTE) / MINUTE)
      .all<{ minute: number; samples: string | null }>();
    const sampled = rows.results.flatMap((r) => Object.keys(JSON.parse(r.samples ?? "{}")));
    expect(sampled.filter((m) => m === id)).toHaveLength(1);
    expect(second.claimed).toBe(true);
  });

  it("carries monitors over the per-run cap to the next run, oldest first", async () => {
    const t0 = freshMinutes(12);
    const e = inlineEnv({ MAX_PROBES_PER_RUN: "2" });
    // Whatever earlier tests left enabled shares the cap; count only ours.
    const ours = [
      await httpMonitor("cap1", null),
      await httpMonitor("cap2", null),
      await httpMonitor("cap3", null),
    ];
    const seen = new Map<string, number>();
    for (let n = 0; n < 12; n++) {
      await tickAt(t0 + n * MINUTE, e);
      const row = await env.DB.prepare("SELECT samples FROM ticks WHERE minute = ?1")
        .bind((t0 + n * MINUTE) / MINUTE)
        .first<{ samples: string }>();
      for (const m of Object.keys(JSON.parse(row?.samples ?? "{}")))
        if (ours.includes(m) && !seen.has(m)) seen.set(m, n);
    }
    expect(seen.size).toBe(3);
  });
});

describe("the run's clock", () => {
  it("announces a component's new status once when a probe opens its incident, not undone later in the run", async () => {
    const comp = await component("Announced once");
    await setSwitch("announce", 503);
    await httpMonitor("announce", comp, { failureThreshold: 1 });
    try {
      const t0 = freshMinutes(3);
      await tickAt(t0);
      await tickAt(t0 + MINUTE);
      const { results } = await env.DB.prepare(
        "SELECT body FROM outbox WHERE event = 'component.status_changed' AND body LIKE ?1 ORDER BY seq",
      )
        .bind(`%${comp}%`)
        .all<{ body: string }>();
      // The incident begins at the probe, a little after the run began: the steps after the
      // probes (maintenance edges, statuses) run on the later clock and agree with it.
      expect(results.map((r) => JSON.parse(r.body).component.newStatus)).toEqual(["major_outage"]);
    } finally {
      await setSwitch("announce", 200);
    }
  });
});

describe("a run's share of incident changes", () => {
  it("opens at most the plan's share of incidents a run, and the rest on the next run", async () => {
    // Only this test's monitors take part.
    await env.DB.prepare("UPDATE monitors SET enabled = 0").run();
    const ids: string[] = [];
    for (const name of ["share1", "share2", "share3"]) {
      await setSwitch(name, 503);
      ids.push(await httpMonitor(name, await component(`Shared ${name}`), { failureThreshold: 1 }));
    }
    const e = inlineEnv({ MAX_INCIDENT_CHANGES_PER_RUN: "2" });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      const t0 = freshMinutes(3);
      const opened = async () => (await Promise.all(ids.map(monitorIncidents))).filter((i) => i.length > 0);
      await tickAt(t0, e);
      expect(await opened()).toHaveLength(2);
      expect(warn).toHaveBeenCalledWith(
        "cron: 1 incident changes wait for the next run (at most 2 a run on this plan)",
      );
      await tickAt(t0 + MINUTE, e);
      expect(await opened()).toHaveLength(3);
      // Each opened once: the waiting monitor's state was stepped again, not twice.
      for (const id of ids) expect(await monitorIncidents(id)).toHaveLength(1);
      // The page shows all three.
      const summary = await json(api("/v2/summary.json"));
      expect(
        summary.incidents.filter((i: { name: string }) => i.name.startsWith("Shared share")),
      ).toHaveLength(3);
    } finally {
      warn.mockRestore();
      for (const name of ["share1", "share2", "share3"]) await setSwitch(name, 200);
    }
  });
});

describe("heartbeats", () => {
  it("stay up while pings arrive on time, and open an incident when they stop", async () => {
    const res = await api("/monitors", {
      body: { displayName: "nightly job", kind: "heartbeat", graceSeconds: 0, failureThreshold: 1 },
    });
    expect(res.status).toBe(201);
    const { id, heartbeatSecret } = await res.json<{ id: string; heartbeatSecret: string }>();
    expect(heartbeatSecret).toMatch(/^hb_[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(await json(api(`/monitors/${id}`)))).not.toContain(heartbeatSecret);

    expect((await api(`/heartbeats/${heartbeatSecret}`, { method: "POST", token: null })).status).toBe(204);
    expect((await api(`/heartbeats/hb_${"x".repeat(43)}`, { method: "POST", token: null })).status).toBe(404);

    const now = Math.floor(Date.now() / MINUTE) * MINUTE;
    await tickAt(now + 30_000);
    expect(await monitorIncidents(id)).toHaveLength(0);
    await tickAt(now + 3 * MINUTE);
    const [incident] = await monitorIncidents(id);
    expect(incident).toBeDefined();
    expect((await updatesOf(incident?.id ?? ""))[0]?.description).toContain("no heartbeat since");
  });
});
