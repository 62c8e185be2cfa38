import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { rebuildSnapshot } from "../../src/snapshot/publish";
import { api, call, component, create, fingerprint, IMPACT_TYPES } from "../helpers/request";

/** Characters XML 1.0 forbids. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters the test looks for
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;

describe("control characters", () => {
  it("are refused anywhere in a JSON body, naming the field, and nothing is written", async () => {
    const before = await fingerprint();
    for (const [body, path] of [
      [{ displayName: "x\u0001" }, "displayName"],
      [{ displayName: "ok", labels: { "team\u0007": "a" } }, "labels.team\u0007"],
      [{ displayName: "ok", description: "bell \u0007 here" }, "description"],
    ] as const) {
      const res = await api("/components", { body });
      expect(res.status).toBe(400);
      const problem = await res.json<{ errors: { path: string; message: string }[] }>();
      expect(problem.errors[0]).toMatchObject({
        path,
        message: expect.stringContaining("control characters"),
      });
    }
    expect(await fingerprint()).toEqual(before);
  });

  it("allow tabs and line breaks in descriptions, but not in names", async () => {
    const ok = await api("/components", {
      body: { displayName: "Lines", description: "one\ntwo\r\n\tthree" },
    });
    expect(ok.status).toBe(201);
    const name = await api("/components", { body: { displayName: "two\nlines" } });
    expect(name.status).toBe(400);
    expect((await name.json<{ errors: { path: string }[] }>()).errors[0]?.path).toBe("displayName");
  });

  it("stored before the rule (or by hand) never make a feed, calendar or badge invalid", async () => {
    const comp = await component("Badge target");
    const incident = await create("/incidents", {
      displayName: "Plain name",
      beganAt: new Date(Date.now() - 60_000).toISOString(),
      affects: [{ reference: comp, type: IMPACT_TYPES.connectivity, severity: 100 }],
    });
    await api(`/incidents/${incident}/updates`, {
      body: { displayName: "Investigating", description: "Looking" },
    });
    await create("/incidents", {
      displayName: "Window",
      beganAt: new Date(Date.now() + 3_600_000).toISOString(),
      endedAt: new Date(Date.now() + 7_200_000).toISOString(),
      affects: [{ reference: comp, type: IMPACT_TYPES.maintenance, severity: 0 }],
    });
    await env.DB.batch([
      env.DB.prepare("UPDATE incidents SET display_name = ?2 WHERE id = ?1").bind(
        incident,
        "bad\u0001name\u001f",
      ),
      env.DB.prepare("UPDATE incidents SET display_name = 'win\u0002dow' WHERE display_name = 'Window'"),
      env.DB.prepare("UPDATE components SET display_name = ?2 WHERE id = ?1").bind(comp, "comp\u0003onent"),
      env.DB.prepare("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'data_version'"),
    ]);
    await rebuildSnapshot(env, Date.now());
    for (const path of [
      "/history.atom",
      "/history.rss",
      `/components/${comp}/history.atom`,
      "/maintenance.ics",
    ]) {
      const body = await (await call(path)).text();
      expect(body, path).toContain(path === "/maintenance.ics" ? "window" : "badname");
      expect(NOT_XML.test(body), path).toBe(false);
    }
    const badge = await (await call(`/components/${comp}/badge.svg`)).text();
    expect(badge).toContain("component");
    expect(NOT_XML.test(badge)).toBe(false);
  });

  it("leave the calendar ending with CRLF, as RFC 5545 asks", async () => {
    const body = await (await call("/maintenance.ics")).text();
    expect(body.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(body.replaceAll("\r\n", "")).not.toContain("\n");
  });
});
