/**
 * The operator console in Debian's Chromium with JavaScript disabled, against
 * `npm start`: the 3 a.m. flow, maintenance and monitors end to end, with the
 * public page, the feed and a webhook receiver checked at each step.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Runner, startRunner } from "../scripts/runner-harness";
import { apiClient } from "./api";
import { axeViolations, launchChromium } from "./browser";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const SHOTS = path.join(ROOT, "docs", "screenshots");
const TOKEN = "e2e-console-admin-token";

let runner: Runner;
let browser: Browser;
let dataDir: string;
let receiver: Server;
let hookUrl: string;
const events: { event: string; id: string }[] = [];

const api: (route: string, body?: unknown) => Promise<{ id?: string; data?: unknown }> = apiClient(
  () => runner.url,
  TOKEN,
);

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "beacon-e2e-console-"));
  receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => {
      body += d;
    });
    req.on("end", () => {
      if (req.url === "/ok") return void res.writeHead(200).end("ok");
      if (req.url === "/fail") return void res.writeHead(503).end("down");
      const parsed = JSON.parse(body || "{}") as { event?: string; incident?: { id: string } };
      if (parsed.event) events.push({ event: parsed.event, id: parsed.incident?.id ?? "" });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", () => r()));
  hookUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}`;
  runner = await startRunner({
    DATA_DIR: dataDir,
    CRON: "0",
    ADMIN_TOKEN: TOKEN,
    ALLOW_PRIVATE_TARGETS: "true",
    ALLOW_HTTP_WEBHOOKS: "true",
  });
  await api("/webhooks", { url: `${hookUrl}/hook` });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await runner?.stop();
  await new Promise((r) => receiver?.close(r));
  await rm(dataDir, { recursive: true, force: true });
});

/** A context without JavaScript, signed in through the sign-in form. */
async function signedIn(
  options: Parameters<Browser["newContext"]>[0] = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ javaScriptEnabled: false, ...options });
  const page = await context.newPage();
  await page.goto(`${runner.url}/admin`);
  await page.getByLabel("API token").fill(TOKEN);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/admin\?done=signed_in$/);
  return { context, page };
}

