import { describe, expect, it } from "vitest";
import { api, call, component, fingerprint, json } from "../helpers/request";

type Alert = {
  status: "firing" | "resolved";
  labels: Record<string, string>;
  fingerprint: string;
  startsAt?: string;
  endsAt?: string;
};

function payload(groupKey: string, alerts: Alert[], extra: Record<string, unknown> = {}) {
  const firing = alerts.some((a) => a.status === "firing");
  return {
    version: "4",
    groupKey,
    status: firing ? "firing" : "resolved",
    receiver: "beacon",
    groupLabels: { alertname: alerts[0]?.labels.alertname ?? "x" },
    commonLabels: {},
    commonAnnotations: { summary: "API is failing" },
    externalURL: "http://alertmanager.example",
    alerts: alerts.map((a) => ({
      annotations: {},
      generatorURL: "http://prometheus.example",
      startsAt: "2026-11-26T10:00:00Z",
      endsAt: "0001-01-01T00:00:00Z",
      ...a,
    })),
    ...extra,
  };
}

const send = (body: unknown, token?: string | null) => api("/integrations/alertmanager", { body, token });

async function incident(id: string) {
  return (await json(api(`/incidents/${id}`))).data;
}

describe("POST /api/integrations/alertmanager", () => {
  it("opens one incident on the named component, and a redelivered payload changes nothing", async () => {
    const comp = await component("Checkout API");
    const body = payload('{}:{alertname="HighErrors"}', [
      {
        status: "firing",
        labels: { alertname: "HighErrors", component: "checkout api", severity: "critical" },
        fingerprint: "a1",
      },
    ]);
    const first = await json(send(body));
    expect(first.data.changed).toBe(1);
    const opened = await incident(first.data.incident);
    expect(opened).toMatchObject({
      displayName: "API is failing",
      endedAt: null,
      affects: [{ reference: comp, severity: 100 }],
    });
    const before = await fingerprint();
    const again = await json(send(body));
    expect(again.data).toEqual({ incident: first.data.incident, changed: 0, skipped: [] });
    const after = await fingerprint();
    expect({ ...after, audit_log: "", meta: "", tokens: "" }).toEqual({
      ...before,
      audit_log: "",
      meta: "",
      tokens: "",
    });

    const resolved = await json(
      send(
        payload('{}:{alertname="HighErrors"}', [
          {
            status: "resolved",
            labels: { alertname: "HighErrors", component: comp },
            fingerprint: "a1",
            endsAt: "2026-11-26T10:30:00Z",
          },
        ]),
      ),
    );
    expect(resolved.data.incident).toBe(first.data.incident);
    expect((await incident(first.data.incident)).endedAt).toBe("2026-11-26T10:30:00.000Z");
  });

  it("keeps the group's incident open until every alert has resolved", async () => {
    const a = await component("Search");
    const b = await component("Index");
    const key = '{}:{alertname="Slow"}';
    const opened = await json(
      send(
        payload(key, [
          {
            status: "firing",
            labels: { alertname: "SlowSearch", component: "Search", severity: "warning" },
            fingerprint: "s1",
          },
          {
            status: "firing",
            labels: { alertname: "SlowIndex", component: "Index", severity: "info" },
            fingerprint: "s2",
          },
        ]),
      ),
    );
    const id = opened.data.incident;
    expect((await incident(id)).affects).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ reference: a, severity: 66 }),
        expect.objectContaining({ reference: b, severity: 33 }),
      ]),
    );
    await send(
      payload(key, [
        { status: "resolved", labels: { alertname: "SlowSearch", component: "Search" }, fingerprint: "s1" },
      ]),
    );
    const partial = await incident(id);
    expect(partial.endedAt).toBeNull();
    // Search stays in the incident's history, but no longer counts as affected.
    expect(partial.affects).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ reference: a, severity: 66 }),
        expect.objectContaining({ reference: b, severity: 33 }),
      ]),
    );
    expect((await json(api(`/components/${a}`))).data.activelyAffectedBy).toEqual([]);
    expect((await json(api(`/components/${b}`))).data.activelyAffectedBy).toHaveLength(1);
    const updates = (await json(api(`/incidents/${id}/updates`))).data;
    expect(updates.at(-1).description).toContain("Resolved: SlowSearch");
    await send(
      payload(key, [
        { status: "resolved", labels: { alertname: "SlowIndex", component: "Index" }, fingerprint: "s2" },
      ]),
    );
    expect((await incident(id)).endedAt).not.toBeNull();
  });

  it("answers 422 naming an unknown component's label value, and writes nothing", async () => {
    const before = await fingerprint();
    const res = await send(
      payload("g-unknown", [
        { status: "firing", labels: { alertname: "X", component: "no-such-thing" }, fingerprint: "u1" },
      ]),
    );
    expect(res.status).toBe(422);
    const problem = await res.json<{ detail: string; errors: { path: string; message: string }[] }>();
    expect(problem.detail).toContain('"no-such-thing"');
    expect(problem.errors).toEqual([
      { path: "alerts.0.labels.component", message: 'no component matches "no-such-thing"' },
    ]);
    expect(await fingerprint()).toEqual(before);
  });

  it("refuses malformed and unauthenticated payloads", async () => {
    expect((await send({ version: "3", groupKey: "x", status: "firing", alerts: [] })).status).toBe(400);
    expect((await send("{not json")).status).toBe(400);
    expect(
      (await send(payload("g", [{ status: "firing", labels: { component: "x" }, fingerprint: "f" }]), null))
        .status,
    ).toBe(401);
  });

  it("uses the configured label mapping and severities", async () => {
    const comp = await component("Payments");
    expect(
      (
        await api("/integrations/alertmanager/config", {
          method: "PUT",
          body: { components: { pay: comp }, severities: { page: 90 } },
        })
      ).status,
    ).toBe(204);
    const res = await json(
      send(
        payload("g-mapped", [
          {
            status: "firing",
            labels: { alertname: "Down", component: "pay", severity: "page" },
            fingerprint: "m1",
          },
        ]),
      ),
    );
    expect((await incident(res.data.incident)).affects).toEqual([
      expect.objectContaining({ reference: comp, severity: 90 }),
    ]);
    const bad = await api("/integrations/alertmanager/config", {
      method: "PUT",
      body: { components: { x: "0f0e0d0c-0b0a-4909-8807-060504030201" } },
    });
    expect(bad.status).toBe(400);
  });

  it("acts on the alerts that match and reports the rest, instead of refusing the whole group", async () => {
    const known = await component("Known service");
    const res = await send(
      payload("g-partial", [
        { status: "firing", labels: { alertname: "A", component: "Known service" }, fingerprint: "p1" },
        { status: "firing", labels: { alertname: "B", component: "nobody-knows" }, fingerprint: "p2" },
      ]),
    );
    expect(res.status).toBe(200);
    const body = await res.json<{
      data: { incident: string; skipped: { path: string; message: string }[] };
    }>();
    expect(body.data.skipped).toEqual([
      { path: "alerts.1.labels.component", message: 'no component matches "nobody-knows"' },
    ]);
    expect((await incident(body.data.incident)).affects).toEqual([
      expect.objectContaining({ reference: known }),
    ]);
  });

  it("treats severity labels like constructor or __proto__ as unknown, never as a crash", async () => {
    await component("Proto target");
    for (const [i, severity] of ["constructor", "toString", "__proto__", "hasOwnProperty"].entries()) {
      const res = await send(
        payload(`g-proto-${i}`, [
          {
            status: "firing",
            labels: { alertname: "P", component: "Proto target", severity },
            fingerprint: `pr${i}`,
          },
        ]),
      );
      expect(res.status, severity).toBe(200);
      const id = (await res.json<{ data: { incident: string } }>()).data.incident;
      expect((await incident(id)).affects[0].severity, severity).toBe(66);
    }
  });

  it("refuses a name that two components share, listing both", async () => {
    const before = await fingerprint();
    const a = await component("Twin");
    const b = await component("Twin");
    const res = await send(
      payload("g-twin", [
        { status: "firing", labels: { alertname: "T", component: "twin" }, fingerprint: "t1" },
      ]),
    );
    expect(res.status).toBe(422);
    const problem = await res.json<{ errors: { path: string; message: string }[] }>();
    expect(problem.errors[0]?.message).toContain(a);
    expect(problem.errors[0]?.message).toContain(b);
    const after = await fingerprint();
    expect(after.incidents).toEqual(before.incidents);
    expect(after.alerts).toEqual(before.alerts);
  });

  it("publishes only the annotations the settings name (summary by default)", async () => {
    await component("Internal");
    const res = await send(
      payload(
        "g-annotations",
        [{ status: "firing", labels: { alertname: "Disk", component: "Internal" }, fingerprint: "n1" }],
        {
          commonAnnotations: {
            summary: "Disk filling up",
            description: "db-7.internal.corp is at 97%",
            runbook_url: "https://wiki.corp/runbooks/disk",
          },
        },
      ),
    );
    const opened = await incident((await res.json<{ data: { incident: string } }>()).data.incident);
    expect(opened.displayName).toBe("Disk filling up");
    const page = await (await call(`/incidents/${opened.id}`)).text();
    expect(page).not.toContain("db-7.internal.corp");
    expect(page).not.toContain("wiki.corp");
  });
});
