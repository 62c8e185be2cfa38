import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { forgetSnapshot, RECHECK_MS } from "../../src/snapshot/current";
import { faultyD1, faultyKV } from "../helpers/faults";
import { stripCells } from "../helpers/html";
import { api, call, component, create, IMPACT_TYPES } from "../helpers/request";
import { callWith } from "../helpers/worker";

const HOUR = 3_600_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();

let group: string;
let web: string;
let db: string;
let outage: string;
let maintenance: string;

beforeAll(async () => {
  const now = Date.now();
  group = await component("Platform", { position: 1 });
  web = await component("Web app", { group, position: 1 });
  db = await component("Database", { group, position: 2 });
  outage = await create("/incidents", {
    displayName: "Database unreachable",
    beganAt: iso(now - HOUR),
    affects: [{ reference: db, type: IMPACT_TYPES.connectivity, severity: 100 }],
  });
  await api(`/incidents/${outage}/updates`, {
    body: { displayName: "Investigating", description: "Looking into **it**." },
  });
  maintenance = await create("/incidents", {
    displayName: "Web app upgrade",
    beganAt: iso(now + 2 * DAY),
    endedAt: iso(now + 2 * DAY + HOUR),
    affects: [{ reference: web, type: IMPACT_TYPES.maintenance, severity: 0 }],
  });
  await create("/incidents", {
    displayName: "Far future work",
    beganAt: iso(now + 60 * DAY),
    endedAt: iso(now + 60 * DAY + HOUR),
    affects: [{ reference: web, type: IMPACT_TYPES.maintenance, severity: 0 }],
  });
});

