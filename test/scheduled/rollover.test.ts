import { createScheduledController } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../../src/index";
import { component, create, IMPACT_TYPES } from "../helpers/request";

const DAY = 86_400_000;

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
    await worker.scheduled(
      createScheduledController({ scheduledTime: new Date(today + DAY + 5 * 60_000), cron: "* * * * *" }),
      env,
    );
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
    const { api } = await import("../helpers/request");
    await api(`/incidents/${incident}`, { method: "DELETE" });
    expect(await row(comp, day)).toBeNull();
  });
});
