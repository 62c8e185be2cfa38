import ICAL from "ical.js";
import parsePrometheusTextFormat from "parse-prometheus-text-format";
import { beforeAll, describe, expect, it } from "vitest";
import { api, call, component, create, IMPACT_TYPES, insertTokenRow, json } from "../helpers/request";
import { callWith } from "../helpers/worker";

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ids = {} as Record<"web" | "db" | "incident" | "maintenance" | "deleted", string>;

beforeAll(async () => {
  const now = Date.now();
  ids.web = await component("Web & <App>");
  ids.db = await component("Database");
  ids.incident = await create("/incidents", {
    displayName: "Web errors",
    beganAt: iso(now - HOUR),
    affects: [{ reference: ids.web, type: IMPACT_TYPES.connectivity, severity: 100 }],
  });
  await api(`/incidents/${ids.incident}/updates`, {
    body: {
      displayName: "Investigating",
      description: "Looking at **it**.",
      createdAt: iso(now - 50 * 60_000),
    },
  });
  await api(`/incidents/${ids.incident}/updates`, {
    body: { displayName: "Identified", description: "A bad deploy.", createdAt: iso(now - 30 * 60_000) },
  });
  ids.maintenance = await create("/incidents", {
    displayName:
      "Database upgrade with a long title that needs folding in the calendar, more than seventy-five octets",
    beganAt: iso(now + 24 * HOUR),
    endedAt: iso(now + 26 * HOUR),
    affects: [{ reference: ids.db, type: IMPACT_TYPES.maintenance, severity: 0 }],
  });
  await api(`/incidents/${ids.maintenance}/updates`, {
    body: { displayName: "Scheduled", description: "Expect a short blip; écoutez, ça va." },
  });
  ids.deleted = await create("/incidents", {
    displayName: "Called off",
    beganAt: iso(now + 48 * HOUR),
    endedAt: iso(now + 49 * HOUR),
    affects: [{ reference: ids.db, type: IMPACT_TYPES.maintenance, severity: 0 }],
  });
  await api(`/incidents/${ids.deleted}`, { method: "DELETE" });
  await sleep(120);
});

describe("maintenance calendar", () => {
  it("is RFC 5545 that ical.js parses: UID, UTC times, summary, description, URL, status, sequence", async () => {
    const res = await call("/maintenance.ics");
    expect(res.headers.get("Content-Type")).toMatch(/^text\/calendar/);
    const text = await res.text();
    expect(text).toMatch(/\r\n/);
    expect(text.replace(/\r\n/g, "").length).toBeGreaterThan(0);
    for (const line of text.split("\r\n"))
      expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    const events = new ICAL.Component(ICAL.parse(text))
      .getAllSubcomponents("vevent")
      .map((e) => new ICAL.Event(e));
    const upgrade = events.find((e) => e.uid === `${ids.maintenance}@status.example`);
    expect(upgrade?.summary).toContain("Database upgrade with a long title");
    expect(upgrade?.startDate.zone?.tzid).toBe("UTC");
    expect(text).toMatch(/DTSTART:\d{8}T\d{6}Z\r\n/);
    expect(text).toMatch(/DTEND:\d{8}T\d{6}Z\r\n/);
    expect(upgrade?.startDate.toJSDate().getTime()).toBeGreaterThan(Date.now());
    expect(upgrade?.description).toContain("Expect a short blip; écoutez, ça va.");
    expect(upgrade?.description).toContain("Affected: Database");
    expect(upgrade?.component.getFirstPropertyValue("url")).toBe(
      `https://status.example/incidents/${ids.maintenance}`,
    );
    expect(upgrade?.component.getFirstPropertyValue("status")).toBe("CONFIRMED");
    expect(upgrade?.component.getFirstPropertyValue("dtstamp")).toBeTruthy();
    expect(upgrade?.component.getFirstPropertyValue("last-modified")).toBeTruthy();
    const sequence = Number(upgrade?.sequence);
    const cancelled = events.find((e) => e.uid === `${ids.deleted}@status.example`);
    expect(cancelled?.component.getFirstPropertyValue("status")).toBe("CANCELLED");

    await api(`/incidents/${ids.maintenance}`, { method: "PATCH", body: { description: "moved" } });
    const edited = new ICAL.Component(ICAL.parse(await (await call("/maintenance.ics")).text()))
      .getAllSubcomponents("vevent")
      .map((e) => new ICAL.Event(e))
      .find((e) => e.uid === `${ids.maintenance}@status.example`);
    expect(Number(edited?.sequence)).toBeGreaterThan(sequence);
  });
});

