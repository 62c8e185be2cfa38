import { beforeAll, describe, expect, it } from "vitest";
import { api, call, component, create, IMPACT_TYPES, json } from "../helpers/request";

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const COMPONENT_STATUSES = [
  "operational",
  "degraded_performance",
  "partial_outage",
  "major_outage",
  "under_maintenance",
];
const INCIDENT_STATUSES = ["investigating", "identified", "monitoring", "resolved", "postmortem"];
const IMPACTS = ["none", "minor", "major", "critical"];
const MAINTENANCE_STATUSES = ["scheduled", "in_progress", "verifying", "completed"];

const ids = {} as Record<
  | "group"
  | "web"
  | "db"
  | "dns"
  | "cdn"
  | "critical"
  | "major"
  | "minor"
  | "none"
  | "resolved"
  | "running"
  | "upcoming"
  | "done",
  string
>;

beforeAll(async () => {
  const now = Date.now();
  ids.group = await component("Platform", { position: 1 });
  ids.web = await component("Web", { group: ids.group, position: 1, description: "The web app" });
  ids.db = await component("Database", { group: ids.group, position: 2 });
  ids.dns = await component("DNS", { position: 2 });
  ids.cdn = await component("CDN", { position: 3 });
  const gen = (
    await json(
      api("/phases", { body: { phases: ["Investigating", "Identified", "Monitoring", "Resolved"] } }),
    )
  ).generation;
  ids.critical = await create("/incidents", {
    displayName: "Database down",
    beganAt: iso(now - HOUR),
    phase: { generation: gen, order: 1 },
    affects: [{ reference: ids.db, type: IMPACT_TYPES.connectivity, severity: 100 }],
  });
  await api(`/incidents/${ids.critical}/updates`, {
    body: { displayName: "Investigating", description: "Looking.", createdAt: iso(now - 50 * 60_000) },
  });
  await api(`/incidents/${ids.critical}/updates`, {
    body: { displayName: "Identified", description: "Found it.", createdAt: iso(now - 20 * 60_000) },
  });
  ids.major = await create("/incidents", {
    displayName: "DNS partially failing",
    beganAt: iso(now - 2 * HOUR),
    phase: { generation: gen, order: 2 },
    affects: [{ reference: ids.dns, type: IMPACT_TYPES.connectivity, severity: 50 }],
  });
  ids.minor = await create("/incidents", {
    displayName: "Web slow",
    beganAt: iso(now - 30 * 60_000),
    affects: [{ reference: ids.web, type: IMPACT_TYPES.performance, severity: 20 }],
  });
  ids.none = await create("/incidents", { displayName: "Heads-up", beganAt: iso(now - 10 * 60_000) });
  ids.resolved = await create("/incidents", {
    displayName: "Yesterday's blip",
    beganAt: iso(now - 26 * HOUR),
    endedAt: iso(now - 25 * HOUR),
    affects: [{ reference: ids.web, type: IMPACT_TYPES.performance, severity: 50 }],
  });
  ids.running = await create("/incidents", {
    displayName: "CDN maintenance",
    beganAt: iso(now - HOUR),
    endedAt: iso(now + HOUR),
    affects: [{ reference: ids.cdn, type: IMPACT_TYPES.maintenance, severity: 0 }],
  });
  ids.upcoming = await create("/incidents", {
    displayName: "DNS upgrade",
    beganAt: iso(now + 24 * HOUR),
    endedAt: iso(now + 26 * HOUR),
    affects: [{ reference: ids.dns, type: IMPACT_TYPES.maintenance, severity: 0 }],
  });
  ids.done = await create("/incidents", {
    displayName: "Old maintenance",
    beganAt: iso(now - 48 * HOUR),
    endedAt: iso(now - 47 * HOUR),
    affects: [{ reference: ids.cdn, type: IMPACT_TYPES.maintenance, severity: 0 }],
  });
  await sleep(120);
});

