import { describe, expect, it } from "vitest";
import { REQUIRED_MIGRATION } from "../../src/db/migrations";
import { consoleGet, consolePost, locationId, signIn } from "../helpers/console";
import { deliverAt, subscribe } from "../helpers/hooks";
import { httpUrl } from "../helpers/monitors";
import { api, component, create, fingerprint, json } from "../helpers/request";

async function componentsInOrder(): Promise<string[]> {
  return (await json(api("/components"))).data.map((c: { displayName: string }) => c.displayName);
}

describe("components in the console", () => {
  it("creates, groups, moves, edits and deletes components", async () => {
    const s = await signIn();
    expect(
      (await consolePost(s, "/admin/components", { name: "Zeta edge", description: "", group: "" })).status,
    ).toBe(303);
    expect(
      (await consolePost(s, "/admin/components", { name: "Alpha core", description: "", group: "" })).status,
    ).toBe(303);
    const ids = new Map<string, string>(
      (await json(api("/components"))).data.map((c: { id: string; displayName: string }) => [
        c.displayName,
        c.id,
      ]),
    );
    const zeta = ids.get("Zeta edge") as string;
    const alpha = ids.get("Alpha core") as string;
    let order = await componentsInOrder();
    expect(order.indexOf("Alpha core")).toBeLessThan(order.indexOf("Zeta edge"));
    expect((await consolePost(s, `/admin/components/${zeta}/up`, {})).status).toBe(303);
    order = await componentsInOrder();
    expect(order.indexOf("Zeta edge")).toBe(order.indexOf("Alpha core") - 1);
    expect((await consolePost(s, `/admin/components/${zeta}/down`, {})).status).toBe(303);
    order = await componentsInOrder();
    expect(order.indexOf("Alpha core")).toBeLessThan(order.indexOf("Zeta edge"));
    expect(
      (
        await consolePost(s, `/admin/components/${zeta}`, {
          name: "Zeta edge",
          description: "CDN",
          group: alpha,
        })
      ).status,
    ).toBe(303);
    expect((await json(api(`/components/${zeta}`))).data).toMatchObject({ description: "CDN", group: alpha });
    const list = await (await consoleGet(s, "/admin/components")).text();
    expect(list).toContain("↳");
    expect((await consolePost(s, `/admin/components/${zeta}/delete`, {})).status).toBe(303);
    expect((await api(`/components/${zeta}`)).status).toBe(200);
    expect(await componentsInOrder()).not.toContain("Zeta edge");
  });

  it("refuses a component that would nest two levels, naming the group field, and writes nothing", async () => {
    const s = await signIn();
    const parent = await component("Parent group");
    const child = await component("Child", { group: parent });
    const before = await fingerprint();
    const res = await consolePost(s, "/admin/components", {
      name: "Grandchild",
      description: "",
      group: child,
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('href="#f-group"');
    expect(html).toContain('value="Grandchild"');
    expect(await fingerprint()).toEqual(before);
  });
});

describe("tokens in the console", () => {
  it("creates a token shown once, lists it with its last use, and revokes it", async () => {
    const s = await signIn();
    const res = await consolePost(s, "/admin/tokens", { name: "phone", scopes: "incidents", days: "30" });
    expect(res.status).toBe(200);
    const token = /class="secret"[^>]*>(bcn_[\w-]+)</.exec(await res.text())?.[1] as string;
    expect(token).toBeTruthy();
    expect((await api("/incidents", { token })).status).toBe(200);
    expect((await api("/templates", { token })).status).toBe(200);
    const list = await (await consoleGet(s, "/admin/tokens")).text();
    expect(list).toContain("phone");
    expect(list).not.toContain(token);
    const id = (await json(api("/tokens"))).data.find((t: { name: string }) => t.name === "phone").id;
    expect((await consolePost(s, `/admin/tokens/${id}/revoke`, {})).status).toBe(303);
    expect((await api("/templates", { token })).status).toBe(401);
  });

  it("refuses a token without scopes, and writes nothing", async () => {
    const s = await signIn();
    const before = await fingerprint();
    const res = await consolePost(s, "/admin/tokens", { name: "none" });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("must name at least one scope");
    expect(await fingerprint()).toEqual(before);
  });
});

describe("webhooks in the console", () => {
  it("creates a webhook with its secret shown once, lists deliveries, redelivers and disables", async () => {
    const s = await signIn();
    const res = await consolePost(s, "/admin/webhooks", {
      url: httpUrl("/hooks/console-one"),
      format: "statuspage",
      events: ["incident.created"],
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/class="secret"[^>]*>whsec_/);
    const hook = await subscribe("console-two");
    const comp = await component("Webhook target");
    await create("/incidents", {
      displayName: "Hooked",
      beganAt: new Date().toISOString(),
      affects: [{ reference: comp, type: "7e1b6c2a-8f0e-4a55-9a5e-0c3b1f7d2a04", severity: 50 }],
    });
    await deliverAt(Date.now());
    const detail = await (await consoleGet(s, `/admin/webhooks/${hook.id}`)).text();
    expect(detail).toContain("incident.created");
    const delivery = /\/deliveries\/(\d+)\/redeliver/.exec(detail)?.[1] as string;
    expect(
      (await consolePost(s, `/admin/webhooks/${hook.id}/deliveries/${delivery}/redeliver`, {})).status,
    ).toBe(303);
    expect((await consolePost(s, `/admin/webhooks/${hook.id}/disable`, {})).status).toBe(303);
    expect((await json(api(`/webhooks/${hook.id}`))).data.enabled).toBe(false);
  });
});

describe("monitors in the console", () => {
  it("creates an HTTP monitor, checks it now without changing its state, pauses it", async () => {
    const s = await signIn();
    const res = await consolePost(s, "/admin/monitors", {
      name: "Upstream OK",
      kind: "http",
      url: httpUrl("/ok"),
      interval: "1",
      failureThreshold: "3",
      component: "",
      severity: "100",
    });
    expect(res.status).toBe(303);
    const id = locationId(res);
    const before = (await json(api(`/monitors/${id}`))).data;
    const checked = await consolePost(s, `/admin/monitors/${id}/check`, {});
    expect(checked.status).toBe(200);
    const html = await checked.text();
    expect(html).toContain("Check now: Up");
    expect(html).toMatch(/HTTP 200 · \d+ ms/);
    expect((await json(api(`/monitors/${id}`))).data.updatedAt).toBe(before.updatedAt);
    expect((await consolePost(s, `/admin/monitors/${id}/pause`, {})).status).toBe(303);
    expect((await json(api(`/monitors/${id}`))).data.enabled).toBe(false);
    expect(await (await consoleGet(s, `/admin/monitors/${id}`)).text()).toContain("Resume");
  });

  it("reports a failing check, and refuses a monitor without a URL, naming the field", async () => {
    const s = await signIn();
    const made = await consolePost(s, "/admin/monitors", {
      name: "Broken",
      kind: "http",
      url: httpUrl("/status/503"),
      interval: "1",
      failureThreshold: "3",
      component: "",
      severity: "100",
    });
    const checked = await consolePost(s, `/admin/monitors/${locationId(made)}/check`, {});
    expect(await checked.text()).toContain("Check now: Down");
    const bad = await consolePost(s, "/admin/monitors", {
      name: "No URL",
      kind: "http",
      url: "",
      interval: "1",
      failureThreshold: "3",
      component: "",
      severity: "100",
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('href="#f-url"');
  });
});

describe("audit and settings in the console", () => {
  it("filters the audit log by action and pages through it", async () => {
    const s = await signIn();
    for (let i = 0; i < 3; i++) await component(`Audited ${i}`);
    const page = await (await consoleGet(s, "/admin/audit?action=component.create")).text();
    expect(page).toContain("component.create");
    expect(page).not.toContain("<td>token.create</td>");
    expect(page).toContain("ADMIN_TOKEN");
  });

  it("shows the settings the Worker runs with, read-only, with the applied migration", async () => {
    const s = await signIn();
    const page = await (await consoleGet(s, "/admin/settings")).text();
    expect(page).toContain(REQUIRED_MIGRATION);
    expect(page).toContain("TIMEZONE");
    // What a cron run may do on this plan (the tests run as the Free plan, with 40 probes a run set).
    expect(page).toContain("Incident changes per cron run (MAX_INCIDENT_CHANGES_PER_RUN)");
    expect(page).toContain("2 (the free plan's default)");
    expect(page).not.toContain("test-admin-token");
    expect(page).not.toContain('<form method="post" action="/admin/settings');
  });
});
