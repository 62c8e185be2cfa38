import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { subscribe, waitForReceived } from "../helpers/hooks";
import { api, call, component, create, IMPACT_TYPES, json } from "../helpers/request";
import { callWith } from "../helpers/worker";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The incident's status as the page, the Statuspage view and the Atom feed each tell it. */
async function statusEverywhere(id: string) {
  await sleep(120); // past the snapshot's confirmation window
  const page = await (await call(`/incidents/${id}`)).text();
  const pageStatus = /<dt>Status<\/dt><dd>([^<]+)<\/dd>/.exec(page)?.[1];
  const v2 = (await json(call("/api/v2/incidents.json"))).incidents.find((i: { id: string }) => i.id === id);
  const atom = await (await call("/history.atom")).text();
  const entry = /<title[^>]*>\[([^\]]+)\] Checkout broken<\/title>/.exec(atom)?.[1];
  return { page: pageStatus, v2: v2?.status, feed: entry };
}

describe("the incident workflow", () => {
  it("moves an incident through every default phase, one request per step, and every view follows", async () => {
    await subscribe("workflow", { events: ["incident.created", "incident.updated", "incident.resolved"] });
    const comp = await component("Checkout");
    const id = await create("/incidents", {
      displayName: "Checkout broken",
      beganAt: new Date(Date.now() - 60_000).toISOString(),
      affects: [{ reference: comp, type: IMPACT_TYPES.connectivity, severity: 100 }],
    });
    expect(await statusEverywhere(id)).toEqual({
      page: "Investigating",
      v2: "investigating",
      feed: undefined,
    });

    const steps = [
      { order: 2, words: "Identified", status: "identified" },
      { order: 3, words: "Monitoring", status: "monitoring" },
      { order: 4, words: "Resolved", status: "resolved" },
    ];
    for (const step of steps) {
      const res = await api(`/incidents/${id}/updates`, {
        body: {
          displayName: step.words,
          description: `Now ${step.status}.`,
          phase: { generation: 1, order: step.order },
        },
      });
      expect(res.status).toBe(201);
      expect(await statusEverywhere(id)).toEqual({ page: step.words, v2: step.status, feed: step.words });
    }
    const incident = (await json(api(`/incidents/${id}`))).data;
    expect(incident.phase).toEqual({ generation: 1, order: 4 });
    expect(incident.endedAt).not.toBeNull();

    const got = await waitForReceived("workflow", 4);
    expect(got.map((g) => [g.event, (g.body as { incident: { status: string } }).incident.status])).toEqual([
      ["incident.created", "investigating"],
      ["incident.updated", "identified"],
      ["incident.updated", "monitoring"],
      ["incident.resolved", "resolved"],
    ]);
  });

  it("maps phases operators define, by name where it says so and otherwise by position", async () => {
    const created = await json(
      api("/phases", { body: { phases: ["Triage", "Fix in progress", "Watching", "Closed"] } }),
    );
    const list = (await json(api(`/phases?generation=${created.generation}`))).data;
    expect(list.statuses).toEqual(["investigating", "identified", "monitoring", "resolved"]);
  });

  it("accepts a new incident in phase 1/0 after a newer generation exists, as the SCS UI sends it", async () => {
    const comp = await component("Old generation");
    const res = await api("/incidents", {
      body: {
        displayName: "Old phase",
        beganAt: new Date().toISOString(),
        phase: { generation: 1, order: 0 },
        affects: [{ reference: comp, type: IMPACT_TYPES.performance, severity: 10 }],
      },
    });
    expect(res.status).toBe(201);
  });

  it("takes the SCS UI's PATCH with the whole incident, id and updates included", async () => {
    const comp = await component("Whole patch");
    const id = await create("/incidents", {
      displayName: "Whole",
      beganAt: new Date(Date.now() - 60_000).toISOString(),
      affects: [{ reference: comp, type: IMPACT_TYPES.performance, severity: 10 }],
    });
    const current = (await json(api(`/incidents/${id}`))).data;
    const res = await api(`/incidents/${id}`, {
      method: "PATCH",
      body: { ...current, displayName: "Whole, renamed", phase: { generation: 1, order: 2 } },
    });
    expect(res.status).toBe(204);
    expect((await json(api(`/incidents/${id}`))).data).toMatchObject({
      displayName: "Whole, renamed",
      phase: { order: 2 },
    });
  });
});

