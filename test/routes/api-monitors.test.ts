import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, component, create, fingerprint, json } from "../helpers/request";

describe("/api/monitors", () => {
  it("creates an HTTP monitor with defaults and reads it back", async () => {
    const comp = await component("Monitored");
    const id = await create("/monitors", {
      displayName: "Homepage",
      kind: "http",
      url: "https://example.com/health",
      component: comp,
    });
    const { data } = await json(api(`/monitors/${id}`));
    expect(data).toMatchObject({
      id,
      displayName: "Homepage",
      kind: "http",
      url: "https://example.com/health",
      method: "GET",
      expectedStatus: ["200-299"],
      timeoutMs: 10_000,
      followRedirects: false,
      intervalSeconds: 60,
      failureThreshold: 3,
      recoveryThreshold: 2,
      component: comp,
      severity: 100,
      enabled: true,
      status: "up",
      secretHeaders: [],
    });
    expect((await json(api("/monitors"))).data.map((m: { id: string }) => m.id)).toContain(id);
  });

  it("never returns secret header values, and keeps them across a PATCH", async () => {
    const id = await create("/monitors", {
      displayName: "Private API",
      kind: "http",
      url: "https://example.com/private",
      headers: { Authorization: "Bearer sup3r-s3cret", "X-Api-Key": "k3y-value", Accept: "application/json" },
    });
    const body = await (await api(`/monitors/${id}`)).text();
    expect(body).not.toContain("sup3r-s3cret");
    expect(body).not.toContain("k3y-value");
    const { data } = JSON.parse(body);
    expect(data.headers).toEqual({ Accept: "application/json" });
    expect(data.secretHeaders.sort()).toEqual(["Authorization", "X-Api-Key"]);
    expect(await (await api("/monitors")).text()).not.toContain("sup3r-s3cret");

    expect(
      (await api(`/monitors/${id}`, { method: "PATCH", body: { headers: { Accept: null, "X-Trace": "1" } } }))
        .status,
    ).toBe(204);
    const row = await env.DB.prepare("SELECT config FROM monitors WHERE id = ?1")
      .bind(id)
      .first<{ config: string }>();
    expect(JSON.parse(row?.config ?? "{}").headers).toEqual({
      Authorization: "Bearer sup3r-s3cret",
      "X-Api-Key": "k3y-value",
      "X-Trace": "1",
    });
    const audit = await (await api("/audit?limit=50")).text();
    expect(audit).not.toContain("sup3r-s3cret");
  });

  it("validates every kind and names the bad field", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ displayName: "x", kind: "smtp" }, "kind"],
      [{ displayName: "x", kind: "http" }, "url"],
      [{ displayName: "x", kind: "http", url: "ftp://example.com" }, "url"],
      [{ displayName: "x", kind: "http", url: "https://e.com", intervalSeconds: 30 }, "intervalSeconds"],
      [{ displayName: "x", kind: "http", url: "https://e.com", intervalSeconds: 90 }, "intervalSeconds"],
      [{ displayName: "x", kind: "http", url: "https://e.com", timeoutMs: 30_001 }, "timeoutMs"],
      [{ displayName: "x", kind: "http", url: "https://e.com", expectedStatus: ["2xx"] }, "expectedStatus"],
      [{ displayName: "x", kind: "http", url: "https://e.com", headers: { "Bad Header": "v" } }, "headers"],
      [
        { displayName: "x", kind: "http", url: "https://e.com", headers: { X: "a\r\nInjected: yes" } },
        "headers.X",
      ],
      [{ displayName: "x", kind: "tcp", host: "db.internal" }, "port"],
      [{ displayName: "x", kind: "tcp", host: "db.internal", port: 70_000 }, "port"],
      [{ displayName: "x", kind: "heartbeat", graceSeconds: -1 }, "graceSeconds"],
      [{ displayName: "x", kind: "http", url: "https://e.com", severity: 0 }, "severity"],
      [
        {
          displayName: "x",
          kind: "http",
          url: "https://e.com",
          component: "0f0e0d0c-0b0a-4909-8807-060504030201",
        },
        "component",
      ],
    ];
    const before = await fingerprint();
    for (const [body, path] of cases) {
      const res = await api("/monitors", { body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      const problem = await res.json<{ errors: { path: string }[] }>();
      expect(problem.errors.map((e) => e.path).join(","), JSON.stringify(body)).toContain(path);
    }
    expect(await fingerprint()).toEqual(before);
  });

  it("validates a PATCH merged with the stored monitor, and refuses a change of kind", async () => {
    const id = await create("/monitors", {
      displayName: "tcp",
      kind: "tcp",
      host: "db.internal",
      port: 5432,
    });
    expect((await api(`/monitors/${id}`, { method: "PATCH", body: { port: 0 } })).status).toBe(400);
    expect((await api(`/monitors/${id}`, { method: "PATCH", body: { kind: "http" } })).status).toBe(400);
    expect(
      (await api(`/monitors/${id}`, { method: "PATCH", body: { port: 6432, enabled: false } })).status,
    ).toBe(204);
    expect((await json(api(`/monitors/${id}`))).data).toMatchObject({
      port: 6432,
      enabled: false,
      host: "db.internal",
    });
  });

  it("deletes a monitor", async () => {
    const id = await create("/monitors", { displayName: "gone", kind: "tcp", host: "x.example", port: 1 });
    expect((await api(`/monitors/${id}`, { method: "DELETE" })).status).toBe(204);
    expect((await api(`/monitors/${id}`)).status).toBe(404);
  });

  it("writes a burst of heartbeat pings once, and records the next ping after the gap", async () => {
    const res = await api("/monitors", { body: { displayName: "burst", kind: "heartbeat" } });
    const { id, heartbeatSecret } = await res.json<{ id: string; heartbeatSecret: string }>();
    const ping = () => api(`/heartbeats/${heartbeatSecret}`, { method: "POST", token: null });
    expect((await ping()).status).toBe(204);
    const first = (await json(api(`/monitors/${id}`))).data.lastHeartbeatAt;
    for (let i = 0; i < 5; i++) expect((await ping()).status).toBe(204);
    expect((await json(api(`/monitors/${id}`))).data.lastHeartbeatAt).toBe(first);
    // A ping older than the gap is written again.
    await env.DB.prepare("UPDATE monitors SET last_heartbeat_at = ?2 WHERE id = ?1")
      .bind(id, new Date(Date.now() - 11_000).toISOString())
      .run();
    await ping();
    expect(Date.parse((await json(api(`/monitors/${id}`))).data.lastHeartbeatAt)).toBeGreaterThan(
      Date.parse(first),
    );
  });
});
