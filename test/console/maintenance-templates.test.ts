import { describe, expect, it } from "vitest";
import { consoleGet, consolePost, locationId, signIn } from "../helpers/console";
import { api, component, create, fingerprint, IMPACT_TYPES, json } from "../helpers/request";

describe("maintenance in the console", () => {
  it("schedules maintenance with times in the chosen zone", async () => {
    const s = await signIn();
    const lb = await component("Console LB");
    const res = await consolePost(s, "/admin/maintenance", {
      title: "Load balancer upgrade",
      components: lb,
      startsAt: "2030-03-01T22:00",
      endsAt: "2030-03-02T01:00",
      zone: "Europe/Berlin",
      text: "Short interruptions.",
    });
    expect(res.status).toBe(303);
    const { data } = await json(api(`/incidents/${locationId(res)}`));
    expect(data).toMatchObject({ beganAt: "2030-03-01T21:00:00.000Z", endedAt: "2030-03-02T00:00:00.000Z" });
    expect(data.affects).toEqual([{ reference: lb, type: IMPACT_TYPES.maintenance, severity: 0 }]);
    const list = await (await consoleGet(s, "/admin/maintenance")).text();
    expect(list).toContain("Load balancer upgrade");
    expect(list).toContain("Cancel “Load balancer upgrade”");
  });

  it("refuses maintenance without components or with its end before its start, and writes nothing", async () => {
    const s = await signIn();
    const lb = await component("Console LB 2");
    const before = await fingerprint();
    const none = await consolePost(s, "/admin/maintenance", {
      title: "x",
      startsAt: "2030-03-01T22:00",
      zone: "UTC",
    });
    expect(none.status).toBe(400);
    expect(await none.text()).toContain("choose at least one component");
    const backwards = await consolePost(s, "/admin/maintenance", {
      title: "Backwards",
      components: lb,
      startsAt: "2030-03-01T22:00",
      endsAt: "2030-03-01T21:00",
      zone: "UTC",
    });
    expect(backwards.status).toBe(400);
    const html = await backwards.text();
    expect(html).toContain('href="#f-endsAt"');
    expect(html).toContain('value="Backwards"');
    expect(await fingerprint()).toEqual(before);
  });

  it("cancels maintenance that has not started, and ends early maintenance in progress", async () => {
    const s = await signIn();
    const lb = await component("Console LB 3");
    const later = await create("/incidents", {
      displayName: "Later",
      beganAt: "2030-01-01T00:00:00Z",
      endedAt: "2030-01-01T02:00:00Z",
      affects: [{ reference: lb, type: IMPACT_TYPES.maintenance, severity: 0 }],
    });
    const now = await create("/incidents", {
      displayName: "Now",
      beganAt: new Date(Date.now() - 60_000).toISOString(),
      endedAt: new Date(Date.now() + 3_600_000).toISOString(),
      affects: [{ reference: lb, type: IMPACT_TYPES.maintenance, severity: 0 }],
    });
    expect((await consolePost(s, `/admin/maintenance/${now}/cancel`, {})).status).toBe(409);
    expect((await consolePost(s, `/admin/maintenance/${later}/cancel`, {})).status).toBe(303);
    expect((await api(`/incidents/${later}`)).status).toBe(404);
    expect((await consolePost(s, `/admin/maintenance/${now}/end`, {})).status).toBe(303);
    const { data } = await json(api(`/incidents/${now}`));
    expect(Date.parse(data.endedAt)).toBeLessThanOrEqual(Date.now());
    expect(data.phase.order).toBe(4);
  });
});

describe("incident templates", () => {
  it("are stored through /api/templates and validated like incidents", async () => {
    const db = await component("Template DB");
    const bad = await api("/templates", {
      body: {
        name: "DB down",
        title: "Database down",
        affects: [{ reference: crypto.randomUUID(), type: IMPACT_TYPES.connectivity, severity: 100 }],
      },
    });
    expect(bad.status).toBe(400);
    expect((await bad.json<{ errors: { path: string }[] }>()).errors[0]?.path).toBe("affects.0.reference");
    const id = await create("/templates", {
      name: "DB down",
      title: "Database down",
      body: "We are investigating.",
      phaseOrder: 1,
      affects: [{ reference: db, type: IMPACT_TYPES.connectivity, severity: 100 }],
    });
    expect((await json(api(`/templates/${id}`))).data).toMatchObject({ name: "DB down", phaseOrder: 1 });
    expect(
      (await api(`/templates/${id}`, { method: "PATCH", body: { title: "Database unreachable" } })).status,
    ).toBe(204);
    expect((await json(api("/templates"))).data.map((t: { title: string }) => t.title)).toContain(
      "Database unreachable",
    );
    expect((await api(`/templates/${id}`, { method: "DELETE" })).status).toBe(204);
    expect((await api(`/templates/${id}`)).status).toBe(404);
    expect((await api("/templates", { token: null })).status).toBe(401);
  });

  it("fill the new-incident form, so a common incident is two clicks", async () => {
    const s = await signIn();
    const db = await component("Template API");
    const res = await consolePost(s, "/admin/templates", {
      name: "API down",
      title: "API unavailable",
      status: "1",
      kind: IMPACT_TYPES.connectivity,
      [`impact.${db}`]: "100",
      body: "We know.",
    });
    expect(res.status).toBe(303);
    const id = (await json(api("/templates"))).data.find((t: { name: string }) => t.name === "API down").id;
    const form = await (await consoleGet(s, `/admin/incidents/new?template=${id}`)).text();
    expect(form).toContain('value="API unavailable"');
    expect(form).toContain("We know.");
    expect(form).toMatch(
      new RegExp(`name="impact.${db}"[^>]*>(<option[^>]*>[^<]*</option>)*<option value="100" selected`),
    );
  });
});
