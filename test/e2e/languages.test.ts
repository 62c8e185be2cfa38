/**
 * Every public page and every console screen in English and in German, in
 * Chromium whose locale is German (so it sends Accept-Language: de-DE):
 * axe-core finds no serious violation, and the German pages hold no English
 * word from the catalogues outside operator text (marked with lang="en").
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Catalogue } from "../../src/i18n/catalogue";
import de from "../../src/i18n/languages/de";
import en from "../../src/i18n/languages/en";
import { type Runner, startRunner } from "../scripts/runner-harness";
import { apiClient } from "./api";
import { axeViolations, launchChromium } from "./browser";

const TOKEN = "e2e-languages-admin-token";

let runner: Runner;
let browser: Browser;
let dataDir: string;
let publicPaths: string[];
let consolePaths: string[];
/** What operators wrote (names, titles, descriptions): shown as written, so not looked at. */
let operatorText: string[] = [];

const api: (route: string, body?: unknown) => Promise<{ id?: string; data?: { id: string }[] }> = apiClient(
  () => runner.url,
  TOKEN,
);

/** Every text of a catalogue, its plural forms included. */
function texts(catalogue: Catalogue): string[] {
  return Object.values(catalogue.messages).flatMap((m) => (typeof m === "string" ? [m] : Object.values(m)));
}

/**
 * The English words a German page must not show: each English text cut at its
 * placeholders, the pieces that say something (two words, or one long one),
 * and that German does not use itself ("Status", "Webhooks", "HTTP").
 */
const GERMAN_TEXT = texts(de as Catalogue).join("\n");
const ENGLISH_PIECES = [
  ...new Set(
    texts(en as Catalogue)
      .flatMap((t) => t.split(/\{\w+\}/))
      .map((p) => p.replace(/^[\s:;,.()“”–-]+|[\s:;,.()“”–-]+$/g, ""))
      .filter((p) => (p.includes(" ") ? p.length >= 6 : p.length >= 6 && /^[A-Za-z]+$/.test(p)))
      .filter((p) => !GERMAN_TEXT.includes(p)),
  ),
];

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "beacon-e2e-languages-"));
  runner = await startRunner({
    DATA_DIR: dataDir,
    CRON: "0",
    ADMIN_TOKEN: TOKEN,
    ALLOW_PRIVATE_TARGETS: "true",
    ALLOW_HTTP_WEBHOOKS: "true",
  });
  const incidents = (await api("/incidents")).data ?? [];
  const components = (await api("/components")).data ?? [];
  const templates = (await api("/templates")).data ?? [];
  const written = JSON.stringify([incidents, components, templates]);
  operatorText = [...written.matchAll(/"(?:displayName|description|name|title|body)":"((?:[^"\\]|\\.)*)"/g)]
    .map((m) => JSON.parse(`"${m[1]}"`) as string)
    .filter((t) => t.length > 0)
    .sort((a, b) => b.length - a.length);
  const monitor = await api("/monitors", {
    displayName: "Sprachmonitor",
    kind: "http",
    url: `${runner.url}/health`,
    interval: 60,
  });
  const webhook = await api("/webhooks", { url: "http://127.0.0.1:9/hook" });
  const template = await api("/templates", { name: "API down", title: "API down", body: "Looking." });
  publicPaths = [
    "/",
    "/history",
    `/history?day=${new Date().toISOString().slice(0, 10)}`,
    `/incidents/${incidents[0]?.id}`,
    `/components/${components[1]?.id}`,
    "/subscribe",
  ];
  consolePaths = [
    "/admin",
    "/admin/incidents/new",
    `/admin/incidents/${incidents[0]?.id}`,
    `/admin/incidents/${incidents[0]?.id}/edit`,
    "/admin/maintenance",
    "/admin/templates",
    `/admin/templates/${template.id}`,
    "/admin/components",
    `/admin/components/${components[1]?.id}`,
    "/admin/monitors",
    `/admin/monitors/${monitor.id}`,
    "/admin/webhooks",
    `/admin/webhooks/${webhook.id}`,
    "/admin/subscribers",
    "/admin/tokens",
    "/admin/audit",
    "/admin/settings",
  ];
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await runner?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

