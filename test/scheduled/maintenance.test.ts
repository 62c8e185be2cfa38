import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { runTick } from "../../src/scheduled/run";
import { healthyDeps } from "../helpers/fleet";
import { api, component, create, IMPACT_TYPES, json } from "../helpers/request";
import { inlineEnv, MINUTE, tickAt } from "../helpers/ticks";

async function events(incidentOrComponent: string) {
  const { results } = await env.DB.prepare("SELECT event, body FROM outbox WHERE body LIKE ?1 ORDER BY seq")
    .bind(`%${incidentOrComponent}%`)
    .all<{ event: string; body: string }>();
  return results.map((r) => ({ event: r.event, body: JSON.parse(r.body) }));
}

describe("maintenance windows", () => {
  it("are marked started and completed by the cron at their edges, with events, and show under_maintenance in between", async () => {
    const comp = await component("Patched");
    const start = Math.ceil(Date.now() / MINUTE) * MINUTE + 2 * MINUTE;
    const id = await create("/incidents", {
      displayName: "Patch night",
      beganAt: new Date(start).toISOString(),
      endedAt: new Date(start + 3 * MINUTE).toISOString(),
      affects: [{ reference: comp, type: IMPACT_TYPES.maintenance, severity: 0 }],
    });
    expect((await events(id)).map((e) => e.event)).toEqual(["maintenance.scheduled"]);

    await runTick(inlineEnv(), start - MINUTE, healthyDeps());
    expect((await events(id)).map((e) => e.event)).toEqual(["maintenance.scheduled"]);

    await runTick(inlineEnv(), start + 30_000, healthyDeps());
    expect((await events(id)).map((e) => e.event)).toEqual(["maintenance.scheduled", "maintenance.started"]);
    const state = await env.DB.prepare("SELECT maintenance_state FROM incidents WHERE id = ?1")
      .bind(id)
      .first<{ maintenance_state: string }>();
    expect(state?.maintenance_state).toBe("started");
    const change = (await events(comp)).find((e) => e.event === "component.status_changed");
    expect(change?.body.component).toMatchObject({
      oldStatus: "operational",
      newStatus: "under_maintenance",
    });
    const during = await json(
      api(`/components/${comp}?at=${encodeURIComponent(new Date(start + 60_000).toISOString())}`),
    );
    expect(during.data.activelyAffectedBy).toEqual([
      { reference: id, type: IMPACT_TYPES.maintenance, severity: 0 },
    ]);

    await runTick(inlineEnv(), start + MINUTE + 30_000, healthyDeps());
    expect((await events(id)).filter((e) => e.event === "maintenance.started")).toHaveLength(1);

    await tickAt(start + 4 * MINUTE);
    expect((await events(id)).map((e) => e.event)).toEqual([
      "maintenance.scheduled",
      "maintenance.started",
      "maintenance.completed",
    ]);
    const back = (await events(comp)).filter((e) => e.event === "component.status_changed").at(-1);
    expect(back?.body.component).toMatchObject({ oldStatus: "under_maintenance", newStatus: "operational" });
  });
});
