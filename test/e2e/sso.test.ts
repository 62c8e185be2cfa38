/**
 * Console sign-in with single sign-on in Debian's Chromium, JavaScript off,
 * against `npm start` and a real OpenID provider (oidc-provider) on
 * 127.0.0.1: the sign-in, the callback, a write, and sign-out at both ends.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Runner, startRunner } from "../scripts/runner-harness";
import { CLIENT_ID, CLIENT_SECRET, startOidcProvider, type TestProvider } from "../setup/oidc-provider";
import { axeViolations, launchChromium } from "./browser";

const TOKEN = "e2e-sso-admin-token";

let provider: TestProvider;
let runner: Runner;
let browser: Browser;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "beacon-e2e-sso-"));
  provider = await startOidcProvider();
  runner = await startRunner({
    DATA_DIR: dataDir,
    CRON: "0",
    SEED_DEMO: "0",
    ADMIN_TOKEN: TOKEN,
    OIDC_ISSUER: provider.issuer,
    OIDC_CLIENT_ID: CLIENT_ID,
    OIDC_CLIENT_SECRET: CLIENT_SECRET,
    OIDC_ADMIN_GROUPS: "beacon-admins",
  });
  provider.register([`${runner.url}/admin/oidc/callback`], [`${runner.url}/admin/sign-in?done=signed_out`]);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await runner?.stop();
  await provider?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe("single sign-on in the browser, without JavaScript", () => {
  it("signs in at the provider, writes as that person, and signs out at both ends", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${runner.url}/admin`);
    await page.waitForURL(/\/admin\/sign-in$/);

    await page.getByRole("link", { name: "Sign in with single sign-on" }).click();
    await page.waitForURL(new RegExp(`^${provider.issuer}/interaction/`));
    await page.getByLabel("User name").fill("alice");
    await page.getByLabel("Password").fill("anything");
    await page.getByRole("button", { name: "Sign in" }).click();
    // The callback answers with a page that moves on by itself (a meta refresh, no script).
    await page.waitForURL(/\/admin\?done=signed_in$/);
    await expect.poll(() => page.getByText("Signed in as alice@ops.example").count()).toBe(1);

    await page.getByRole("link", { name: "New incident" }).click();
    await page.getByLabel("Title").fill("Opened through single sign-on");
    await page.getByRole("button", { name: "Open incident" }).click();
    await page.waitForURL(/done=created/);
    const id = /\/admin\/incidents\/([0-9a-f-]{36})/.exec(page.url())?.[1] as string;

    const audit = (await (
      await fetch(`${runner.url}/api/audit?limit=10`, { headers: { Authorization: `Bearer ${TOKEN}` } })
    ).json()) as { data: { resourceId: string | null; subject: string | null; email: string | null }[] };
    expect(audit.data.find((e) => e.resourceId === id)).toMatchObject({
      subject: "alice-sub",
      email: "alice@ops.example",
    });

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(new RegExp(`^${provider.issuer}/session/end`));
    await page.getByRole("button", { name: "Yes, sign me out" }).click();
    await page.waitForURL(/\/admin\/sign-in\?done=signed_out$/);
    await expect.poll(() => page.getByText("You are signed out.").count()).toBe(1);
    await page.goto(`${runner.url}/admin`);
    await page.waitForURL(/\/admin\/sign-in$/);
    await context.close();
  });

  it("has a sign-in page that axe finds no fault with, single sign-on offered", async () => {
    const context = await browser.newContext({ javaScriptEnabled: true, bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${runner.url}/admin/sign-in`);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});
