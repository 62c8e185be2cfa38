import { env } from "cloudflare:workers";
import { describe, expect, it, onTestFinished } from "vitest";
import { backoffMs } from "../../src/notify/deliver";
import { configure, deliverAt, deliveries, received, subscribe, waitForReceived } from "../helpers/hooks";
import { api, component, create, fingerprint, IMPACT_TYPES, json } from "../helpers/request";
import { callWith } from "../helpers/worker";

const iso = (ms: number) => new Date(ms).toISOString();
const HOUR = 3_600_000;

describe("/api/webhooks", () => {
  it("shows the secret once, in the Standard Webhooks format, and never again", async () => {
    const res = await api("/webhooks", { body: { url: "https://hooks.example/beacon", format: "slack" } });
    expect(res.status).toBe(201);
    const { id, secret } = await res.json<{ id: string; secret: string }>();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    // hooks.example does not resolve: a later test's events must not try it.
    onTestFinished(async () => {
      await api(`/webhooks/${id}`, { method: "DELETE" });
    });
    const listed = await (await api("/webhooks")).text();
    expect(listed).not.toContain(secret);
    expect((await json(api(`/webhooks/${id}`))).data).toMatchObject({
      url: "https://hooks.example/beacon",
      format: "slack",
      enabled: true,
      events: expect.arrayContaining([
        "incident.created",
        "component.status_changed",
        "maintenance.completed",
      ]),
      components: null,
    });
  });

  it("refuses plain http unless ALLOW_HTTP_WEBHOOKS is true, and unknown events or components", async () => {
    const before = await fingerprint();
    const http = await callWith({ ALLOW_HTTP_WEBHOOKS: "false" }, "/api/webhooks", {
      method: "POST",
      headers: {
        Authorization: "Bearer test-admin-token-0123456789abcdef",
        "Content-Type": "application/json",
      },
      body: JSON.stringify({ url: "http://hooks.example/x" }),
    });
    expect(http.status).toBe(400);
    expect((await http.json<{ errors: { path: string }[] }>()).errors[0]?.path).toBe("url");
    const event = await api("/webhooks", {
      body: { url: "https://h.example", events: ["incident.exploded"] },
    });
    expect((await event.json<{ errors: { path: string }[] }>()).errors[0]?.path).toBe("events.0");
    const comp = await api("/webhooks", {
      body: { url: "https://h.example", components: ["0f0e0d0c-0b0a-4909-8807-060504030201"] },
    });
    expect((await comp.json<{ errors: { path: string }[] }>()).errors[0]?.path).toBe("components.0");
    expect(await fingerprint()).toEqual(before);
  });
});

