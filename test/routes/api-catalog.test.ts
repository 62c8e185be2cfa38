import { describe, expect, it } from "vitest";
import { api, create, json } from "../helpers/request";

describe("/api/severities", () => {
  it("lists the defaults by value", async () => {
    expect(await json(api("/severities", { token: null }))).toEqual({
      data: [
        { displayName: "operational", value: 33 },
        { displayName: "limited", value: 66 },
        { displayName: "broken", value: 100 },
      ],
    });
  });

  it("creates, reads, renames and deletes a severity", async () => {
    expect((await api("/severities", { body: { displayName: "slow", value: 20 } })).status).toBe(204);
    expect(await json(api("/severities/slow"))).toEqual({ data: { displayName: "slow", value: 20 } });
    expect(
      (await api("/severities/slow", { method: "PATCH", body: { displayName: "sluggish" } })).status,
    ).toBe(204);
    expect((await api("/severities/slow")).status).toBe(404);
    expect((await api("/severities/sluggish", { method: "DELETE" })).status).toBe(204);
  });

  it("keeps names unique, non-zero values unique and a value of 100", async () => {
    expect((await api("/severities", { body: { displayName: "broken", value: 90 } })).status).toBe(409);
    const dupValue = await api("/severities", { body: { displayName: "other", value: 66 } });
    expect(dupValue.status).toBe(400);
    expect((await dupValue.json<{ errors: { path: string }[] }>()).errors[0]?.path).toBe("value");
    expect((await api("/severities", { body: { displayName: "maint-a", value: 0 } })).status).toBe(204);
    expect((await api("/severities", { body: { displayName: "maint-b", value: 0 } })).status).toBe(204);
    expect((await api("/severities/broken", { method: "PATCH", body: { value: 99 } })).status).toBe(400);
    expect((await api("/severities/broken", { method: "DELETE" })).status).toBe(409);
    expect(
      (await api("/severities/limited", { method: "PATCH", body: { displayName: "operational" } })).status,
    ).toBe(400);
    expect((await api("/severities", { body: { displayName: "x", value: 101 } })).status).toBe(400);
  });
});

describe("/api/phases", () => {
  it("serves the default generation", async () => {
    expect(await json(api("/phases?generation=1", { token: null }))).toEqual({
      data: {
        generation: 1,
        phases: ["Scheduled", "Investigation ongoing", "Working on it", "Potential fix deployed", "Done"],
        // Beacon: the public status each phase stands for.
        statuses: ["scheduled", "investigating", "identified", "monitoring", "resolved"],
      },
    });
  });

  it("appends generations and never edits one", async () => {
    const a = await json(api("/phases", { body: { phases: ["one"] } }));
    const b = await json(api("/phases", { body: { phases: ["one", "two"] } }));
    expect(b.generation).toBe(a.generation + 1);
    expect((await json(api("/phases"))).data).toEqual({
      generation: b.generation,
      phases: ["one", "two"],
      statuses: ["investigating", "resolved"],
    });
    expect((await json(api(`/phases?generation=${a.generation}`))).data.phases).toEqual(["one"]);
    expect((await api("/phases?generation=999")).status).toBe(404);
    expect((await api("/phases", { method: "PATCH", body: { phases: ["x"] } })).status).toBe(404);
  });

  it("refuses an empty or repeating list", async () => {
    expect((await api("/phases", { body: { phases: [] } })).status).toBe(400);
    expect((await api("/phases", { body: { phases: ["a", "a"] } })).status).toBe(400);
    expect((await api("/phases", { body: { phases: ["", "b"] } })).status).toBe(400);
  });
});

describe("/api/impacttypes", () => {
  it("lists the four defaults", async () => {
    const names = (await json(api("/impacttypes", { token: null }))).data.map(
      (t: { displayName: string }) => t.displayName,
    );
    expect(names).toEqual(
      expect.arrayContaining(["Performance Degradation", "Connectivity Problems", "Maintenance", "Unknown"]),
    );
  });

  it("creates, patches and soft-deletes an impact type", async () => {
    const id = await create("/impacttypes", { displayName: "Data loss", description: "Writes were lost." });
    expect(await json(api(`/impacttypes/${id}`))).toEqual({
      data: { id, displayName: "Data loss", description: "Writes were lost." },
    });
    expect((await api(`/impacttypes/${id}`, { method: "PATCH", body: { description: null } })).status).toBe(
      204,
    );
    expect((await json(api(`/impacttypes/${id}`))).data.description).toBe("");
    expect((await api(`/impacttypes/${id}`, { method: "DELETE" })).status).toBe(204);
    expect((await json(api("/impacttypes"))).data.map((t: { id: string }) => t.id)).not.toContain(id);
    expect((await json(api(`/impacttypes/${id}`))).data.deletedAt).toEqual(expect.any(String));
  });
});
