import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Runner, startRunner } from "../scripts/runner-harness";
import { axeViolations, axTree, barInTree, launchChromium } from "./browser";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const ARTIFACTS = path.join(ROOT, "artifacts", "screenshots");

const TOKEN = "e2e-admin-token";
let runner: Runner;

async function apiPost(route: string, body: unknown): Promise<{ id?: string; order?: number }> {
  const res = await fetch(`${runner.url}/api${route}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${route}: ${res.status} ${await res.text()}`);
  return res.json();
}
let browser: Browser;
let dataDir: string;
let paths: string[];

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "beacon-e2e-"));
  runner = await startRunner({
    DATA_DIR: dataDir,
    CRON: "0",
    ADMIN_TOKEN: TOKEN,
    // The workflow test's webhook receiver listens on loopback.
    ALLOW_PRIVATE_TARGETS: "true",
    ALLOW_HTTP_WEBHOOKS: "true",
  });
  // A component created now: its bar has days before it existed (no data).
  await apiPost("/components", { displayName: "Brand new service" });
  browser = await launchChromium();
  const incidents = (await (await fetch(`${runner.url}/api/incidents`)).json()) as { data: { id: string }[] };
  const components = (await (await fetch(`${runner.url}/api/components`)).json()) as {
    data: { id: string }[];
  };
  paths = [
    "/",
    "/history",
    `/incidents/${incidents.data[0]?.id}`,
    `/components/${components.data[1]?.id}`,
    "/subscribe",
  ];
  await mkdir(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await runner?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

/** Opens a page and records console errors and every request's origin. */
async function visit(page: Page, url: string) {
  const errors: string[] = [];
  const origins = new Set<string>();
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("request", (r) => origins.add(new URL(r.url()).origin));
  const response = await page.goto(url, { waitUntil: "load" });
  return { response, errors, origins };
}

describe("pages in Chromium", () => {
  it("take a subscription through the form without JavaScript, and say the same for a known address", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${runner.url}/`);
    await page.getByRole("link", { name: "Subscribe" }).click();
    for (let i = 0; i < 2; i++) {
      await page.getByLabel("E-mail address").fill("reader@example.net");
      await page.getByRole("button", { name: "Subscribe" }).click();
      await page.waitForURL(/\/subscribe\?done=sent$/);
      await expect.poll(() => page.getByText("Check your inbox").count()).toBe(1);
    }
    await page.getByLabel("E-mail address").fill("reader@example.net\r\nBcc: x@example.net");
    await page.getByRole("button", { name: "Subscribe" }).click();
    await expect
      .poll(() => page.getByRole("link", { name: /must be an e-mail address|line breaks/ }).count())
      .toBe(1);
    await context.close();
  });

  it("render with JavaScript disabled, with no console errors and no request leaving the origin", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      for (const p of paths) {
        const page = await context.newPage();
        const { response, errors, origins } = await visit(page, `${runner.url}${p}`);
        expect(response?.status(), p).toBe(200);
        expect(await page.locator("main h1").first().isVisible(), p).toBe(true);
        expect(errors, p).toEqual([]);
        expect([...origins], p).toEqual([new URL(runner.url).origin]);
        expect(await page.evaluate(() => 1).catch(() => "no-js")).toBeDefined();
        await page.close();
      }
    } finally {
      await context.close();
    }
  });

  it("have no serious or critical axe-core violations, in light and dark", async () => {
    for (const colorScheme of ["light", "dark"] as const) {
      // axe needs script; the page's CSP forbids it, so this context alone bypasses CSP.
      const context = await browser.newContext({ bypassCSP: true, colorScheme });
      try {
        for (const p of paths) {
          const page = await context.newPage();
          await page.goto(`${runner.url}${p}`);
          const bad = await axeViolations(page, ["serious", "critical"]);
          expect(bad, `${colorScheme} ${p}`).toEqual([]);
          await page.close();
        }
      } finally {
        await context.close();
      }
    }
  });

  it("paint each day of a bar by its own status: no-data days are never green", async () => {
    for (const colorScheme of ["light", "dark"] as const) {
      const context = await browser.newContext({ colorScheme, javaScriptEnabled: true });
      try {
        const page = await context.newPage();
        await page.goto(`${runner.url}/`);
        const cells = (await page.evaluate(`[...document.querySelectorAll(".strip li")].map((li) => {
          const style = getComputedStyle(li);
          const level = li.className.split(" ").find((c) => c.startsWith("l-"));
          return { level, paint: style.backgroundColor + " " + style.backgroundImage };
        })`)) as { level: string; paint: string }[];
        const paints = new Map<string, Set<string>>();
        for (const { level, paint } of cells) paints.set(level, (paints.get(level) ?? new Set()).add(paint));
        // The new component has no-data days; the demo's history is mostly up, with partial outages.
        expect([...paints.keys()]).toEqual(expect.arrayContaining(["l-ok", "l-nodata", "l-partial"]));
        for (const [level, set] of paints) expect(set.size, `${level} is painted one way`).toBe(1);
        const distinct = new Set([...paints.values()].map((set) => [...set][0]));
        expect(distinct.size, "every level is painted differently").toBe(paints.size);
      } finally {
        await context.close();
      }
    }
  });

  it("give every run of days a text alternative a screen reader reads, and let the keyboard reach each day with incidents", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(`${runner.url}/`);
      const strip = page.getByRole("list", { name: /^Daily status of API, last 90 days$/ });
      const items = await strip.getByRole("listitem").allTextContents();
      expect(items.length).toBeGreaterThan(1);
      expect(items.length).toBeLessThan(90);
      for (const text of items) expect(text).toMatch(/^\d{1,2}( \w+)?( \d{4})?( – \d{1,2} \w+ \d{4})?: /);
      // The demo's API has had incidents: each such day is a link of its own, named by its text.
      const links = strip.getByRole("link");
      expect(await links.count()).toBeGreaterThan(0);
      const first = links.first();
      expect(await first.getAttribute("href")).toMatch(/^\/history\?day=\d{4}-\d{2}-\d{2}$/);
      expect(await first.textContent()).toMatch(/\d+ incidents?/);
      await first.focus();
      await page.keyboard.press("Enter");
      await page.waitForURL(/\/history\?day=/);
      expect(await page.locator("main").textContent()).toContain("Incidents on");
      // The texts are there for assistive technology, not drawn over the bar.
      await page.goto(`${runner.url}/`);
      // A run is as wide as its days: every cell's width per day is about the same.
      const perDay = (await page
        .locator(".strip")
        .first()
        .evaluate((ol) =>
          Array.from(ol.children, (li) => {
            const span = Number((li.className.match(/\bw(\d+)\b/) ?? [])[1] ?? 1);
            return (li.getBoundingClientRect().width + 1) / span;
          }),
        )) as number[];
      expect(Math.max(...perDay) / Math.min(...perDay)).toBeLessThan(1.5);
      const indent = await page
        .locator(".strip li")
        .first()
        .evaluate((li) => getComputedStyle(li).textIndent);
      expect(Number.parseFloat(indent)).toBeGreaterThan(0);
    } finally {
      await context.close();
    }
  });

  it("expose every bar to assistive technology, those below the first screen too", async () => {
    // Chromium leaves what it skips rendering (content-visibility) out of its accessibility
    // tree, so no row may be skipped: a screen reader would not find it.
    const context = await browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 375, height: 480 },
    });
    try {
      const page = await context.newPage();
      await page.goto(`${runner.url}/`);
      const row = page.locator(".component").last();
      expect(await row.evaluate((li) => li.getBoundingClientRect().top > window.innerHeight)).toBe(true);
      const name = (await row.locator("h3 a").textContent()) ?? "";
      const days = await row.locator(".strip li").allTextContents();
      // Chromium's own accessibility tree, as a screen reader gets it, before the row is scrolled to.
      const nodes = await axTree(page);
      const heading = nodes.find((n) => n.role?.value === "heading" && n.name?.value?.startsWith(`${name} `));
      expect(heading).toBeDefined();
      expect(await barInTree(page, name)).toEqual(days);
    } finally {
      await context.close();
    }
  });

  it("edge each incident in the history with its impact's colour", async () => {
    const context = await browser.newContext({ javaScriptEnabled: true });
    try {
      const page = await context.newPage();
      await page.goto(`${runner.url}/history`);
      const items = (await page.evaluate(`[...document.querySelectorAll(".incident-list li")].map((li) => ({
        impact: li.className, edge: getComputedStyle(li).borderLeftColor,
      }))`)) as { impact: string; edge: string }[];
      // The demo has a minor incident going on and a resolved major one.
      const edges = new Map(items.map((i) => [i.impact, i.edge]));
      expect([...edges.keys()]).toEqual(expect.arrayContaining(["impact-minor", "impact-major"]));
      expect(edges.get("impact-minor")).not.toBe(edges.get("impact-major"));
    } finally {
      await context.close();
    }
  });

  it("fit a 320 px wide screen without horizontal scrolling", async () => {
    const context = await browser.newContext({
      javaScriptEnabled: true,
      viewport: { width: 320, height: 800 },
    });
    try {
      const page = await context.newPage();
      await page.goto(`${runner.url}/`);
      const overflow = await page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth",
      );
      expect(overflow).toBeLessThanOrEqual(0);
    } finally {
      await context.close();
    }
  });

  it("saves screenshots of the home page: light, dark and 375 px", async () => {
    const shots: [string, Parameters<Browser["newContext"]>[0]][] = [
      ["home-light.png", { colorScheme: "light", viewport: { width: 1280, height: 900 } }],
      ["home-dark.png", { colorScheme: "dark", viewport: { width: 1280, height: 900 } }],
      ["home-375.png", { colorScheme: "light", viewport: { width: 375, height: 812 } }],
    ];
    for (const [file, options] of shots) {
      const context = await browser.newContext({ ...options, javaScriptEnabled: false });
      const page = await context.newPage();
      await page.goto(`${runner.url}/`);
      await page.screenshot({ path: path.join(ARTIFACTS, file), fullPage: true });
      await context.close();
      expect((await readFile(path.join(ARTIFACTS, file))).length).toBeGreaterThan(1000);
    }
  });

  it("follow an incident through every default phase: page, Statuspage view, feed and webhook agree", async () => {
    const got: { event: string; status: string }[] = [];
    const receiver = createServer((req, res) => {
      let body = "";
      req.on("data", (d) => {
        body += d;
      });
      req.on("end", () => {
        const parsed = JSON.parse(body) as { event: string; incident?: { status: string } };
        if (parsed.incident) got.push({ event: parsed.event, status: parsed.incident.status });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", () => r()));
    try {
      const port = (receiver.address() as { port: number }).port;
      await apiPost("/webhooks", {
        url: `http://127.0.0.1:${port}/`,
        events: ["incident.created", "incident.updated", "incident.resolved"],
      });
      const component = await apiPost("/components", { displayName: "Workflow target" });
      const types = (await (await fetch(`${runner.url}/api/impacttypes`)).json()) as {
        data: { id: string; displayName: string }[];
      };
      const type = types.data.find((t) => t.displayName === "Connectivity Problems")?.id;
      const incident = await apiPost("/incidents", {
        displayName: "Workflow outage",
        beganAt: new Date(Date.now() - 60_000).toISOString(),
        affects: [{ reference: component.id, type, severity: 100 }],
      });
      const context = await browser.newContext({ javaScriptEnabled: false });
      const page = await context.newPage();
      const check = async (words: string, status: string) => {
        await new Promise((r) => setTimeout(r, 150));
        // A new address each step: pages may be cached for 30 s, as a visitor's browser would.
        await page.goto(`${runner.url}/incidents/${incident.id}?step=${status}`);
        expect(await page.locator(".facts dd").first().textContent()).toBe(words);
        const v2 = (await (await fetch(`${runner.url}/api/v2/incidents.json`)).json()) as {
          incidents: { id: string; status: string }[];
        };
        expect(v2.incidents.find((i) => i.id === incident.id)?.status).toBe(status);
        if (status !== "investigating") {
          expect(await (await fetch(`${runner.url}/history.atom`)).text()).toContain(
            `[${words}] Workflow outage`,
          );
        }
      };
      await check("Investigating", "investigating");
      for (const [order, words, status] of [
        [2, "Identified", "identified"],
        [3, "Monitoring", "monitoring"],
        [4, "Resolved", "resolved"],
      ] as const) {
        await apiPost(`/incidents/${incident.id}/updates`, {
          displayName: words,
          description: `${words}.`,
          phase: { generation: 1, order },
        });
        await check(words, status);
      }
      await context.close();
      const deadline = Date.now() + 5000;
      while (got.length < 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(got).toEqual([
        { event: "incident.created", status: "investigating" },
        { event: "incident.updated", status: "identified" },
        { event: "incident.updated", status: "monitoring" },
        { event: "incident.resolved", status: "resolved" },
      ]);
    } finally {
      receiver.close();
    }
  });
});
