import { createScheduledController } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { lastFinishedTick } from "../../src/db/ticks";
import worker from "../../src/index";

const MINUTE = 60_000;

async function tick(at: number) {
  await worker.scheduled(createScheduledController({ scheduledTime: new Date(at), cron: "* * * * *" }), env);
}

async function tickCount(): Promise<number> {
  const row = await env.DB.prepare("SELECT COUNT(*) AS n FROM ticks").first<{ n: number }>();
  return row?.n ?? 0;
}

describe("scheduled handler", () => {
  it("records the run for the scheduled minute", async () => {
    const at = Date.UTC(2026, 10, 2, 10, 15, 0);
    await tick(at);
    const last = await lastFinishedTick(env.DB);
    expect(last?.minute).toBe(at / MINUTE);
    expect(last?.startedAt).toBe("2026-11-02T10:15:00.000Z");
  });

  it("does nothing twice when the same minute is replayed", async () => {
    const at = Date.UTC(2026, 10, 3, 8, 0, 0);
    await tick(at);
    const before = await tickCount();
    await tick(at);
    expect(await tickCount()).toBe(before);
  });
});