describe("badges", () => {
  it("are accessible SVG with escaped text, in both styles", async () => {
    const page = await call("/badge.svg");
    expect(page.headers.get("Content-Type")).toMatch(/^image\/svg\+xml/);
    const svg = await page.text();
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-label="status: major system outage"/);
    expect(svg).toContain("<title>status: major system outage</title>");
    const square = await (await call("/badge.svg?style=flat-square")).text();
    expect(square).toContain('rx="0"');
    expect((await call("/badge.svg?style=3d")).status).toBe(400);

    const comp = await (await call(`/components/${ids.web}/badge.svg`)).text();
    expect(comp).toContain("Web &#38; &#60;App&#62;: major outage");
    expect(comp).not.toContain("<App>");
  });

  it("show uptime over 30 or 90 days, and a shields.io endpoint", async () => {
    const uptime = await (await call(`/components/${ids.db}/uptime.svg?days=30`)).text();
    expect(uptime).toContain("uptime 30d: 100%");
    expect((await call(`/components/${ids.db}/uptime.svg?days=7`)).status).toBe(400);
    expect(await json(call(`/components/${ids.web}/shields.json`))).toEqual({
      schemaVersion: 1,
      label: "Web & <App>",
      message: "major outage",
      color: "red",
    });
    expect((await call("/components/0f0e0d0c-0b0a-4909-8807-060504030201/badge.svg")).status).toBe(404);
  });
});

describe("/metrics", () => {
  it("needs a token with the metrics scope unless METRICS_PUBLIC is true", async () => {
    const none = await call("/metrics");
    expect(none.status).toBe(401);
    expect(none.headers.get("WWW-Authenticate")).toMatch(/^Bearer/);
    const incidentsToken = await insertTokenRow({ scopes: ["incidents"] });
    expect((await call("/metrics", { headers: { Authorization: `Bearer ${incidentsToken}` } })).status).toBe(
      403,
    );
    const metricsToken = await insertTokenRow({ scopes: ["metrics"] });
    const ok = await call("/metrics", { headers: { Authorization: `Bearer ${metricsToken}` } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("Cache-Control")).toBe("no-store");
    expect((await callWith({ METRICS_PUBLIC: "true" }, "/metrics")).status).toBe(200);
  });

  it("parses as Prometheus text with every metric", async () => {
    const token = await insertTokenRow({ scopes: ["metrics"] });
    await create("/monitors", {
      displayName: "db check",
      kind: "tcp",
      host: "db.internal",
      port: 5432,
      component: ids.db,
    });
    const text = await (await call("/metrics", { headers: { Authorization: `Bearer ${token}` } })).text();
    const families = parsePrometheusTextFormat(text) as {
      name: string;
      type: string;
      metrics: { labels?: Record<string, string>; value: string }[];
    }[];
    const byName = Object.fromEntries(families.map((f) => [f.name, f]));
    expect(Object.keys(byName).sort()).toEqual([
      "beacon_component_status",
      "beacon_component_up",
      "beacon_incidents_active",
      "beacon_last_tick_timestamp_seconds",
      "beacon_monitor_latency_seconds",
      "beacon_monitor_up",
      "beacon_plan_limit",
      "beacon_plan_usage",
    ]);
    const web = byName.beacon_component_status?.metrics.find((m) => m.labels?.component === "Web & <App>");
    expect(web?.value).toBe("100");
    expect(
      byName.beacon_component_up?.metrics.find((m) => m.labels?.component === "Web & <App>")?.value,
    ).toBe("0");
    expect(byName.beacon_incidents_active?.metrics[0]?.value).toBe("1");
    expect(byName.beacon_monitor_up?.metrics.find((m) => m.labels?.monitor === "db check")?.value).toBe("1");
  });

  it("labels every series with the component's id, so components with one name stay apart", async () => {
    const token = await insertTokenRow({ scopes: ["metrics"] });
    const first = await component("Same name");
    const second = await component("Same name");
    const text = await (await call("/metrics", { headers: { Authorization: `Bearer ${token}` } })).text();
    const families = parsePrometheusTextFormat(text) as {
      name: string;
      metrics: { labels?: Record<string, string>; value: string }[];
    }[];
    const status = families.find((f) => f.name === "beacon_component_status");
    const twins = status?.metrics.filter((m) => m.labels?.component === "Same name") ?? [];
    expect(twins.map((m) => m.labels?.component_id).sort()).toEqual([first, second].sort());
  });
});