describe("GET /api/incidents without a limit", () => {
  it("returns every incident in the window, and pages with a Link only when a limit asks", async () => {
    const comp = await component("Many");
    const base = Date.now() - 80 * 86_400_000;
    await env.DB.batch(
      Array.from({ length: 114 }, (_, i) =>
        env.DB.prepare(
          `INSERT INTO incidents (id, display_name, description, began_at, ended_at, phase_generation, phase_order, revision, created_at, updated_at)
           VALUES (?1, ?2, '', ?3, ?4, 1, 4, 0, ?3, ?3)`,
        ).bind(
          crypto.randomUUID(),
          `Bulk ${i}`,
          new Date(base + i * 3_600_000).toISOString(),
          new Date(base + i * 3_600_000 + 60_000).toISOString(),
        ),
      ),
    );
    const start = new Date(base - 86_400_000).toISOString();
    const end = new Date(base + 200 * 3_600_000).toISOString();
    const all = await json(api(`/incidents?start=${start}&end=${end}`, { token: null }));
    expect(all.data.filter((i: { displayName: string }) => i.displayName.startsWith("Bulk"))).toHaveLength(
      114,
    );
    expect(comp).toBeTruthy();

    const first = await api(`/incidents?start=${start}&end=${end}&limit=100`, { token: null });
    expect((await first.json<{ data: unknown[] }>()).data).toHaveLength(100);
    const link = first.headers.get("Link");
    expect(link).toMatch(/<\/api\/incidents\?[^>]*offset=100[^>]*>; rel="next"/);
    const nextPath = /<([^>]+)>/.exec(link ?? "")?.[1] ?? "";
    const second = await call(nextPath);
    expect((await second.json<{ data: unknown[] }>()).data.length).toBeGreaterThanOrEqual(14);
  });
});

describe("cross-origin writes from the SCS web UI", () => {
  it("answer an allowed origin with credentials allowed, and never a wildcard", async () => {
    const origin = "https://scs-ui.example";
    const preflight = await callWith({ ALLOWED_ORIGINS: origin }, "/api/incidents/x", {
      method: "OPTIONS",
      headers: {
        Origin: origin,
        "Access-Control-Request-Method": "PATCH",
        "Access-Control-Request-Headers": "authorization,content-type",
      },
    });
    expect(preflight.headers.get("Access-Control-Allow-Origin")).toBe(origin);
    expect(preflight.headers.get("Access-Control-Allow-Credentials")).toBe("true");
    // The SCS UI's own write: a whole-incident PATCH with the bearer token, sent with credentials.
    const comp = await component("Cross-origin target");
    const id = await create("/incidents", {
      displayName: "Cross-origin",
      beganAt: new Date(Date.now() - 60_000).toISOString(),
      affects: [{ reference: comp, type: IMPACT_TYPES.performance, severity: 10 }],
    });
    const current = (await json(api(`/incidents/${id}`))).data;
    const patch = await callWith({ ALLOWED_ORIGINS: origin }, `/api/incidents/${id}`, {
      method: "PATCH",
      headers: {
        Origin: origin,
        Cookie: "session=ui",
        Authorization: "Bearer test-admin-token-0123456789abcdef",
        "Content-Type": "application/json",
      },
      body: JSON.stringify({ ...current, displayName: "Cross-origin, renamed" }),
    });
    expect(patch.status).toBe(204);
    expect(patch.headers.get("Access-Control-Allow-Origin")).toBe(origin);
    expect(patch.headers.get("Access-Control-Allow-Credentials")).toBe("true");
    const other = await callWith({ ALLOWED_ORIGINS: origin }, "/api/components", {
      headers: { Origin: "https://evil.example" },
    });
    expect(other.headers.get("Access-Control-Allow-Origin")).toBeNull();
    expect(other.headers.get("Access-Control-Allow-Credentials")).toBeNull();
  });
});

describe("open-ended maintenance", () => {
  it("is accepted and shown as ongoing until further notice", async () => {
    const comp = await component("Storage");
    const id = await create("/incidents", {
      displayName: "Storage migration",
      beganAt: new Date(Date.now() - 60_000).toISOString(),
      endedAt: null,
      affects: [{ reference: comp, type: IMPACT_TYPES.maintenance, severity: 0 }],
    });
    await sleep(120);
    const home = await (await call("/")).text();
    expect(home).toContain("Storage migration");
    expect(home).toContain("until further notice");
    const active = await json(call("/api/v2/scheduled-maintenances/active.json"));
    expect(active.scheduled_maintenances.find((m: { id: string }) => m.id === id)).toMatchObject({
      status: "in_progress",
      scheduled_until: null,
    });
    const ics = await (await call("/maintenance.ics")).text();
    expect(ics).toContain("Storage migration");
  });
});
