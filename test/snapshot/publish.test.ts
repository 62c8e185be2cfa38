import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

import { bumpDataVersion, dataVersion } from "../../src/db/meta";
import { KV_KEYS } from "../../src/snapshot/keys";
import { rebuildSnapshot } from "../../src/snapshot/publish";
import { faultyKV } from "../helpers/faults";
import { freshMinutes, inlineEnv, MINUTE, tickAt } from "../helpers/ticks";

async function kvVersion(): Promise<number | null> {
  const body = await env.SNAPSHOTS.get<{ version: number }>(KV_KEYS.snapshot, "json");
  return body?.version ?? null;
}

const puts = (log: string[]) => log.filter((op) => op === "put").length;

describe("publishing the snapshot to KV", () => {
  it("writes KV at most once a minute however many changes arrive, and the cron publishes what was held back", async () => {
    const { kv, counter } = faultyKV(env.SNAPSHOTS);
    const e = inlineEnv({ SNAPSHOTS: kv });
    const t0 = freshMinutes(5);

    await bumpDataVersion(env.DB).run();
    await rebuildSnapshot(e, t0);
    const first = await dataVersion(env.DB);
    expect(puts(counter.log)).toBe(1);
    expect(await kvVersion()).toBe(first);

    // A burst of changes within the minute: D1's snapshot follows each, KV waits.
    for (const offset of [1_000, 20_000, 59_000]) {
      await bumpDataVersion(env.DB).run();
      const snapshot = await rebuildSnapshot(e, t0 + offset);
      expect(snapshot.version).toBe(await dataVersion(env.DB));
    }
    expect(puts(counter.log)).toBe(1);
    expect(await kvVersion()).toBe(first);

    // The next run brings KV up to date, once.
    await tickAt(t0 + MINUTE, e);
    expect(puts(counter.log)).toBe(2);
    expect(await kvVersion()).toBe(await dataVersion(env.DB));

    await tickAt(t0 + 2 * MINUTE, e);
    expect(puts(counter.log)).toBe(2);
  });

  it("keeps the D1 snapshot current when KV refuses the write", async () => {
    const { kv } = faultyKV(env.SNAPSHOTS, { failOn: "all" });
    const t0 = freshMinutes(5);
    await bumpDataVersion(env.DB).run();
    const snapshot = await rebuildSnapshot(inlineEnv({ SNAPSHOTS: kv }), t0);
    expect(snapshot.version).toBe(await dataVersion(env.DB));
    const stored = await env.DB.prepare("SELECT MAX(version) AS v FROM snapshot").first<{ v: number }>();
    expect(stored?.v).toBe(snapshot.version);
  });
});
