import { beforeAll, describe, expect, it } from "vitest";
import { type ConsoleSession, csrfOf, postForm, signIn } from "../helpers/console";
import { call, component } from "../helpers/request";

const GERMAN = { "Accept-Language": "de-DE,de;q=0.9" };
let s: ConsoleSession;

function german(path: string): Promise<Response> {
  return call(path, { redirect: "manual", headers: { Cookie: s.cookie, ...GERMAN } });
}

beforeAll(async () => {
  await component("Sprachtest");
  s = await signIn();
});

describe("the console in German", () => {
  it("speaks the browser's language on every screen, with lang set", async () => {
    const screens: [string, string][] = [
      ["/admin", "Offene Störungen"],
      ["/admin/incidents/new", "Erste Meldung (Markdown)"],
      ["/admin/maintenance", "Wartung planen"],
      ["/admin/templates", "Neue Vorlage"],
      ["/admin/components", "Neue Komponente"],
      ["/admin/monitors", "Neuer Monitor"],
      ["/admin/webhooks", "Neuer Webhook"],
      ["/admin/subscribers", "Abonnenten"],
      ["/admin/tokens", "Neues Token"],
      ["/admin/audit", "Aktion beginnt mit"],
      ["/admin/settings", "Standardsprache (LANGUAGE)"],
    ];
    for (const [path, words] of screens) {
      const res = await german(path);
      expect(res.status, path).toBe(200);
      const body = await res.text();
      expect(body, path).toContain('<html lang="de">');
      expect(body, path).toContain(words);
      expect(body, path).toContain("Abmelden");
    }
  });

  it("names a refused form's problems in German, and English with ?lang=en", async () => {
    const res = await postForm(
      "/admin/components",
      { _csrf: s.csrf, name: "" },
      { Cookie: s.cookie, ...GERMAN },
    );
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Es gibt ein Problem");
    const english = await call("/admin?lang=en", { headers: { Cookie: s.cookie, ...GERMAN } });
    expect(await english.text()).toContain("Open incidents");
  });

  it("keeps a language chosen with ?lang= for the rest of the session, whatever the browser asks for", async () => {
    const own = await signIn(undefined, "203.0.113.61");
    const get = (path: string) =>
      call(path, { redirect: "manual", headers: { Cookie: own.cookie, "Accept-Language": "en-GB" } });
    const english = await (await get("/admin/tokens")).text();
    expect(english).toContain("New token");
    expect(english).toContain('href="/admin/tokens?lang=de" hreflang="de" lang="de"');
    expect(await (await get("/admin/tokens?lang=de")).text()).toContain("Neues Token");
    const later = await (await get("/admin/monitors")).text();
    expect(later).toContain('<html lang="de">');
    expect(later).toContain("Neuer Monitor");
    expect(await (await get("/admin?lang=en")).text()).toContain("Open incidents");
    expect(await (await get("/admin/monitors")).text()).toContain("New monitor");
  });

  it("signs in in German", async () => {
    const page = await call("/admin/sign-in", { headers: GERMAN });
    const body = await page.text();
    expect(body).toContain("Bei der Konsole anmelden");
    const refused = await postForm(
      "/admin/sign-in",
      { token: "nope" },
      { ...GERMAN, "CF-Connecting-IP": "203.0.113.99" },
    );
    expect(await refused.text()).toContain("Dieses Token ist ungültig");
    expect(csrfOf(await (await german("/admin")).text())).toBe(s.csrf);
  });
});
