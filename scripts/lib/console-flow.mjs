// The 3 a.m. flow in Chromium with JavaScript disabled: sign in, open an
// incident on one component from a template, post "Identified", resolve.
// Counts page loads and the time from the first request to the last load.
import { existsSync } from "node:fs";
import { chromium } from "playwright-core";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * @param {string} baseUrl where `npm start` listens
 * @param {string} token an admin or incidents token
 * @param {string} templateName the template to open the incident from
 * @returns {Promise<{ loads: number, ms: number } | null>} null when there is no Chromium
 */
export async function consoleFlow(baseUrl, token, templateName) {
  if (!existsSync(CHROMIUM)) return null;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu"],
  });
  try {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    let loads = 0;
    page.on("load", () => {
      loads += 1;
    });
    const started = performance.now();
    await page.goto(`${baseUrl}/admin`);
    await page.getByLabel("API token").fill(token);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/done=signed_in/);
    await page.getByRole("link", { name: templateName }).click();
    await page.getByRole("button", { name: "Open incident" }).click();
    await page.waitForURL(/done=created/);
    await page.getByLabel("Status").selectOption({ label: "Working on it (Identified)" });
    await page.getByRole("button", { name: "Post update" }).click();
    await page.waitForURL(/done=posted/);
    await page.getByRole("button", { name: "Post and resolve" }).click();
    await page.waitForURL(/done=resolved/);
    return { loads, ms: Math.round(performance.now() - started) };
  } finally {
    await browser.close();
  }
}
