import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { runTick } from "../../src/scheduled/run";
import { httpUrl, setSwitch } from "../helpers/monitors";
import { create } from "../helpers/request";
import { freshMinutes, MINUTE } from "../helpers/ticks";

async function waitFor<T>(read: () => Promise<T | null | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("the PROBE_QUEUE path", () => {
  it("enqueues due monitors, and the consumer probes them, records samples and opens the incident", async () => {
    expect(env.PROBE_QUEUE).toBeDefined();
    const id = await create("/monitors", {
      displayName: "queued check",
      kind: "http",
      url: httpUrl("/switch/queued"),
      failureThreshold: 1,
      timeoutMs: 2000,
    });
    await setSwitch("queued", 500);
    const t0 = freshMinutes(2);
    const outcome = await runTick(env, t0);
    expect(outcome).toMatchObject({ claimed: true, queued: 1, probed: 0 });

    const samples = await waitFor(async () => {
      const row = await env.DB.prepare("SELECT samples FROM ticks WHERE minute = ?1")
        .bind(t0 / MINUTE)
        .first<{ samples: string }>();
      const parsed = JSON.parse(row?.samples ?? "{}") as Record<string, unknown>;
      return parsed[id] ? parsed : null;
    });
    expect(samples[id]).toEqual([expect.any(Number), 2, 500, "status"]);
    const incident = await waitFor(() =>
      env.DB.prepare("SELECT id, began_at FROM incidents WHERE monitor_id = ?1")
        .bind(id)
        .first<{ id: string; began_at: string }>(),
    );
    expect(Date.parse(incident.began_at) - t0).toBeLessThan(5000);
  });
});
