import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { runTick } from "../../src/scheduled/run";
import { httpUrl, setSwitch } from "../helpers/monitors";
import { api, create, json } from "../helpers/request";
import { freshMinutes } from "../helpers/ticks";

describe("concurrency", () => {
  it("gives 20 parallel writers contiguous, distinct update orders", async () => {
    const incident = await create("/incidents", { displayName: "Busy", beganAt: new Date().toISOString() });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        json(api(`/incidents/${incident}/updates`, { body: { displayName: `writer ${i}` } })),
      ),
    );
    expect(results.map((r) => r.order).sort((a: number, b: number) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => i),
    );
    const listed = (await json(api(`/incidents/${incident}/updates`))).data.map(
      (u: { order: number }) => u.order,
    );
    expect(listed).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it("lets only one of several runs with the same time probe and open anything", async () => {
    const monitor = await create("/monitors", {
      displayName: "raced",
      kind: "http",
      url: httpUrl("/switch/raced"),
      failureThreshold: 1,
      timeoutMs: 2000,
    });
    await setSwitch("raced", 500);
    const inline = { ...env, PROBE_QUEUE: undefined } as Env;
    const at = freshMinutes(2);
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => runTick(inline, at)));
    expect(outcomes.filter((o) => o.claimed)).toHaveLength(1);
    expect(outcomes.reduce((sum, o) => sum + o.probed, 0)).toBe(outcomes.find((o) => o.claimed)?.probed);
    const incidents = await env.DB.prepare("SELECT COUNT(*) AS n FROM incidents WHERE monitor_id = ?1")
      .bind(monitor)
      .first<{ n: number }>();
    expect(incidents?.n).toBe(1);
  });

  it("leaves no window in which a revoked token still writes after the revoke has answered", async () => {
    const { id, token } = await json(api("/tokens", { body: { name: "racer", scopes: ["incidents"] } }));
    const write = (i: number) =>
      api("/incidents", { body: { displayName: `race ${i}`, beganAt: new Date().toISOString() }, token });
    const early = Array.from({ length: 15 }, (_, i) => write(i));
    const revoke = api(`/tokens/${id}`, { method: "DELETE" });
    const during = Array.from({ length: 15 }, (_, i) => write(100 + i));
    expect((await revoke).status).toBe(204);
    const revokedAt =
      (
        await env.DB.prepare("SELECT revoked_at FROM tokens WHERE id = ?1")
          .bind(id)
          .first<{ revoked_at: string }>()
      )?.revoked_at ?? "";
    const after = await Promise.all(Array.from({ length: 10 }, (_, i) => write(200 + i)));
    expect(after.every((r) => r.status === 401)).toBe(true);
    const statuses = await Promise.all([...early, ...during].map(async (r) => (await r).status));
    expect(statuses.every((s) => s === 201 || s === 401)).toBe(true);
    // Every write that landed was recorded while the token was still valid.
    const { results } = await env.DB.prepare(
      "SELECT at FROM audit_log WHERE token_id = ?1 AND action = 'incident.create'",
    )
      .bind(id)
      .all<{ at: string }>();
    expect(results.length).toBe(statuses.filter((s) => s === 201).length);
    for (const r of results) expect(r.at <= revokedAt).toBe(true);
  });
});
