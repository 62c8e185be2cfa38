import { describe, expect, it } from "vitest";
import { consoleGet, consolePost, signIn } from "../helpers/console";
import { httpUrl } from "../helpers/monitors";
import { api, component, create, IMPACT_TYPES } from "../helpers/request";
import { executableProblems, XSS_VECTORS } from "../helpers/xss";

describe("console pages escape operator text", () => {
  it("no vector in a name, title, update, template or token name becomes markup on any console page", async () => {
    const s = await signIn();
    const vectors = XSS_VECTORS.slice(0, 24);
    const names = vectors.map((v) => v.replace(/[\t\r\n]/g, " ").slice(0, 100));
    const comps: string[] = [];
    for (const name of names.slice(0, 8)) comps.push(await component(name));
    const incident = await create("/incidents", {
      displayName: names[8] as string,
      description: vectors.join("\n\n"),
      beganAt: new Date().toISOString(),
      affects: [{ reference: comps[0] as string, type: IMPACT_TYPES.connectivity, severity: 66 }],
    });
    for (const text of vectors.slice(0, 6)) {
      await api(`/incidents/${incident}/updates`, { body: { displayName: names[9], description: text } });
    }
    const template = await create("/templates", {
      name: names[10] as string,
      title: names[11] as string,
      body: vectors.join("\n"),
    });
    await api("/tokens", { body: { name: names[12], scopes: ["incidents"] } });
    const monitor = await create("/monitors", {
      displayName: names[13] as string,
      kind: "http",
      url: httpUrl("/ok"),
    });
    const preview = await consolePost(s, "/admin/incidents", {
      title: names[14] as string,
      text: vectors.join("\n\n"),
      intent: "preview",
    });
    const refused = await consolePost(s, "/admin/incidents", {
      title: "",
      text: vectors.join("\n"),
      intent: "create",
    });
    const pages = [
      ["preview", await preview.text()],
      ["refused form", await refused.text()],
    ];
    for (const path of [
      "/admin",
      "/admin/incidents/new",
      `/admin/incidents/new?template=${template}`,
      `/admin/incidents/${incident}`,
      `/admin/incidents/${incident}/edit`,
      `/admin/incidents/${incident}/updates/0`,
      "/admin/templates",
      `/admin/templates/${template}`,
      "/admin/components",
      `/admin/components/${comps[1]}`,
      "/admin/monitors",
      `/admin/monitors/${monitor}`,
      "/admin/tokens",
      "/admin/audit",
    ]) {
      const res = await consoleGet(s, path);
      expect(res.status, path).toBe(200);
      pages.push([path, await res.text()]);
    }
    for (const [path, html] of pages)
      expect(executableProblems(html as string, { consoleForms: true }), path).toEqual([]);
  });
});
