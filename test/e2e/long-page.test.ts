import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Runner, startRunner } from "../scripts/runner-harness";
import { axeViolations, barInTree, expanded, launchChromium } from "./browser";

const TOKEN = "e2e-admin-token";
let runner: Runner;
let browser: Browser;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "beacon-e2e-long-"));
  runner = await startRunner({ DATA_DIR: dataDir, CRON: "0", ADMIN_TOKEN: TOKEN });
  // The demo's 6 bars and 8 more: a page long enough to fold its quiet groups.
  for (let i = 1; i <= 8; i++) {
    const res = await fetch(`${runner.url}/api/components`, {
      method: "POST",
      headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" },
      body: JSON.stringify({ displayName: `Edge site ${i}`, position: 10 + i }),
    });
    if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
  }
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await runner?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe("a long home page, in Chromium without JavaScript, should", () => {
  it("fold the groups where all is well behind a summary the keyboard opens, keep the group with an incident open, and then give screen readers the folded bars", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(`${runner.url}/`);
      const group = (name: string) =>
        page.locator("li.group", { has: page.locator(`h3 a:text-is("${name}")`) });
      // The demo's object storage has an incident going on: its group is open, its bars shown.
      expect(await group("Storage").locator("details").getAttribute("open")).toBe("");
      expect(
        await page.getByRole("list", { name: "Daily status of Object storage, last 90 days" }).isVisible(),
      ).toBe(true);
      // Compute is all operational: folded, its bars neither drawn nor in the accessibility tree.
      const compute = group("Compute");
      expect(await compute.locator("details").getAttribute("open")).toBeNull();
      const summary = compute.getByText("2 components", { exact: true });
      expect(await summary.isVisible()).toBe(true);
      expect(await page.locator(".strip[aria-label^='Daily status of API']").isVisible()).toBe(false);
      expect(await barInTree(page, "API")).toBeNull();
      // A screen reader hears the summary as a collapsed disclosure (the first of the two "2 components" is Compute's).
      expect(await expanded(page, "2 components")).toBe(false);
      // The group's heading and status stay in view.
      expect(await page.getByRole("heading", { name: "Compute Operational" }).isVisible()).toBe(true);

      // Tab to the summary and press Enter: the browser opens it, no script involved.
      await summary.focus();
      expect(await summary.evaluate((s) => getComputedStyle(s).outlineStyle)).not.toBe("none");
      await page.keyboard.press("Enter");
      expect(await compute.locator("details").getAttribute("open")).toBe("");
      expect(await expanded(page, "2 components")).toBe(true);
      const bar = page.getByRole("list", { name: "Daily status of API, last 90 days" });
      expect(await bar.isVisible()).toBe(true);
      const days = await bar.getByRole("listitem").allTextContents();
      expect(days.length).toBeGreaterThan(1);
      expect(await barInTree(page, "API")).toEqual(days);
      // A day with incidents is a link the keyboard reaches once the group is open.
      const link = bar.getByRole("link").first();
      expect(await link.getAttribute("href")).toMatch(/^\/history\?day=\d{4}-\d{2}-\d{2}$/);
    } finally {
      await context.close();
    }
  });

  it("pass axe's serious and critical rules with groups folded", async () => {
    const context = await browser.newContext({ bypassCSP: true });
    try {
      const page = await context.newPage();
      await page.goto(`${runner.url}/`);
      expect(await axeViolations(page, ["serious", "critical"])).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