async function until<T>(what: () => Promise<T | undefined>, label: string, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const got = await what();
    if (got !== undefined) return got;
    if (Date.now() > end) throw new Error(`timed out waiting for ${label}; got ${JSON.stringify(events)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** One cron run through the local trigger, each for a minute no run has claimed yet (a replay does nothing). */
let lastMinute = 0;
async function tick(): Promise<void> {
  lastMinute = Math.max(lastMinute + 1, Math.floor(Date.now() / 60_000) + 1);
  const res = await fetch(`${runner.url}/cdn-cgi/handler/scheduled?cron=*+*+*+*+*&time=${lastMinute * 60}`, {
    headers: { Authorization: `Bearer ${TOKEN}` },
  });
  expect(res.status).toBe(200);
}

const eventFor = (id: string, event: string) =>
  until(
    async () => (events.some((e) => e.id === id && e.event === event) ? true : undefined),
    `${event} for ${id}`,
  );

async function publicText(route: string, step: string): Promise<string> {
  return (await fetch(`${runner.url}${route}${route.includes("?") ? "&" : "?"}step=${step}`)).text();
}

describe("the console without JavaScript", () => {
  it("runs the 3 a.m. flow in at most 8 page loads: sign in, open from a template, Identified, resolve", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    let loads = 0;
    page.on("load", () => {
      loads++;
    });
    const started = performance.now();
    await page.goto(`${runner.url}/admin`);
    await page.getByLabel("API token").fill(TOKEN);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/admin\?done=signed_in$/);
    await page.getByRole("link", { name: "API unavailable" }).click();
    await expect.poll(() => page.getByLabel("Title").inputValue()).toBe("API unavailable");
    await page.getByRole("button", { name: "Open incident" }).click();
    await page.waitForURL(/done=created/);
    const id = /\/admin\/incidents\/([0-9a-f-]{36})/.exec(page.url())?.[1] as string;
    expect(await publicText(`/incidents/${id}`, "open")).toContain("API unavailable");
    await eventFor(id, "incident.created");

    await page.getByLabel("Status").selectOption({ label: "Working on it (Identified)" });
    await page.getByLabel("Text (Markdown)").fill("The cause is a **full disk**.");
    await page.getByRole("button", { name: "Post update" }).click();
    await page.waitForURL(/done=posted/);
    expect(await publicText(`/incidents/${id}`, "identified")).toContain("<strong>full disk</strong>");
    expect(await publicText("/history.atom", "identified")).toContain("[Identified] API unavailable");
    await eventFor(id, "incident.updated");

    await page.getByLabel("Text (Markdown)").fill("Disk space freed; all requests succeed.");
    await page.getByRole("button", { name: "Post and resolve" }).click();
    await page.waitForURL(/done=resolved/);
    const elapsed = performance.now() - started;
    await eventFor(id, "incident.resolved");
    const v2 = (await (await fetch(`${runner.url}/api/v2/incidents.json`)).json()) as {
      incidents: { id: string; status: string }[];
    };
    expect(v2.incidents.find((i) => i.id === id)?.status).toBe("resolved");
    expect(loads).toBeLessThanOrEqual(8);
    console.info(`console_flow_page_loads=${loads} console_flow_ms=${Math.round(elapsed)}`);
    await context.close();
  });

  it("schedules maintenance, shows it to visitors, and ends it early", async () => {
    const { context, page } = await signedIn();
    await page.getByRole("link", { name: "Maintenance", exact: true }).click();
    await page.getByLabel("Title").fill("Router firmware");
    await page.getByLabel("Load balancer").check();
    const now = new Date(Date.now() - 60_000).toISOString().slice(0, 16);
    await page.getByLabel("Starts").fill(now);
    await page.getByLabel("Ends").fill(new Date(Date.now() + 3_600_000).toISOString().slice(0, 16));
    await page.getByLabel("Times are in the time zone").selectOption("UTC");
    await page.getByRole("button", { name: "Schedule" }).click();
    await page.waitForURL(/done=created/);
    const id = /\/admin\/incidents\/([0-9a-f-]{36})/.exec(page.url())?.[1] as string;
    expect(await publicText("/", "maintenance")).toContain("Router firmware");
    expect(await publicText("/maintenance.ics", "m")).toContain("Router firmware");
    await eventFor(id, "maintenance.scheduled");
    await page.getByRole("link", { name: "Maintenance", exact: true }).click();
    await page.getByRole("button", { name: "End “Router firmware” now" }).click();
    await page.waitForURL(/done=ended/);
    const detail = (await api(`/incidents/${id}`)).data as { endedAt: string | null };
    expect(detail.endedAt).not.toBeNull();
    // The next cron run announces the maintenance as started and completed.
    await tick();
    await eventFor(id, "maintenance.completed");
    const active = await fetch(`${runner.url}/api/v2/scheduled-maintenances/active.json?step=ended`);
    expect(await active.text()).not.toContain("Router firmware");
    await context.close();
  });

  it("creates a monitor, checks it now, pauses it; a failing one opens an incident visitors see", async () => {
    const { context, page } = await signedIn();
    await page.getByRole("link", { name: "Monitors" }).click();
    await page.getByLabel("Name").fill("Receiver health");
    await page.getByLabel("URL (HTTP checks)").fill(`${hookUrl}/ok`);
    await page.getByRole("button", { name: "Create monitor" }).click();
    await page.waitForURL(/done=created/);
    await page.getByRole("button", { name: "Check now" }).click();
    await expect.poll(() => page.getByRole("status").last().textContent()).toContain("Check now: Up");
    await page.getByRole("button", { name: "Pause" }).click();
    await page.waitForURL(/done=paused/);
    expect(await page.getByText("State:").textContent()).toContain("Paused");
    const list = (await api("/monitors")).data as { displayName: string; enabled: boolean }[];
    expect(list.find((m) => m.displayName === "Receiver health")?.enabled).toBe(false);

    // A failing monitor on a component: the next cron run opens an incident that visitors and webhooks see.
    await page.getByRole("link", { name: "Monitors" }).click();
    await page.getByLabel("Name").fill("Receiver down");
    await page.getByLabel("URL (HTTP checks)").fill(`${hookUrl}/fail`);
    await page.getByLabel("Failures in a row before an incident opens").fill("1");
    await page.getByLabel("Component it reports on").selectOption({ label: "DNS" });
    await page.getByRole("button", { name: "Create monitor" }).click();
    await page.waitForURL(/done=created/);
    const monitorId = /\/admin\/monitors\/([0-9a-f-]{36})/.exec(page.url())?.[1] as string;
    await tick();
    const monitor = (await api(`/monitors/${monitorId}`)).data as { status: string; incident: string | null };
    expect(monitor.status).toBe("down");
    const incident = monitor.incident as string;
    expect(incident).toBeTruthy();
    await eventFor(incident, "incident.created");
    expect(await publicText(`/incidents/${incident}`, "monitor")).toContain("DNS");
    await page.reload();
    expect(await page.getByText("State:").textContent()).toContain("Down");
    await page.getByRole("link", { name: "Dashboard" }).click();
    expect(await page.locator("main").textContent()).toContain("Receiver down");
    await context.close();
  });

  it("refuses a bad form with the field named and the entry kept", async () => {
    const { context, page } = await signedIn();
    await page.goto(`${runner.url}/admin/incidents/new`);
    await page.getByLabel("First update (Markdown)").fill("kept");
    await page.getByRole("button", { name: "Open incident" }).click();
    expect(await page.getByRole("alert").textContent()).toContain("title");
    expect(await page.getByLabel("First update (Markdown)").inputValue()).toBe("kept");
    await context.close();
  });
});

describe("console pages", () => {
  async function consolePaths(): Promise<string[]> {
    const incidents = (await api("/incidents")).data as { id: string }[];
    const monitors = (await api("/monitors")).data as { id: string }[];
    const webhooks = (await api("/webhooks")).data as { id: string }[];
    const templates = (await api("/templates")).data as { id: string }[];
    const components = (await api("/components")).data as { id: string }[];
    return [
      "/admin",
      "/admin/incidents/new",
      `/admin/incidents/${incidents[0]?.id}`,
      `/admin/incidents/${incidents[0]?.id}/edit`,
      "/admin/maintenance",
      "/admin/templates",
      `/admin/templates/${templates[0]?.id}`,
      "/admin/components",
      `/admin/components/${components[0]?.id}`,
      "/admin/monitors",
      `/admin/monitors/${monitors[0]?.id}`,
      "/admin/webhooks",
      `/admin/webhooks/${webhooks[0]?.id}`,
      "/admin/tokens",
      "/admin/audit",
      "/admin/settings",
    ];
  }

  it("have no axe-core violations, in light and dark, and the sign-in page neither", async () => {
    const paths = await consolePaths();
    for (const colorScheme of ["light", "dark"] as const) {
      // axe needs script; the CSP forbids it, so this context alone bypasses CSP.
      const { context, page } = await signedIn({ bypassCSP: true, colorScheme, javaScriptEnabled: true });
      for (const p of [...paths, "/admin/sign-in"]) {
        await page.goto(`${runner.url}${p}`);
        expect(await axeViolations(page), `${colorScheme} ${p}`).toEqual([]);
      }
      await context.close();
    }
  });

  it("fit a 320 px wide screen without horizontal scrolling", async () => {
    const paths = await consolePaths();
    const { context, page } = await signedIn({
      viewport: { width: 320, height: 800 },
      javaScriptEnabled: true,
    });
    for (const p of paths) {
      await page.goto(`${runner.url}${p}`);
      const overflow = (await page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth",
      )) as number;
      const wide =
        overflow > 0
          ? await page.evaluate(
              `[...document.querySelectorAll("body *")].filter((e) => e.getBoundingClientRect().right > 321 && !e.closest(".table-wrap")).slice(0, 5).map((e) => e.tagName + "." + e.className).join(" ")`,
            )
          : "";
      expect(overflow, `${p}: ${wide}`).toBeLessThanOrEqual(0);
    }
    await context.close();
  });

  it("save the screenshots the README shows", async () => {
    const open = (await (await fetch(`${runner.url}/api/v2/incidents/unresolved.json`)).json()) as {
      incidents: { id: string }[];
    };
    const shots: [string, string, Parameters<Browser["newContext"]>[0]][] = [
      ["console-dashboard.png", "/admin", { viewport: { width: 1100, height: 900 } }],
      [
        "console-new-incident.png",
        `/admin/incidents/new?template=${((await api("/templates")).data as { id: string }[])[0]?.id}`,
        { viewport: { width: 1100, height: 900 } },
      ],
      [
        "console-incident.png",
        `/admin/incidents/${open.incidents[0]?.id}`,
        { viewport: { width: 1100, height: 900 } },
      ],
      ["console-phone.png", "/admin", { viewport: { width: 375, height: 812 }, colorScheme: "dark" }],
    ];
    for (const [file, route, options] of shots) {
      const { context, page } = await signedIn(options);
      await page.goto(`${runner.url}${route}`);
      await page.screenshot({ path: path.join(SHOTS, file), fullPage: false });
      await context.close();
      expect((await readFile(path.join(SHOTS, file))).length).toBeGreaterThan(1000);
    }
  });
});
