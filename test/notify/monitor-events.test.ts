import { describe, expect, it } from "vitest";
import { subscribe, waitForReceived } from "../helpers/hooks";
import { httpUrl, setSwitch } from "../helpers/monitors";
import { component, create } from "../helpers/request";
import { freshMinutes, MINUTE, tickAt } from "../helpers/ticks";

describe("incidents that monitors open and resolve", () => {
  it("deliver incident.created and incident.resolved to a webhook, as operators' incidents do", async () => {
    await subscribe("monitor-events", {
      events: ["incident.created", "incident.updated", "incident.resolved"],
    });
    const comp = await component("Payments");
    await create("/monitors", {
      displayName: "payments health",
      kind: "http",
      url: httpUrl("/switch/payments"),
      timeoutMs: 2000,
      failureThreshold: 1,
      recoveryThreshold: 1,
      component: comp,
    });
    const t0 = freshMinutes(3);
    await setSwitch("payments", 503);
    await tickAt(t0);
    await setSwitch("payments", 200);
    await tickAt(t0 + MINUTE);
    const got = await waitForReceived("monitor-events", 2);
    expect(got.map((g) => g.event)).toEqual(["incident.created", "incident.resolved"]);
    expect(got.every((g) => g.verified)).toBe(true);
    expect(got[0]?.body).toMatchObject({
      incident: {
        name: "Payments is down",
        status: "investigating",
        components: [expect.objectContaining({ id: comp, status: "major_outage" })],
        incident_updates: [expect.objectContaining({ body: expect.stringContaining("HTTP 503") })],
      },
    });
    expect(got[1]?.body).toMatchObject({ incident: { status: "resolved" } });
  });
});
