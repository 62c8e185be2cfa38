import { describe, expect, it } from "vitest";
import { consoleGet, consolePost, locationId, signIn } from "../helpers/console";
import { api, call, component, fingerprint, IMPACT_TYPES, json } from "../helpers/request";

async function incident(id: string) {
  return (await json(api(`/incidents/${id}`))).data;
}

describe("opening an incident in the console", () => {
  it("opens an incident on a component with its impact and first update in one form", async () => {
    const s = await signIn();
    const db = await component("Console DB");
    const form = await (await consoleGet(s, "/admin/incidents/new")).text();
    expect(form).toContain("Degraded performance");
    expect(form).toContain("Partial outage");
    expect(form).toContain("Major outage");
    const res = await consolePost(s, "/admin/incidents", {
      title: "Database slow",
      status: "1",
      kind: IMPACT_TYPES.performance,
      [`impact.${db}`]: "66",
      text: "We are **looking** into it.",
      intent: "create",
    });
    expect(res.status).toBe(303);
    const id = locationId(res);
    const stored = await incident(id);
    expect(stored.displayName).toBe("Database slow");
    expect(stored.affects).toEqual([{ reference: db, type: IMPACT_TYPES.performance, severity: 66 }]);
    const updates = (await json(api(`/incidents/${id}/updates`))).data;
    expect(
      updates.map((u: { displayName: string; description: string }) => [u.displayName, u.description]),
    ).toEqual([["Investigating", "We are **looking** into it."]]);
    const page = await (await call(`/incidents/${id}`)).text();
    expect(page).toContain("<strong>looking</strong>");
    const audit = (await json(api("/audit?limit=5"))).data;
    expect(audit[0]).toMatchObject({ action: "incident.create", path: "/admin/incidents", resourceId: id });
  });

  it("re-renders a bad form with the fields named and the values kept, and writes nothing", async () => {
    const s = await signIn();
    const db = await component("Console cache");
    const before = await fingerprint();
    const res = await consolePost(s, "/admin/incidents", {
      title: "",
      status: "1",
      kind: IMPACT_TYPES.performance,
      [`impact.${db}`]: "66",
      text: "kept <text>",
      intent: "create",
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('id="f-title"');
    expect(html).toMatch(
      /aria-invalid="true"[^>]*name="title"|name="title"[^>]*aria-invalid="true"|id="f-title"[^>]*aria-invalid="true"/,
    );
    expect(html).toContain("kept &lt;text>");
    expect(html).toMatch(/<option value="66" selected/);
    expect(await fingerprint()).toEqual(before);
  });

  it("Preview renders the Markdown on the server and writes nothing", async () => {
    const s = await signIn();
    const before = await fingerprint();
    const res = await consolePost(s, "/admin/incidents", {
      title: "x",
      status: "1",
      text: "# Heading\n\n<script>bad</script>",
      intent: "preview",
    });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("<h1>Heading</h1>");
    expect(html).not.toContain("<script>bad");
    expect(await fingerprint()).toEqual(before);
  });
});

describe("an incident's console page", () => {
  async function opened() {
    const s = await signIn();
    const db = await component("Console queue");
    const res = await consolePost(s, "/admin/incidents", {
      title: "Queue stuck",
      status: "1",
      kind: IMPACT_TYPES.connectivity,
      [`impact.${db}`]: "100",
      text: "Investigating.",
      intent: "create",
    });
    return { s, db, id: locationId(res) };
  }

  it("posts an update that changes the status and the impact in one step", async () => {
    const { s, db, id } = await opened();
    const res = await consolePost(s, `/admin/incidents/${id}/updates`, {
      status: "2",
      title: "",
      text: "Found it.",
      [`impact.${db}`]: "33",
      intent: "post",
    });
    expect(res.status).toBe(303);
    const stored = await incident(id);
    expect(stored.phase.order).toBe(2);
    expect(stored.affects[0].severity).toBe(33);
    const updates = (await json(api(`/incidents/${id}/updates`))).data;
    expect(updates.at(-1)).toMatchObject({ displayName: "Identified", description: "Found it." });
  });

  it("Post and resolve ends the incident and moves it to the resolved phase", async () => {
    const { s, id } = await opened();
    const res = await consolePost(s, `/admin/incidents/${id}/updates`, {
      status: "1",
      text: "Fixed.",
      intent: "resolve",
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toContain("done=resolved");
    const stored = await incident(id);
    expect(stored.endedAt).not.toBeNull();
    expect(stored.phase.order).toBe(4);
    const summary = await (await call("/api/v2/incidents/unresolved.json")).json<{
      incidents: { id: string }[];
    }>();
    expect(summary.incidents.map((i) => i.id)).not.toContain(id);
  });

  it("edits and deletes a past update", async () => {
    const { s, id } = await opened();
    const page = await (await consoleGet(s, `/admin/incidents/${id}`)).text();
    expect(page).toContain(`/admin/incidents/${id}/updates/0`);
    expect(
      (
        await consolePost(s, `/admin/incidents/${id}/updates/0`, {
          title: "Investigating",
          text: "Corrected.",
        })
      ).status,
    ).toBe(303);
    let updates = (await json(api(`/incidents/${id}/updates`))).data;
    expect(updates[0].description).toBe("Corrected.");
    expect((await consolePost(s, `/admin/incidents/${id}/updates/0/delete`, {})).status).toBe(303);
    updates = (await json(api(`/incidents/${id}/updates`))).data;
    expect(updates).toEqual([]);
  });

  it("edits the incident with times in the chosen zone", async () => {
    const { s, id } = await opened();
    const res = await consolePost(s, `/admin/incidents/${id}/edit`, {
      title: "Queue stuck (EU)",
      description: "",
      beganAt: "2026-01-10T09:30",
      endedAt: "",
      zone: "Europe/Berlin",
    });
    expect(res.status, await res.clone().text()).toBe(303);
    const stored = await incident(id);
    expect(stored.displayName).toBe("Queue stuck (EU)");
    expect(stored.beganAt).toBe("2026-01-10T08:30:00.000Z");
  });

  it("refuses an unknown zone and a malformed time, naming each field", async () => {
    const { s, id } = await opened();
    const bad = await consolePost(s, `/admin/incidents/${id}/edit`, {
      title: "x",
      beganAt: "2026-01-10T09:30",
      zone: "Mars/Olympus",
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("is not a time zone");
    const time = await consolePost(s, `/admin/incidents/${id}/edit`, {
      title: "x",
      beganAt: "10 Jan",
      zone: "UTC",
    });
    expect(time.status).toBe(400);
    expect(await time.text()).toContain('href="#f-beganAt"');
  });

  it("deletes an incident", async () => {
    const { s, id } = await opened();
    expect((await consolePost(s, `/admin/incidents/${id}/delete`, {})).status).toBe(303);
    expect((await api(`/incidents/${id}`)).status).toBe(404);
    expect((await consoleGet(s, `/admin/incidents/${id}`)).status).toBe(404);
  });
});
