import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseFeed } from "@rowanmanning/feed-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { impactTypes } from "../../scripts/lib/impact-types.mjs";
import { type Runner, startRunner } from "./runner-harness";

const TOKEN = "feeds-admin-token";
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
let runner: Runner;
let dataDir: string;
const ids: Record<string, string> = {};

async function post(p: string, body: unknown): Promise<string> {
  const res = await fetch(`${runner.url}/api${p}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${p}: ${res.status} ${await res.text()}`);
  return res.status === 201 ? (((await res.json()) as { id?: string }).id ?? "") : "";
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "beacon-feeds-"));
  runner = await startRunner({ DATA_DIR: dataDir, CRON: "0", SEED_DEMO: "0", ADMIN_TOKEN: TOKEN });
  const now = Date.now();
  const types = await impactTypes(runner.url);
  ids.web = await post("/components", { displayName: "Web" });
  ids.db = await post("/components", { displayName: "Database" });
  ids.incident = await post("/incidents", {
    displayName: "Web errors",
    beganAt: iso(now - HOUR),
    affects: [{ reference: ids.web, type: types.connectivity, severity: 100 }],
  });
  await post(`/incidents/${ids.incident}/updates`, {
    displayName: "Investigating",
    description: "Looking at **it** <b>raw</b>.",
    createdAt: iso(now - 50 * 60_000),
  });
  await post(`/incidents/${ids.incident}/updates`, {
    displayName: "Identified",
    description: "A bad deploy.",
    createdAt: iso(now - 30 * 60_000),
  });
  ids.maintenance = await post("/incidents", {
    displayName: "Database upgrade",
    beganAt: iso(now + 24 * HOUR),
    endedAt: iso(now + 26 * HOUR),
    affects: [{ reference: ids.db, type: types.maintenance, severity: 0 }],
  });
  await post(`/incidents/${ids.maintenance}/updates`, {
    displayName: "Scheduled",
    description: "Expect a short blip.",
  });
});

afterAll(async () => {
  await runner?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe("feeds, parsed by an independent feed parser", () => {
  it("Atom: one entry per update, titled with status and name, stable ids, links and times", async () => {
    const res = await fetch(`${runner.url}/history.atom`);
    expect(res.headers.get("content-type")).toMatch(/^application\/atom\+xml/);
    const xml = await res.text();
    // Raw HTML in a description stays text: escaped for HTML (inside CDATA).
    expect(xml).toContain("&lt;b&gt;raw&lt;/b&gt;");
    expect(xml).not.toContain("<b>raw</b>");
    const feed = parseFeed(xml);
    expect(feed.meta.type).toBe("atom");
    const titles = feed.items.map((i) => i.title);
    expect(titles).toEqual([
      "[Scheduled] Database upgrade",
      "[Identified] Web errors",
      "[Investigating] Web errors",
    ]);
    const identified = feed.items[1];
    expect(identified?.url).toBe(`${runner.url}/incidents/${ids.incident}`);
    expect(identified?.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(identified?.updated).toBeInstanceOf(Date);
    expect(feed.items[2]?.content).toContain("<strong>it</strong>");
    const again = parseFeed(await (await fetch(`${runner.url}/history.atom`)).text());
    expect(again.items.map((i) => i.id)).toEqual(feed.items.map((i) => i.id));
  });

  it("RSS carries the same entries", async () => {
    const feed = parseFeed(await (await fetch(`${runner.url}/history.rss`)).text());
    expect(feed.meta.type).toBe("rss");
    expect(feed.items.map((i) => i.title)).toEqual([
      "[Scheduled] Database upgrade",
      "[Identified] Web errors",
      "[Investigating] Web errors",
    ]);
    expect(feed.items[0]?.url).toBe(`${runner.url}/incidents/${ids.maintenance}`);
  });

  it("a component's feed holds only what touched it, and feeds answer If-None-Match with 304", async () => {
    const feed = parseFeed(await (await fetch(`${runner.url}/components/${ids.db}/history.atom`)).text());
    expect(feed.items.map((i) => i.title)).toEqual(["[Scheduled] Database upgrade"]);
    const res = await fetch(`${runner.url}/history.rss`);
    const again = await fetch(`${runner.url}/history.rss`, {
      headers: { "If-None-Match": res.headers.get("etag") ?? "" },
    });
    expect(again.status).toBe(304);
  });

  it("every page advertises the feeds", async () => {
    for (const p of ["/", "/history", `/incidents/${ids.incident}`, `/components/${ids.web}`]) {
      const html = await (await fetch(`${runner.url}${p}`)).text();
      expect(html, p).toContain('<link rel="alternate" type="application/atom+xml"');
      expect(html, p).toContain('<link rel="alternate" type="application/rss+xml"');
    }
  });
});
