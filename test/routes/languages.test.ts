import { beforeAll, describe, expect, it } from "vitest";
import { api, call, component, create, IMPACT_TYPES } from "../helpers/request";
import { callWith } from "../helpers/worker";

const HOUR = 3_600_000;
const GERMAN = { "Accept-Language": "de-DE,de;q=0.9" };
let db: string;
let outage: string;

beforeAll(async () => {
  db = await component("Datenbank-Cluster");
  outage = await create("/incidents", {
    displayName: "Database unreachable",
    beganAt: new Date(Date.now() - HOUR).toISOString(),
    affects: [{ reference: db, type: IMPACT_TYPES.connectivity, severity: 100 }],
  });
  await api(`/incidents/${outage}/updates`, {
    body: { displayName: "Investigating", description: "Looking." },
  });
});

describe("the page's language", () => {
  it("is German for Accept-Language: de-DE,de;q=0.9, said in lang, Content-Language and Vary", async () => {
    const res = await call("/", { headers: GERMAN });
    const body = await res.text();
    expect(body).toContain('<html lang="de">');
    expect(body).toContain("Aktuelle Störungen");
    expect(body).toContain("Komponenten");
    expect(body).toContain("verfügbar");
    expect(res.headers.get("Content-Language")).toBe("de");
    expect(res.headers.get("Vary")).toContain("Accept-Language");
    expect(res.headers.get("Cache-Control")).toContain("public");
    // Operator text is shown as written, marked as English for screen readers.
    expect(body).toContain('lang="en"><a href="/incidents/');
  });

  it("is English with ?lang=en whatever the browser asks for, with another ETag", async () => {
    const german = await call("/", { headers: GERMAN });
    const english = await call("/?lang=en", { headers: GERMAN });
    const body = await english.text();
    expect(body).toContain('<html lang="en">');
    expect(body).toContain("Active incidents");
    expect(english.headers.get("ETag")).not.toBe(german.headers.get("ETag"));
    // A tag answers 304 only for its own language.
    const again = await call("/", {
      headers: { ...GERMAN, "If-None-Match": german.headers.get("ETag") ?? "" },
    });
    expect(again.status).toBe(304);
    const other = await call("/?lang=en", { headers: { "If-None-Match": german.headers.get("ETag") ?? "" } });
    expect(other.status).toBe(200);
  });

  it("follows LANGUAGE when the browser says nothing usable", async () => {
    const res = await callWith({ LANGUAGE: "de" }, "/", { headers: { "Accept-Language": "fr" } });
    const body = await res.text();
    expect(body).toContain('<html lang="de">');
    // Operators write in the page's language: nothing is marked as foreign.
    expect(body).not.toContain('lang="en"><a href="/incidents/');
    const unknown = await callWith({ LANGUAGE: "xx" }, "/");
    expect(await unknown.text()).toContain('<html lang="en">');
  });

  it("keeps a language chosen in the URL in every link, and offers the others", async () => {
    const body = await (await call("/?lang=de")).text();
    expect(body).toContain(`href="/incidents/${outage}?lang=de"`);
    expect(body).toContain('href="/history?lang=de"');
    expect(body).toContain('href="/?lang=en" hreflang="en" lang="en"');
    expect(body).toContain('<input type="hidden" name="lang" value="de"/>');
    const fromHeader = await (await call("/", { headers: GERMAN })).text();
    expect(fromHeader).toContain(`href="/incidents/${outage}"`);
    const zoned = await (await call("/history?tz=Europe/Berlin&lang=de")).text();
    expect(zoned).toContain('href="/history?tz=Europe%2FBerlin&amp;lang=en"');
  });

  it("writes detail pages' dates, durations and words in German", async () => {
    const body = await (await call(`/incidents/${outage}?tz=Europe/Berlin`, { headers: GERMAN })).text();
    expect(body).toMatch(/\d{1,2}\. [A-ZÄÖÜ][a-zäöü]+\.? \d{4}, \d{2}:\d{2} ME(S)?Z/);
    expect(body).toContain("Betroffene Komponenten");
    expect(body).toContain("Wird untersucht");
    expect(body).toMatch(/bisher \d+ (Min\.|Std\.)/);
    const component = await (await call(`/components/${db}`, { headers: GERMAN })).text();
    expect(component).toContain("Letzte 90 Tage");
    expect(component).toContain("Täglicher Status von Datenbank-Cluster");
    const history = await (await call("/history", { headers: GERMAN })).text();
    expect(history).toContain("Störungsverlauf");
  });

  it("answers errors in the visitor's language", async () => {
    const res = await call("/no/such/page", { headers: GERMAN });
    expect(res.status).toBe(404);
    const body = await res.text();
    expect(body).toContain("Nicht gefunden");
    expect(body).toContain("Unter dieser Adresse gibt es keine Seite.");
  });
});

describe("feeds, the calendar and badges", () => {
  it("title feeds in the visitor's language, with the feed's language said", async () => {
    const rss = await call("/history.rss", { headers: GERMAN });
    const text = await rss.text();
    expect(text).toContain("<language>de</language>");
    expect(text).toContain("Beacon – Status");
    expect(text).toContain("[Wird untersucht] Database unreachable");
    expect(rss.headers.get("Vary")).toContain("Accept-Language");
    const english = await (await call("/history.rss?lang=en", { headers: GERMAN })).text();
    expect(english).toContain("[Investigating] Database unreachable");
    const atom = await (await call("/history.atom", { headers: GERMAN })).text();
    expect(atom).toContain('xml:lang="de"');
    const ics = await (await call("/maintenance.ics", { headers: GERMAN })).text();
    expect(ics).toContain("Beacon – Wartungen");
  });

  it("word badges in the visitor's language", async () => {
    const badge = await (await call(`/components/${db}/badge.svg`, { headers: GERMAN })).text();
    expect(badge).toContain("Störung");
    const uptime = await (await call(`/components/${db}/uptime.svg?days=30`, { headers: GERMAN })).text();
    expect(uptime).toContain("Verfügbarkeit 30 T.");
    const shields = await (await call(`/components/${db}/shields.json?lang=de`)).json<{ message: string }>();
    expect(shields.message).toBe("Störung");
  });
});
