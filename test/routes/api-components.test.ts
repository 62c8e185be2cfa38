import { describe, expect, it } from "vitest";
import { api, component, create, IMPACT_TYPES, json } from "../helpers/request";

describe("/api/components", () => {
  it("creates a component and reads it back with its extensions", async () => {
    const group = await component("Compute", { position: 1 });
    const id = await component("API", {
      group,
      position: 2,
      description: "Public REST API",
      labels: { tier: "1" },
    });
    const body = await json(api(`/components/${id}`, { token: null }));
    expect(body).toEqual({
      data: {
        id,
        displayName: "API",
        labels: { tier: "1" },
        activelyAffectedBy: [],
        description: "Public REST API",
        group,
        position: 2,
      },
    });
  });

  it("lists live components in position order", async () => {
    const a = await component("Zeta", { position: 900 });
    const b = await component("Alpha", { position: 901 });
    const list = (await json(api("/components", { token: null }))).data.map((c: { id: string }) => c.id);
    expect(list.indexOf(a)).toBeLessThan(list.indexOf(b));
  });

  it("patches only the fields sent", async () => {
    const id = await component("Old name", { labels: { a: "1" } });
    expect(
      (await api(`/components/${id}`, { method: "PATCH", body: { displayName: "New name" } })).status,
    ).toBe(204);
    const { data } = await json(api(`/components/${id}`));
    expect(data).toMatchObject({ displayName: "New name", labels: { a: "1" } });
  });

  it("answers 404 with a problem document for an unknown component", async () => {
    const res = await api("/components/9b2f1d64-7c1c-4b8e-9d0c-2f8e6a1b3c4d");
    expect(res.status).toBe(404);
    expect(res.headers.get("Content-Type")).toBe("application/problem+json");
    expect(await res.json()).toMatchObject({
      status: 404,
      detail: expect.stringContaining("does not exist"),
    });
  });

  it("answers 400 naming componentId for a malformed id", async () => {
    const res = await api("/components/not-a-uuid");
    expect(res.status).toBe(400);
    expect((await res.json<{ errors: unknown[] }>()).errors).toEqual([
      { path: "componentId", message: "must be a UUID" },
    ]);
  });

  it("refuses a group that does not exist, itself, or a nested group", async () => {
    const missing = await api("/components", {
      body: { displayName: "x", group: "9b2f1d64-7c1c-4b8e-9d0c-2f8e6a1b3c4d" },
    });
    expect(missing.status).toBe(400);
    expect((await missing.json<{ errors: { path: string }[] }>()).errors[0]?.path).toBe("group");

    const top = await component("Top");
    const child = await component("Child", { group: top });
    const nested = await api("/components", { body: { displayName: "Grandchild", group: child } });
    expect(nested.status).toBe(400);
    expect(await nested.text()).toContain("groups nest one level");

    const self = await api(`/components/${top}`, { method: "PATCH", body: { group: top } });
    expect(self.status).toBe(400);

    const other = await component("Other top");
    const groupIntoGroup = await api(`/components/${top}`, { method: "PATCH", body: { group: other } });
    expect(groupIntoGroup.status).toBe(400);
    expect(await groupIntoGroup.text()).toContain("cannot join another group");
  });

  describe("activelyAffectedBy", () => {
    it("includes incidents and maintenance active now, and honours ?at= on the list and the item", async () => {
      const id = await component("Affected");
      const now = Date.now();
      const incident = await create("/incidents", {
        displayName: "Outage",
        beganAt: new Date(now - 3_600_000).toISOString(),
        affects: [{ reference: id, type: IMPACT_TYPES.connectivity, severity: 100 }],
      });
      const maintenance = await create("/incidents", {
        displayName: "Upgrade",
        beganAt: new Date(now - 60_000).toISOString(),
        endedAt: new Date(now + 3_600_000).toISOString(),
        affects: [{ reference: id, type: IMPACT_TYPES.maintenance, severity: 0 }],
      });
      const { data } = await json(api(`/components/${id}`));
      expect(data.activelyAffectedBy).toEqual([
        { reference: incident, type: IMPACT_TYPES.connectivity, severity: 100 },
        { reference: maintenance, type: IMPACT_TYPES.maintenance, severity: 0 },
      ]);

      const before = new Date(now - 7_200_000).toISOString();
      const past = await json(api(`/components/${id}?at=${encodeURIComponent(before)}`));
      expect(past.data.activelyAffectedBy).toEqual([]);
      const list = await json(api(`/components?at=${encodeURIComponent(before)}`));
      expect(list.data.find((c: { id: string }) => c.id === id).activelyAffectedBy).toEqual([]);

      const later = new Date(now + 7_200_000).toISOString();
      const listLater = await json(api(`/components?at=${encodeURIComponent(later)}`));
      expect(listLater.data.find((c: { id: string }) => c.id === id).activelyAffectedBy).toEqual([
        { reference: incident, type: IMPACT_TYPES.connectivity, severity: 100 },
      ]);
    });

    it("answers 400 naming at for a malformed time", async () => {
      const res = await api("/components?at=yesterday");
      expect(res.status).toBe(400);
      expect((await res.json<{ errors: { path: string }[] }>()).errors[0]?.path).toBe("at");
    });
  });

  describe("delete", () => {
    it("is soft: history keeps the component and incidents still refer to it", async () => {
      const id = await component("Retired");
      const incident = await create("/incidents", {
        displayName: "Past outage",
        beganAt: "2026-01-01T00:00:00Z",
        endedAt: "2026-01-01T01:00:00Z",
        affects: [{ reference: id, type: IMPACT_TYPES.unknown, severity: 50 }],
      });
      expect((await api(`/components/${id}`, { method: "DELETE" })).status).toBe(204);

      const list = await json(api("/components"));
      expect(list.data.map((c: { id: string }) => c.id)).not.toContain(id);
      const item = await json(api(`/components/${id}`));
      expect(item.data).toMatchObject({ id, displayName: "Retired", deletedAt: expect.any(String) });
      const inc = await json(api(`/incidents/${incident}`));
      expect(inc.data.affects[0].reference).toBe(id);

      expect((await api(`/components/${id}`, { method: "DELETE" })).status).toBe(404);
      const reuse = await api("/incidents", {
        body: {
          displayName: "x",
          beganAt: "2026-01-02T00:00:00Z",
          affects: [{ reference: id, type: IMPACT_TYPES.unknown, severity: 50 }],
        },
      });
      expect(reuse.status).toBe(400);
      expect((await reuse.json<{ errors: { path: string }[] }>()).errors[0]?.path).toBe(
        "affects.0.reference",
      );
    });

    it("moves a deleted group's members to the top level", async () => {
      const group = await component("Group to delete");
      const member = await component("Member", { group });
      await api(`/components/${group}`, { method: "DELETE" });
      expect((await json(api(`/components/${member}`))).data.group).toBeNull();
    });
  });
});
