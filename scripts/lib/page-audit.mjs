// The page in a real browser: Lighthouse's mobile audit, and first contentful
// paint against a small page from the same runtime. Both use Debian's
// Chromium; they report null where it is not installed.
import { existsSync } from "node:fs";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { chromium } from "playwright-core";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const FLAGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
];

/** @param {number[]} values */
function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * Lighthouse's default (mobile, simulated throttling) performance audit.
 * @param {string} url
 * @returns {Promise<{ score: number, domSizeScore: number, domElements: number, tbtMs: number } | null>}
 */
export async function lighthouseMobile(url) {
  if (!existsSync(CHROMIUM)) return null;
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    chromeFlags: FLAGS,
    logLevel: "silent",
  });
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: ["performance"],
    });
    const lhr = result?.lhr;
    if (!lhr) throw new Error("Lighthouse returned no report");
    const audit = (/** @type {string} */ id) => lhr.audits[id];
    return {
      score: lhr.categories.performance?.score ?? 0,
      domSizeScore: audit("dom-size")?.score ?? 0,
      domElements: audit("dom-size")?.numericValue ?? 0,
      tbtMs: audit("total-blocking-time")?.numericValue ?? 0,
    };
  } finally {
    await chrome.kill();
  }
}

/**
 * First contentful paint of `path` divided by that of `reference`, medians of
 * `rounds` fresh loads each, alternating, after one load of each that is not
 * counted (the browser's first page pays for starting its renderer). On a
 * shared 2-core machine one load varies by ±30 %, so the medians need about
 * 20 loads each to settle within a few per cent.
 * @param {string} base @param {string} path @param {string} reference @param {number} [rounds]
 * @returns {Promise<{ ratio: number, pageMs: number, referenceMs: number } | null>}
 */
export async function fcpRatio(base, path, reference, rounds = 21) {
  if (!existsSync(CHROMIUM)) return null;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  try {
    const paint = async (/** @type {string} */ p) => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${base}${p}`, { waitUntil: "load" });
      const fcp = /** @type {number} */ (
        await page.evaluate(
          "new Promise((r) => { const e = performance.getEntriesByName('first-contentful-paint')[0]; if (e) r(e.startTime); else new PerformanceObserver((l) => r(l.getEntries()[0].startTime)).observe({ type: 'paint', buffered: true }); })",
        )
      );
      await context.close();
      return fcp;
    };
    await paint(reference);
    await paint(path);
    const pages = [];
    const refs = [];
    for (let i = 0; i < rounds; i++) {
      refs.push(await paint(reference));
      pages.push(await paint(path));
    }
    const pageMs = median(pages);
    const referenceMs = median(refs);
    return { ratio: pageMs / referenceMs, pageMs, referenceMs };
  } finally {
    await browser.close();
  }
}