/** A browser context in a language, signed in to the console through its form. */
async function contextIn(locale: string, signIn: boolean): Promise<BrowserContext> {
  // axe needs script; the pages' CSP forbids it, so these contexts alone bypass CSP.
  const context = await browser.newContext({ locale, bypassCSP: true });
  if (signIn) {
    const page = await context.newPage();
    await page.goto(`${runner.url}/admin/sign-in`);
    await page.locator("#f-token").fill(TOKEN);
    await page.locator("form[action='/admin/sign-in'] button").click();
    await page.waitForURL(/\/admin\?done=signed_in$/);
    await page.close();
  }
  return context;
}

type Seen = { lang: string; text: string; bad: string[] };

async function look(context: BrowserContext, route: string): Promise<Seen> {
  const page = await context.newPage();
  const response = await page.goto(`${runner.url}${route}`);
  expect(response?.status(), route).toBe(200);
  const bad = await axeViolations(page, ["serious", "critical"]);
  // What a reader meets, without the operator's own text (marked with its language).
  const seen = await page.evaluate(() => {
    const lang = document.documentElement.lang;
    for (const el of Array.from(document.querySelectorAll("body [lang]"))) {
      if (el.getAttribute("lang") !== lang) el.remove();
    }
    const labels = Array.from(document.querySelectorAll("[aria-label],[title],[placeholder]")).map((el) =>
      ["aria-label", "title", "placeholder"].map((a) => el.getAttribute(a) ?? "").join(" "),
    );
    const options = Array.from(document.querySelectorAll("option")).map((o) => o.textContent ?? "");
    // biome-ignore lint/performance/useDomNodeTextContent: the text as rendered, with line breaks between blocks, is what a reader meets
    return { lang, text: [document.title, document.body.innerText, ...labels, ...options].join("\n") };
  });
  await page.close();
  return { ...seen, bad };
}

function englishIn(page: string): string[] {
  let text = page;
  for (const written of operatorText) text = text.split(written).join(" ");
  // Machine names (event types, audit actions: "incident.created") are identifiers, not words.
  text = text.replace(/\b[a-z_]+(\.[a-z_-]+)+\b/g, " ");
  return ENGLISH_PIECES.filter((piece) =>
    new RegExp(`(^|[^A-Za-z])${piece.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}($|[^A-Za-z])`).test(text),
  );
}

describe("pages and screens in both languages", () => {
  it("knows enough English to look for", () => {
    expect(ENGLISH_PIECES.length).toBeGreaterThan(200);
    expect(ENGLISH_PIECES).toContain("Active incidents");
    expect(englishIn("Zuletzt aktualisiert\nActive incidents")).toEqual(["Active incidents"]);
  });

  /** Each route in a context of the language: its lang, axe, and on German pages no English. */
  async function checkAll(context: BrowserContext, routes: readonly string[], lang: string) {
    try {
      for (const route of routes) {
        const seen = await look(context, route);
        expect(seen.lang, route).toBe(lang);
        expect(seen.bad, route).toEqual([]);
        if (lang === "de") expect(englishIn(seen.text), route).toEqual([]);
      }
    } finally {
      await context.close();
    }
  }

  for (const [locale, lang] of [
    ["de-DE", "de"],
    ["en-GB", "en"],
  ] as const) {
    const clean = lang === "de" ? ", with no English word" : "";
    it(`renders every public page in ${lang}, axe clean${clean}`, async () => {
      await checkAll(await contextIn(locale, false), publicPaths, lang);
    });

    it(`renders every console screen in ${lang}, axe clean${clean}`, async () => {
      await checkAll(await contextIn(locale, true), ["/admin/sign-in", ...consolePaths], lang);
    });
  }

  it("switches language by a link, which the next page keeps", async () => {
    const context = await browser.newContext({ locale: "en-GB", javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${runner.url}/`);
    await page.getByRole("link", { name: "Deutsch" }).click();
    await page.waitForURL(/\?lang=de$/);
    expect(await page.locator("html").getAttribute("lang")).toBe("de");
    await page.getByRole("link", { name: "Verlauf" }).click();
    await page.waitForURL(/\/history\?lang=de$/);
    expect(await page.locator("h1").textContent()).toBe("Störungsverlauf");
    await context.close();
  });
});