describe("GET /", () => {
  it("shows the banner, the active incident with its latest update, upcoming maintenance and grouped components", async () => {
    const res = await call("/");
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toContain("Major outage");
    expect(body).toContain(`href="/incidents/${outage}"`);
    expect(body).toContain("<p>Looking into <strong>it</strong>.</p>");
    expect(body).toContain("Affects: Database");
    expect(body).toContain("Web app upgrade");
    expect(body).not.toContain("Far future work");
    // The group shows its worst child's status and lists its children.
    const groupStart = body.indexOf('<li class="group">');
    const groupHtml = body.slice(groupStart, body.indexOf("</ul>", groupStart));
    expect(groupHtml).toContain("Platform");
    expect(groupHtml).toContain("Major outage");
    expect(groupHtml.indexOf("Web app")).toBeLessThan(groupHtml.indexOf("Database"));
    expect(body).toMatch(/Last updated <time datetime="[^"]+Z">/);
    expect(body).toContain('<link rel="alternate" type="application/atom+xml"');
  });

  it("sends no script, no inline handler and nothing from another origin", async () => {
    const body = await (await call("/")).text();
    expect(body).not.toMatch(/<script/i);
    expect(body).not.toMatch(/\son[a-z]+=/i);
    expect(body).not.toMatch(/(src|href)="(https?:)?\/\//i);
  });

  it("covers 90 days in every bar, each run of days with a text alternative and no tooltip copy of it", async () => {
    const strips = stripCells(await (await call("/")).text());
    const cells = [...strips.values()].flat();
    expect(strips.size).toBeGreaterThanOrEqual(2);
    for (const cells of strips.values()) expect(cells.reduce((n, c) => n + c.span, 0)).toBe(90);
    // The home page stays light: the text is each cell's own, not repeated in a tooltip (a component's page has them).
    for (const cell of cells) expect(cell.title).toBe("");
    expect(cells.every((c) => c.text !== "")).toBe(true);
    const DAY = "\\d{1,2} \\w+ \\d{4}";
    const TEXT = "(\\d+(\\.\\d{2})?% uptime, (no|\\d+) incidents?|no data)";
    for (const cell of cells) {
      const RANGE = "\\d{1,2}( \\w+( \\d{4})?)? – \\d{1,2} \\w+ \\d{4}";
      const pattern = cell.span > 1 ? `^${RANGE}: ${TEXT}$` : `^${DAY}: ${TEXT}`;
      expect(cell.text, cell.text).toMatch(new RegExp(pattern));
    }
  });

  it("keeps each day of a bar on the component's own page", async () => {
    const list = await (await call("/api/components")).json<{
      data: { id: string; displayName: string }[];
    }>();
    const web = list.data.find((c) => c.displayName === "Web app");
    const page = stripCells(await (await call(`/components/${web?.id}`)).text());
    const [cells] = [...page.values()];
    expect(cells).toHaveLength(90);
    expect(cells?.every((c) => c.span === 1)).toBe(true);
    // Here every day, green or not, also tells its text on hover.
    expect(cells?.every((c) => c.title === c.text)).toBe(true);
  });

  it("names a day's incidents in its text, and links the day to its own list", async () => {
    const strips = stripCells(await (await call("/")).text());
    const today = [...strips.entries()]
      .find(([label]) => label.startsWith("Daily status of Database"))?.[1]
      .at(-1);
    expect(today?.text).toMatch(/1 incident: Database unreachable \(today, so far\)$/);
    const day = new Date().toISOString().slice(0, 10);
    expect(today?.href).toBe(`/history?day=${day}`);
    const list = await (await call(today?.href ?? "")).text();
    expect(list).toContain("Incidents on");
    expect(list).toContain("Database unreachable");
    expect((await call("/history?day=2026-13-45")).status).toBe(400);
  });

  it("shows days before a component existed as no data, never green", async () => {
    const body = await (await call("/")).text();
    const strip =
      [...stripCells(body).entries()].find(([label]) => label.startsWith("Daily status of Web app"))?.[1] ??
      [];
    // One run of 89 days without data, then today.
    expect(strip.map((c) => [c.level, c.span])).toEqual([
      ["nodata", 89],
      ["ok", 1],
    ]);
    expect(strip[0]?.text).toMatch(/^\d{1,2}( \w+( \d{4})?)? – \d{1,2} \w+ \d{4}: no data$/);
  });

  it("is cacheable for 30 s with a strong ETag, and answers If-None-Match with 304", async () => {
    const res = await call("/");
    expect(res.headers.get("Cache-Control")).toBe("public, max-age=30, stale-while-revalidate=60");
    const etag = res.headers.get("ETag");
    expect(etag).toMatch(/^"[\w.-]+"$/);
    const again = await call("/", { headers: { "If-None-Match": etag ?? "" } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
  });

  it("shows a change made through the API on the very next view", async () => {
    const before = await (await call("/")).text();
    expect(before).not.toContain("Brand new component");
    await component("Brand new component");
    const after = await (await call("/")).text();
    expect(after).toContain("Brand new component");
  });

  it("touches D1 at most once per view: once to confirm the snapshot, then not for RECHECK_MS", async () => {
    await call("/");
    await sleep(RECHECK_MS + 20);
    const { db: counted, counter } = faultyD1(env.DB);
    expect((await callWith({ DB: counted }, "/")).status).toBe(200);
    expect(counter.calls).toBe(1);
    expect((await callWith({ DB: counted }, "/")).status).toBe(200);
    expect(counter.calls).toBe(1);
  });

  it("serves the last snapshot with a visible notice when D1 fails", async () => {
    await call("/");
    await sleep(RECHECK_MS + 20);
    const { db: failing } = faultyD1(env.DB, { failOn: "all" });
    const res = await callWith({ DB: failing }, "/");
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toContain("This page shows data as of");
    expect(body).toContain("Database unreachable");
  });

  it("falls back to D1 when KV fails, and serves a clear 503 page when both fail", async () => {
    forgetSnapshot();
    const { kv: failingKv } = faultyKV(env.SNAPSHOTS, { failOn: "all" });
    const ok = await callWith({ SNAPSHOTS: failingKv }, "/");
    expect(ok.status).toBe(200);
    expect(await ok.text()).not.toContain("data as of");

    forgetSnapshot();
    const { db: failingDb } = faultyD1(env.DB, { failOn: "all" });
    const down = await callWith({ SNAPSHOTS: failingKv, DB: failingDb }, "/");
    expect(down.status).toBe(503);
    expect(down.headers.get("Content-Type")).toMatch(/^text\/html/);
    expect(await down.text()).toContain("The status data is unavailable right now");
  });

  it("shows times in ?tz= when it is a real zone, and in the site's zone otherwise", async () => {
    const tokyo = await (await call("/?tz=Asia/Tokyo")).text();
    expect(tokyo).toMatch(/<time datetime="[^"]+">[^<]+GMT\+9<\/time>/);
    expect(tokyo).toContain('value="Asia/Tokyo"');
    expect(tokyo).toContain('href="/history?tz=Asia%2FTokyo"');
    const bogus = await (await call("/?tz=Mars/Olympus")).text();
    expect(bogus).toMatch(/<time datetime="[^"]+">[^<]+UTC<\/time>/);
    const injected = await (await call(`/?tz=${encodeURIComponent('"><script>x</script>')}`)).text();
    expect(injected).not.toContain("<script>");
  });
});

describe("detail pages", () => {
  it("shows an incident with its status, impact, duration, timeline and affected components", async () => {
    const body = await (await call(`/incidents/${outage}`)).text();
    expect(body).toContain('<h1 id="incident-title">Database unreachable</h1>');
    expect(body).toContain("Major outage");
    expect(body).toMatch(/Duration<\/dt><dd>\d+ (min|h)[^<]* so far/);
    expect(body).toContain("Connectivity Problems");
    // Words, never severity numbers.
    expect(body).toContain("<td>Major outage</td>");
    expect(body).not.toContain("100 (");
    expect(body).toContain("<h3>Investigating</h3>");
  });

  it("shows a maintenance with its window", async () => {
    const body = await (await call(`/incidents/${maintenance}`)).text();
    expect(body).toContain("<dt>Window</dt>");
    expect(body).toContain("Scheduled");
  });

  it("answers an unknown incident with the 404 page", async () => {
    const res = await call("/incidents/0f0e0d0c-0b0a-4909-8807-060504030201");
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("Not Found");
  });

  it("lists history by month, newest first, and paginates", async () => {
    for (let n = 0; n < 21; n++) {
      await create("/incidents", {
        displayName: `Old incident ${n}`,
        beganAt: iso(Date.UTC(2026, 0, 1) + n * DAY),
        endedAt: iso(Date.UTC(2026, 0, 1) + n * DAY + HOUR),
      });
    }
    const first = await (await call("/history")).text();
    expect(first).toContain("Database unreachable");
    expect(first).toContain('href="/history?page=2"');
    const second = await (await call("/history?page=2")).text();
    expect(second).toContain("January 2026");
    expect(second).toContain('href="/history"');
  });

  it("shows a component's 90-day history, uptime and the incidents that touched it", async () => {
    const body = await (await call(`/components/${db}`)).text();
    expect(body).toContain('<h1 id="component-title">Database</h1>');
    expect(body).toMatch(/\d+\.\d{2}% uptime/);
    expect(body).toContain("Database unreachable");
    const groupPage = await (await call(`/components/${group}`)).text();
    expect(groupPage).toContain("Components in this group");
  });
});