async function doc(path: string) {
  const res = await call(`/api/v2/${path}`);
  expect(res.status).toBe(200);
  expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
  expect(res.headers.get("ETag")).toBeTruthy();
  // biome-ignore lint/suspicious/noExplicitAny: the documents are checked field by field below
  return res.json<Record<string, any>>();
}

describe("Statuspage v2 API", () => {
  it("serves all eight documents with their top-level keys", async () => {
    const keys: Record<string, string[]> = {
      "summary.json": ["page", "components", "incidents", "scheduled_maintenances", "status"],
      "status.json": ["page", "status"],
      "components.json": ["page", "components"],
      "incidents/unresolved.json": ["page", "incidents"],
      "incidents.json": ["page", "incidents"],
      "scheduled-maintenances/upcoming.json": ["page", "scheduled_maintenances"],
      "scheduled-maintenances/active.json": ["page", "scheduled_maintenances"],
      "scheduled-maintenances.json": ["page", "scheduled_maintenances"],
    };
    for (const [path, expected] of Object.entries(keys)) {
      expect(Object.keys(await doc(path)).sort(), path).toEqual([...expected].sort());
    }
  });

  it("answers If-None-Match with 304", async () => {
    const res = await call("/api/v2/summary.json");
    const again = await call("/api/v2/summary.json", {
      headers: { "If-None-Match": res.headers.get("ETag") ?? "" },
    });
    expect(again.status).toBe(304);
  });

  it("derives the page indicator by the rule", async () => {
    const { status, page } = await doc("status.json");
    expect(status).toEqual({ indicator: "critical", description: "Major System Outage" });
    expect(page).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{12}$/),
      name: "Beacon",
      url: "https://status.example",
      time_zone: "UTC",
      updated_at: expect.stringMatching(/Z$/),
    });
  });

  it("lists groups with their children, 1-based positions, and no components key on leaves", async () => {
    const { components } = await doc("components.json");
    const byName = Object.fromEntries(components.map((c: { name: string }) => [c.name, c]));
    expect(byName.Platform).toEqual({
      id: ids.group,
      name: "Platform",
      status: "major_outage",
      created_at: expect.any(String),
      updated_at: expect.any(String),
      position: 1,
      description: null,
      showcase: true,
      start_date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      group_id: null,
      page_id: expect.any(String),
      group: true,
      only_show_if_degraded: false,
      components: [ids.web, ids.db],
    });
    expect(byName.Web).toMatchObject({
      group_id: ids.group,
      position: 1,
      group: false,
      status: "degraded_performance",
      description: "The web app",
    });
    expect(byName.Database).toMatchObject({ group_id: ids.group, position: 2, status: "major_outage" });
    expect(byName.DNS).toMatchObject({ group_id: null, position: 2, status: "partial_outage" });
    expect(byName.CDN).toMatchObject({ status: "under_maintenance" });
    for (const c of components) {
      expect(COMPONENT_STATUSES).toContain(c.status);
      if (!c.group) expect(c).not.toHaveProperty("components");
    }
    expect(new Set(components.map((c: { status: string }) => c.status))).toEqual(
      new Set(
        ["major_outage", "degraded_performance", "partial_outage", "under_maintenance", "operational"].filter(
          (s) => s !== "operational",
        ),
      ),
    );
  });

  it("shapes incidents with statuses, impacts, updates newest first and affected components", async () => {
    const { incidents } = await doc("incidents.json");
    const critical = incidents.find((i: { id: string }) => i.id === ids.critical);
    expect(critical).toEqual({
      id: ids.critical,
      name: "Database down",
      status: "identified",
      created_at: expect.any(String),
      updated_at: expect.any(String),
      monitoring_at: null,
      resolved_at: null,
      impact: "critical",
      shortlink: `https://status.example/incidents/${ids.critical}`,
      started_at: expect.any(String),
      page_id: expect.any(String),
      incident_updates: [
        {
          id: expect.any(String),
          status: "identified",
          body: "Found it.",
          incident_id: ids.critical,
          created_at: expect.any(String),
          updated_at: expect.any(String),
          display_at: expect.any(String),
          affected_components: null,
          deliver_notifications: true,
          custom_tweet: null,
          tweet_id: null,
        },
        expect.objectContaining({
          status: "investigating",
          body: "Looking.",
          affected_components: [
            {
              code: ids.db,
              name: "Platform - Database",
              old_status: "operational",
              new_status: "major_outage",
            },
          ],
        }),
      ],
      components: [expect.objectContaining({ id: ids.db, name: "Database" })],
    });
    const status = (id: string) => incidents.find((i: { id: string }) => i.id === id);
    expect(status(ids.major)).toMatchObject({ status: "monitoring", impact: "major" });
    expect(status(ids.major).monitoring_at).toEqual(expect.any(String));
    expect(status(ids.minor)).toMatchObject({ status: "investigating", impact: "minor" });
    expect(status(ids.none)).toMatchObject({ impact: "none", components: [] });
    expect(status(ids.resolved)).toMatchObject({ status: "resolved", resolved_at: expect.any(String) });
    for (const i of incidents) {
      expect(INCIDENT_STATUSES).toContain(i.status);
      expect(IMPACTS).toContain(i.impact);
      expect(i).not.toHaveProperty("scheduled_for");
    }
    const unresolved = (await doc("incidents/unresolved.json")).incidents.map((i: { id: string }) => i.id);
    expect(unresolved.sort()).toEqual([ids.critical, ids.major, ids.minor, ids.none].sort());
  });

  it("shapes maintenance by its window", async () => {
    const all = (await doc("scheduled-maintenances.json")).scheduled_maintenances;
    const find = (id: string) => all.find((m: { id: string }) => m.id === id);
    expect(find(ids.running)).toMatchObject({
      status: "in_progress",
      impact: "maintenance",
      scheduled_for: expect.any(String),
      scheduled_until: expect.any(String),
    });
    expect(find(ids.upcoming)).toMatchObject({ status: "scheduled", impact: "maintenance" });
    expect(find(ids.done)).toMatchObject({ status: "completed", resolved_at: expect.any(String) });
    for (const m of all) expect(MAINTENANCE_STATUSES).toContain(m.status);
    expect(
      (await doc("scheduled-maintenances/upcoming.json")).scheduled_maintenances.map(
        (m: { id: string }) => m.id,
      ),
    ).toEqual([ids.upcoming]);
    expect(
      (await doc("scheduled-maintenances/active.json")).scheduled_maintenances.map(
        (m: { id: string }) => m.id,
      ),
    ).toEqual([ids.running]);
    const summary = await doc("summary.json");
    expect(summary.scheduled_maintenances.map((m: { id: string }) => m.id)).toEqual([
      ids.running,
      ids.upcoming,
    ]);
  });

  it("moves a component's updated_at when its status changes", async () => {
    const comp = await component("Status mover");
    const before = (await json(call("/api/v2/components.json"))).components.find(
      (c: { id: string }) => c.id === comp,
    );
    await sleep(5);
    const began = iso(Date.now() - 1000);
    const incident = await create("/incidents", {
      displayName: "Mover down",
      beganAt: began,
      affects: [{ reference: comp, type: IMPACT_TYPES.connectivity, severity: 100 }],
    });
    await sleep(150);
    const during = (await json(call("/api/v2/components.json"))).components.find(
      (c: { id: string }) => c.id === comp,
    );
    expect(during.status).toBe("major_outage");
    expect(during.updated_at > before.updated_at).toBe(true);
    const ended = iso(Date.now());
    await api(`/incidents/${incident}`, { method: "PATCH", body: { endedAt: ended } });
    await sleep(150);
    const after = (await json(call("/api/v2/components.json"))).components.find(
      (c: { id: string }) => c.id === comp,
    );
    expect(after.status).toBe("operational");
    expect(after.updated_at >= ended).toBe(true);
  });
});
