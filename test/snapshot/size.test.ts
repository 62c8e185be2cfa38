import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { SNAPSHOT_MAX_BYTES, SNAPSHOT_UPDATES } from "../../src/snapshot/build";
import { subscribe, waitForReceived } from "../helpers/hooks";
import { api, call, component, create, IMPACT_TYPES, json } from "../helpers/request";

/** 20,000 characters of CJK text: 60 KB of UTF-8, as much as an update may hold. */
const BIG = "障害対応中".repeat(4_000);

describe("the snapshot's size", () => {
  it("stays bounded after 35 huge updates, and a new incident still reaches the page and a webhook", async () => {
    const comp = await component("Verbose service");
    const noisy = await create("/incidents", {
      displayName: "Long story",
      beganAt: new Date(Date.now() - 3_600_000).toISOString(),
      affects: [{ reference: comp, type: IMPACT_TYPES.performance, severity: 20 }],
    });
    for (let i = 0; i < 35; i++) {
      const res = await api(`/incidents/${noisy}/updates`, {
        body: { displayName: `Part ${i}`, description: BIG },
      });
      expect(res.status).toBe(201);
    }
    await subscribe("after-big", { events: ["incident.created"] });
    const urgent = await create("/incidents", {
      displayName: "Everything is down",
      beganAt: new Date(Date.now() - 60_000).toISOString(),
      affects: [{ reference: comp, type: IMPACT_TYPES.connectivity, severity: 100 }],
    });

    const stored = await env.DB.prepare("SELECT LENGTH(CAST(body AS BLOB)) AS bytes FROM snapshot").first<{
      bytes: number;
    }>();
    expect(stored?.bytes).toBeLessThanOrEqual(SNAPSHOT_MAX_BYTES);
    expect(await (await call("/")).text()).toContain("Everything is down");
    const summary = await json(call("/api/v2/summary.json"));
    expect(summary.incidents.map((i: { id: string }) => i.id)).toContain(urgent);
    const [hook] = await waitForReceived("after-big", 1);
    expect(hook?.body).toMatchObject({ incident: { id: urgent } });

    // The page keeps the latest few; the incident's own page reads every update, whole, from D1.
    const snapshot = JSON.parse(
      (await env.DB.prepare("SELECT body FROM snapshot").first<{ body: string }>())?.body ?? "{}",
    );
    const held = snapshot.incidents.find((i: { id: string }) => i.id === noisy);
    expect(held.updates.length).toBeLessThanOrEqual(SNAPSHOT_UPDATES);
    expect(held.updateCount).toBe(35);
    const page = await (await call(`/incidents/${noisy}`)).text();
    expect(page).toContain("Part 0");
    expect(page).toContain(BIG.slice(0, 500));
  });
});
