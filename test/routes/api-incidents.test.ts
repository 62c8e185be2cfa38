import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, component, create, fingerprint, IMPACT_TYPES, json } from "../helpers/request";

const T0 = "2026-03-01T10:00:00.000Z";
const T1 = "2026-03-01T12:00:00.000Z";

async function problem(res: Response) {
  expect(res.headers.get("Content-Type")).toBe("application/problem+json");
  return res.json<{ status: number; detail: string; errors?: { path: string; message: string }[] }>();
}

describe("/api/incidents", () => {
  it("creates an incident with impacts and reads it back", async () => {
    const comp = await component("Database");
    const id = await create("/incidents", {
      displayName: "Database slow",
      description: "Queries take **seconds**.",
      beganAt: "2026-03-01T11:00:00+01:00",
      affects: [{ reference: comp, type: IMPACT_TYPES.performance, severity: 40 }],
    });
    expect(await json(api(`/incidents/${id}`, { token: null }))).toEqual({
      data: {
        id,
        displayName: "Database slow",
        description: "Queries take **seconds**.",
        beganAt: T0,
        endedAt: null,
        // Without a phase it opens in the first that is not "Scheduled": Investigation ongoing.
        phase: { generation: 1, order: 1 },
        affects: [{ reference: comp, type: IMPACT_TYPES.performance, severity: 40 }],
        updates: [],
      },
    });
  });

  it("deletes an incident so that readers no longer see it", async () => {
    const id = await create("/incidents", { displayName: "Mistake", beganAt: T0 });
    expect((await api(`/incidents/${id}`, { method: "DELETE" })).status).toBe(204);
    expect((await api(`/incidents/${id}`)).status).toBe(404);
    expect((await api(`/incidents/${id}/updates`)).status).toBe(404);
  });

  describe("regressions of the reference server", () => {
    it("reopens an incident on PATCH with endedAt: null", async () => {
      const id = await create("/incidents", { displayName: "Flaky", beganAt: T0, endedAt: T1 });
      expect((await api(`/incidents/${id}`, { method: "PATCH", body: { endedAt: null } })).status).toBe(204);
      expect((await json(api(`/incidents/${id}`))).data.endedAt).toBeNull();
    });

    it("keeps endedAt when PATCH leaves it out", async () => {
      const id = await create("/incidents", { displayName: "Done", beganAt: T0, endedAt: T1 });
      await api(`/incidents/${id}`, { method: "PATCH", body: { displayName: "Done, renamed" } });
      expect((await json(api(`/incidents/${id}`))).data).toMatchObject({
        displayName: "Done, renamed",
        endedAt: T1,
      });
    });

    it("answers 400, never 500, when displayName or beganAt is missing", async () => {
      const noName = await problem(await api("/incidents", { body: { beganAt: T0 } }));
      expect(noName.status).toBe(400);
      expect(noName.errors?.[0]?.path).toBe("displayName");
      const noStart = await problem(await api("/incidents", { body: { displayName: "x" } }));
      expect(noStart.status).toBe(400);
      expect(noStart.errors?.[0]?.path).toBe("beganAt");
    });

    it("puts an incident without a phase in the first phase of the latest generation", async () => {
      const gen = await json(
        api("/phases", { body: { phases: ["investigating", "identified", "monitoring", "resolved"] } }),
      );
      const id = await create("/incidents", { displayName: "New gen", beganAt: T0 });
      expect((await json(api(`/incidents/${id}`))).data.phase).toEqual({
        generation: gen.generation,
        order: 0,
      });
    });

    it("requires a severity from 0 to 100 on every impact", async () => {
      const comp = await component("Sev");
      for (const severity of [undefined, -1, 101, 50.5, "50"]) {
        const res = await api("/incidents", {
          body: {
            displayName: "x",
            beganAt: T0,
            affects: [{ reference: comp, type: IMPACT_TYPES.unknown, severity }],
          },
        });
        expect(res.status).toBe(400);
        expect((await problem(res)).errors?.[0]?.path).toBe("affects.0.severity");
      }
    });

    it("answers 400 naming a component, impact type or phase that does not exist", async () => {
      const comp = await component("Ref");
      const ghost = "0f0e0d0c-0b0a-4909-8807-060504030201";
      const badComponent = await problem(
        await api("/incidents", {
          body: {
            displayName: "x",
            beganAt: T0,
            affects: [{ reference: ghost, type: IMPACT_TYPES.unknown, severity: 10 }],
          },
        }),
      );
      expect(badComponent.errors).toEqual([
        { path: "affects.0.reference", message: `component ${ghost} does not exist` },
      ]);
      const badType = await problem(
        await api("/incidents", {
          body: { displayName: "x", beganAt: T0, affects: [{ reference: comp, type: ghost, severity: 10 }] },
        }),
      );
      expect(badType.errors).toEqual([
        { path: "affects.0.type", message: `impact type ${ghost} does not exist` },
      ]);
      const badPhase = await problem(
        await api("/incidents", {
          body: { displayName: "x", beganAt: T0, phase: { generation: 1, order: 99 } },
        }),
      );
      expect(badPhase.errors?.[0]).toEqual({
        path: "phase",
        message: "generation 1 has no phase with order 99",
      });
    });

    it("requires maintenance to end after it begins, on POST and on PATCH against the stored incident", async () => {
      const comp = await component("Maint");
      const impact = { reference: comp, type: IMPACT_TYPES.maintenance, severity: 0 };
      // Open-ended maintenance ("until further notice") is allowed, as the spec allows endedAt: null.
      const noEnd = await api("/incidents", { body: { displayName: "m", beganAt: T0, affects: [impact] } });
      expect(noEnd.status).toBe(201);
      const backwards = await api("/incidents", {
        body: { displayName: "m", beganAt: T1, endedAt: T0, affects: [impact] },
      });
      expect(backwards.status).toBe(400);
      const same = await api("/incidents", {
        body: { displayName: "m", beganAt: T0, endedAt: T0, affects: [impact] },
      });
      expect(same.status).toBe(400);

      const id = await create("/incidents", {
        displayName: "m",
        beganAt: T0,
        endedAt: T1,
        affects: [impact],
      });
      const reopen = await api(`/incidents/${id}`, { method: "PATCH", body: { endedAt: null } });
      expect(reopen.status).toBe(204);
      await api(`/incidents/${id}`, { method: "PATCH", body: { endedAt: T1 } });
      const moveStart = await api(`/incidents/${id}`, {
        method: "PATCH",
        body: { beganAt: "2026-03-01T13:00:00Z" },
      });
      expect(moveStart.status).toBe(400);
      expect((await problem(moveStart)).errors?.[0]?.path).toBe("endedAt");

      const plain = await create("/incidents", { displayName: "p", beganAt: T0 });
      const becomeMaintenance = await api(`/incidents/${plain}`, {
        method: "PATCH",
        body: { affects: [impact] },
      });
      // An open incident may become open-ended maintenance.
      expect(becomeMaintenance.status).toBe(204);
    });

    describe("GET /incidents window", () => {
      it("defaults to the last 90 days through the next 30", async () => {
        const now = Date.now();
        const recent = await create("/incidents", {
          displayName: "recent",
          beganAt: new Date(now - 10 * 86_400_000).toISOString(),
        });
        const old = await create("/incidents", {
          displayName: "old",
          beganAt: new Date(now - 200 * 86_400_000).toISOString(),
          endedAt: new Date(now - 199 * 86_400_000).toISOString(),
        });
        const ids = (await json(api("/incidents"))).data.map((i: { id: string }) => i.id);
        expect(ids).toContain(recent);
        expect(ids).not.toContain(old);
      });

      it("includes incidents that overlap the window, and refuses windows over 366 days or reversed", async () => {
        const long = await create("/incidents", { displayName: "long", beganAt: "2025-01-01T00:00:00Z" });
        const ids = (
          await json(api("/incidents?start=2025-06-01T00:00:00Z&end=2025-07-01T00:00:00Z"))
        ).data.map((i: { id: string }) => i.id);
        expect(ids).toContain(long);
        const tooLong = await api("/incidents?start=2024-01-01T00:00:00Z&end=2025-06-01T00:00:00Z");
        expect(tooLong.status).toBe(400);
        expect((await problem(tooLong)).errors?.[0]?.path).toBe("end");
        expect((await api("/incidents?start=2025-06-01T00:00:00Z&end=2025-05-01T00:00:00Z")).status).toBe(
          400,
        );
      });

      it("bounds the list with limit, whose maximum is 500", async () => {
        await create("/incidents", { displayName: "a", beganAt: "2026-02-01T00:00:00Z" });
        await create("/incidents", { displayName: "b", beganAt: "2026-02-02T00:00:00Z" });
        const one = await json(api("/incidents?start=2026-01-15T00:00:00Z&end=2026-02-15T00:00:00Z&limit=1"));
        expect(one.data).toHaveLength(1);
        expect(one.data[0].displayName).toBe("b");
        expect((await api("/incidents?limit=501")).status).toBe(400);
        expect((await api("/incidents?limit=0")).status).toBe(400);
      });
    });
  });

  it("writes nothing when a write is refused", async () => {
    const comp = await component("Atomic");
    const before = await fingerprint();
    const res = await api("/incidents", {
      body: {
        displayName: "x",
        beganAt: T0,
        affects: [
          { reference: comp, type: IMPACT_TYPES.unknown, severity: 10 },
          { reference: comp, type: IMPACT_TYPES.unknown, severity: 20 },
        ],
      },
    });
    expect(res.status).toBe(400);
    expect((await problem(res)).errors?.[0]?.path).toBe("affects.1");
    expect(await fingerprint()).toEqual(before);
  });

  it("records monitoring_at the first time the phase is named monitoring", async () => {
    const gen = (await json(api("/phases", { body: { phases: ["Investigating", "Monitoring"] } })))
      .generation;
    const id = await create("/incidents", {
      displayName: "watch",
      beganAt: T0,
      phase: { generation: gen, order: 0 },
    });
    await api(`/incidents/${id}`, { method: "PATCH", body: { phase: { generation: gen, order: 1 } } });
    const row = await env.DB.prepare("SELECT monitoring_at FROM incidents WHERE id = ?1")
      .bind(id)
      .first<{ monitoring_at: string }>();
    expect(row?.monitoring_at).toMatch(/Z$/);
  });
});
