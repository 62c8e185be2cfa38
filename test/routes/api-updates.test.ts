import { describe, expect, it } from "vitest";
import { api, create, json } from "../helpers/request";

const T0 = "2026-04-01T08:00:00.000Z";

describe("/api/incidents/:id/updates", () => {
  it("sets createdAt on the server when it is missing, and keeps a given one", async () => {
    const id = await create("/incidents", { displayName: "i", beganAt: T0 });
    const before = Date.now();
    const first = await json(api(`/incidents/${id}/updates`, { body: { displayName: "Investigating" } }));
    expect(first).toEqual({ order: 0 });
    const second = await json(
      api(`/incidents/${id}/updates`, {
        body: { displayName: "Fixed", description: "Done", createdAt: "2026-04-01T09:00:00+02:00" },
      }),
    );
    expect(second).toEqual({ order: 1 });
    const { data } = await json(api(`/incidents/${id}/updates`, { token: null }));
    expect(Date.parse(data[0].createdAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(data).toEqual([
      { order: 0, displayName: "Investigating", description: "", createdAt: expect.stringMatching(/Z$/) },
      { order: 1, displayName: "Fixed", description: "Done", createdAt: "2026-04-01T07:00:00.000Z" },
    ]);
    expect((await json(api(`/incidents/${id}`))).data.updates).toEqual([0, 1]);
  });

  it("lists updates sorted by order even when createdAt says otherwise", async () => {
    const id = await create("/incidents", { displayName: "i", beganAt: T0 });
    await api(`/incidents/${id}/updates`, {
      body: { displayName: "late", createdAt: "2026-04-02T00:00:00Z" },
    });
    await api(`/incidents/${id}/updates`, {
      body: { displayName: "early", createdAt: "2026-04-01T00:00:00Z" },
    });
    const { data } = await json(api(`/incidents/${id}/updates`));
    expect(data.map((u: { order: number }) => u.order)).toEqual([0, 1]);
  });

  it("gives concurrent posts distinct, contiguous orders", async () => {
    const id = await create("/incidents", { displayName: "busy", beganAt: T0 });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        json(api(`/incidents/${id}/updates`, { body: { displayName: `u${n}` } })),
      ),
    );
    const orders = results.map((r: { order: number }) => r.order).sort((a, b) => a - b);
    expect(orders).toEqual(Array.from({ length: 20 }, (_, n) => n));
  });

  it("reads, edits and deletes one update", async () => {
    const id = await create("/incidents", { displayName: "i", beganAt: T0 });
    await api(`/incidents/${id}/updates`, { body: { displayName: "typo" } });
    expect(
      (await api(`/incidents/${id}/updates/0`, { method: "PATCH", body: { displayName: "fixed typo" } }))
        .status,
    ).toBe(204);
    expect((await json(api(`/incidents/${id}/updates/0`))).data.displayName).toBe("fixed typo");
    expect((await api(`/incidents/${id}/updates/0`, { method: "DELETE" })).status).toBe(204);
    expect((await api(`/incidents/${id}/updates/0`)).status).toBe(404);
    expect((await api(`/incidents/${id}/updates/zero`)).status).toBe(400);
  });

  it("answers 404 for updates of an unknown incident", async () => {
    const res = await api("/incidents/0f0e0d0c-0b0a-4909-8807-060504030201/updates", {
      body: { displayName: "x" },
    });
    expect(res.status).toBe(404);
  });
});