describe("delivery", () => {
  it("sends a signed incident.created right after the write, which a real receiver verifies", async () => {
    const hook = await subscribe("created", { events: ["incident.created"] });
    const comp = await component("Hooked");
    const incident = await create("/incidents", {
      displayName: "Hooked outage",
      beganAt: iso(Date.now() - 60_000),
      affects: [{ reference: comp, type: IMPACT_TYPES.connectivity, severity: 100 }],
    });
    const [got] = await waitForReceived("created", 1);
    expect(got?.verified).toBe(true);
    expect(got?.id).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(got?.headers["webhook-timestamp"]).toMatch(/^\d{10}$/);
    expect(got?.headers["webhook-signature"]).toMatch(/^v1,/);
    expect(got?.body).toMatchObject({
      event: "incident.created",
      meta: expect.any(Object),
      page: {
        id: expect.any(String),
        status_indicator: "critical",
        status_description: "Major System Outage",
      },
      incident: {
        id: incident,
        name: "Hooked outage",
        status: "investigating",
        impact: "critical",
        resolved_at: null,
        shortlink: `https://status.example/incidents/${incident}`,
        components: [expect.objectContaining({ id: comp, name: "Hooked", status: "major_outage" })],
      },
    });
    const log = await deliveries(hook.id);
    expect(log[0]).toMatchObject({ event: "incident.created", status: "delivered", attempts: 1 });
  });

  it("announces component status changes in the write's own batch", async () => {
    const comp = await component("Watched component");
    await create("/incidents", {
      displayName: "Degrading",
      beganAt: iso(Date.now() - 60_000),
      affects: [{ reference: comp, type: IMPACT_TYPES.performance, severity: 20 }],
    });
    const row = await env.DB.prepare(
      "SELECT body FROM outbox WHERE event = 'component.status_changed' AND component_ids LIKE ?1",
    )
      .bind(`%${comp}%`)
      .first<{ body: string }>();
    const created = (await json(api(`/components/${comp}`))).data;
    const stored = await env.DB.prepare("SELECT created_at FROM components WHERE id = ?1")
      .bind(created.id)
      .first<{ created_at: string }>();
    expect(JSON.parse(row?.body ?? "{}").component).toEqual({
      id: comp,
      name: "Watched component",
      // The component's own creation time, not the event's.
      createdAt: stored?.created_at,
      oldStatus: "operational",
      newStatus: "degraded_performance",
    });
  });

  it("retries on 500 with backoff, keeping the webhook-id, and delivers in order", async () => {
    const hook = await subscribe("flaky", { events: ["incident.created", "incident.updated"] });
    await configure("flaky", { status: 500 });
    const incident = await create("/incidents", { displayName: "Order matters", beganAt: iso(Date.now()) });
    await api(`/incidents/${incident}/updates`, {
      body: { displayName: "Investigating", description: "second event" },
    });
    await waitForReceived("flaky", 1);
    await new Promise((r) => setTimeout(r, 200));
    // Only the first event was tried: the second waits behind it.
    expect((await received("flaky")).map((r) => r.event)).toEqual(["incident.created"]);
    const now = Date.now();
    await deliverAt(now);
    expect((await received("flaky")).length).toBe(1);
    await configure("flaky", { status: 200 });
    await deliverAt(now + backoffMs(1) + 1000);
    const got = await received("flaky");
    expect(got.map((r) => r.event)).toEqual(["incident.created", "incident.created", "incident.updated"]);
    expect(got[0]?.id).toBe(got[1]?.id);
    expect(got.every((r) => r.verified)).toBe(true);
    const log = await deliveries(hook.id);
    expect(log.map((d) => [d.event, d.status, d.attempts])).toEqual([
      ["incident.updated", "delivered", 1],
      ["incident.created", "delivered", 2],
    ]);
  });

  it("times out a hanging endpoint without holding up another", async () => {
    await subscribe("slow", { events: ["incident.created"] });
    await subscribe("fast", { events: ["incident.created"] });
    await configure("slow", { delay: 5000 });
    await configure("fast", { delay: 0 });
    const started = Date.now();
    await env.DB.prepare(
      "UPDATE webhooks SET enabled = 0 WHERE url NOT LIKE '%/hooks/slow' AND url NOT LIKE '%/hooks/fast'",
    ).run();
    const { outboxStatement } = await import("../../src/db/outbox");
    await outboxStatement(
      env.DB,
      {
        event: "incident.created",
        at: iso(started),
        incident: {
          id: crypto.randomUUID(),
          name: "Timeout test",
          status: "investigating",
          impact: "none",
          maintenance: false,
          beganAt: iso(started),
          endedAt: null,
          monitoringAt: null,
          createdAt: iso(started),
          updatedAt: iso(started),
          components: [],
          update: null,
        },
      },
      [],
    ).run();
    await deliverAt(started, 500);
    const fast = await received("fast");
    expect(fast.at(-1)?.at ?? 0).toBeLessThan(started + 1000);
    const slowLog = await env.DB.prepare(
      "SELECT d.last_error, d.status FROM deliveries d JOIN webhooks w ON w.id = d.webhook_id WHERE w.url LIKE '%/hooks/slow' ORDER BY d.id DESC",
    ).first<{ last_error: string; status: string }>();
    expect(slowLog).toEqual({ last_error: "timed out after 0.5 s", status: "pending" });
    await env.DB.prepare("UPDATE webhooks SET enabled = 1").run();
    await configure("slow", { delay: 0 });
  });

  it("redelivers with the same webhook-id", async () => {
    const hook = await subscribe("again", { events: ["incident.created"] });
    await create("/incidents", { displayName: "Redeliver me", beganAt: iso(Date.now()) });
    const [first] = await waitForReceived("again", 1);
    const [log] = await deliveries(hook.id);
    expect(
      (await api(`/webhooks/${hook.id}/deliveries/${log?.id}/redeliver`, { method: "POST" })).status,
    ).toBe(202);
    await deliverAt(Date.now() + 1000);
    const all = await waitForReceived("again", 2);
    expect(all[1]?.id).toBe(first?.id);
  });

  it("gives up after 24 hours of failures and disables the webhook", async () => {
    const hook = await subscribe("dead", { events: ["incident.created"] });
    await configure("dead", { status: 503 });
    await create("/incidents", { displayName: "Nobody listens", beganAt: iso(Date.now()) });
    await waitForReceived("dead", 1);
    await deliverAt(Date.now() + 25 * HOUR, 500);
    const { data } = await json(api(`/webhooks/${hook.id}`));
    expect(data.enabled).toBe(false);
    expect(data.disabledReason).toContain("24 hours");
    expect((await deliveries(hook.id))[0]?.status).toBe("gave_up");
  });
});

describe("formats", () => {
  it("write Slack blocks and Discord embeds with escaped text and no mentions", async () => {
    await subscribe("slack", { events: ["incident.created"], format: "slack" });
    await subscribe("discord", { events: ["incident.created"], format: "discord" });
    await create("/incidents", { displayName: "<!channel> @everyone & friends", beganAt: iso(Date.now()) });
    const [slack] = await waitForReceived("slack", 1);
    const blocks = slack?.body.blocks as { type: string; text?: { text: string } }[];
    expect(blocks[0]?.type).toBe("section");
    expect(blocks[0]?.text?.text).toContain("&lt;!channel&gt; @everyone &amp; friends");
    expect(blocks[0]?.text?.text).not.toContain("<!channel>");
    const [discord] = await waitForReceived("discord", 1);
    expect(discord?.body).toMatchObject({
      allowed_mentions: { parse: [] },
      embeds: [
        expect.objectContaining({
          title: "[Investigating] <!channel> @everyone & friends",
          url: expect.stringContaining("/incidents/"),
        }),
      ],
    });
  });

  it("sends every event of one write at once, without waiting for the cron", async () => {
    await subscribe("all-at-once");
    const a = await component("First of three");
    const b = await component("Second of three");
    await create("/incidents", {
      displayName: "Two components at once",
      beganAt: iso(Date.now() - 60_000),
      affects: [
        { reference: a, type: IMPACT_TYPES.connectivity, severity: 100 },
        { reference: b, type: IMPACT_TYPES.performance, severity: 20 },
      ],
    });
    // incident.created and two component.status_changed, all from the write's own delivery.
    const got = await waitForReceived("all-at-once", 3, 3000);
    expect(got.map((g) => g.event).sort()).toEqual([
      "component.status_changed",
      "component.status_changed",
      "incident.created",
    ]);
  });

  it("answers 404 for a delivery that does not exist, and audits nothing", async () => {
    const hook = await subscribe("no-such-delivery");
    const before = await fingerprint();
    const res = await api(`/webhooks/${hook.id}/deliveries/987654/redeliver`, { method: "POST" });
    expect(res.status).toBe(404);
    expect(await fingerprint()).toEqual(before);
  });
});
