/**
 * Inside workerd: every console page's size (gzip), its script bytes (none),
 * and the median time to answer it, D1 reads included, which bounds its
 * render time from above. Prints "BENCH_RESULT {json}" for scripts/bench.mjs.
 */
import { env } from "cloudflare:workers";
import { expect, it } from "vitest";
import { getIncident } from "../src/db/incidents";
import { localeOf } from "../src/i18n/locale";
import { loadCatalogue } from "../src/routes/console/catalogue";
import { incidentView } from "../src/routes/console/incidents";
import { renderConsole } from "../src/views/console/chrome";
import { IncidentScreen, NewIncidentForm } from "../src/views/console/incidents";
import { consoleGet, signIn } from "../test/helpers/console";
import { httpUrl } from "../test/helpers/monitors";
import { api, component, create, IMPACT_TYPES } from "../test/helpers/request";
import { callWith } from "../test/helpers/worker";

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

async function gzipBytes(text: string): Promise<number> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream("gzip"));
  return (await new Response(stream).arrayBuffer()).byteLength;
}

it("serves every console page small, without script, and fast", async () => {
  const now = Date.now();
  const leaves: string[] = [];
  for (let g = 0; g < 4; g++) {
    const group = await component(`Region ${g + 1}`, { position: g });
    for (let m = 0; m < 4; m++)
      leaves.push(await component(`Service ${g + 1}.${m + 1}`, { group, position: m }));
  }
  const incident = await create("/incidents", {
    displayName: "Elevated error rates",
    beganAt: new Date(now - 1_800_000).toISOString(),
    affects: [{ reference: leaves[0] as string, type: IMPACT_TYPES.connectivity, severity: 66 }],
  });
  for (let n = 0; n < 8; n++) {
    await api(`/incidents/${incident}/updates`, {
      body: { displayName: "Investigating", description: `Step ${n}: **still** looking.` },
    });
  }
  const template = await create("/templates", {
    name: "API down",
    title: "API unavailable",
    affects: [{ reference: leaves[1] as string, type: IMPACT_TYPES.connectivity, severity: 100 }],
  });
  const monitor = await create("/monitors", {
    displayName: "Upstream",
    kind: "http",
    url: httpUrl("/ok"),
    component: leaves[2],
  });
  const webhook = await create("/webhooks", { url: httpUrl("/hooks/bench") });
  for (let n = 0; n < 5; n++) await api("/tokens", { body: { name: `token ${n}`, scopes: ["incidents"] } });
  const session = await signIn();
  const paths = [
    "/admin",
    "/admin/incidents/new",
    `/admin/incidents/new?template=${template}`,
    `/admin/incidents/${incident}`,
    `/admin/incidents/${incident}/edit`,
    "/admin/maintenance",
    "/admin/templates",
    "/admin/components",
    "/admin/monitors",
    `/admin/monitors/${monitor}`,
    "/admin/webhooks",
    `/admin/webhooks/${webhook}`,
    "/admin/tokens",
    "/admin/audit",
    "/admin/settings",
  ];
  const perPage: Record<string, { gzip: number; ms: number }> = {};
  let scriptBytes = 0;
  for (const path of paths) {
    const html = await (await consoleGet(session, path)).text();
    expect(html, path).toContain("</html>");
    scriptBytes += [...html.matchAll(/<script\b[\s\S]*?<\/script>/gi)].reduce((n, m) => n + m[0].length, 0);
    // workerd's clock ticks in whole milliseconds here: time batches, report per request.
    const BATCH = 10;
    const samples: number[] = [];
    for (let s = 0; s < 9; s++) {
      const t = performance.now();
      for (let i = 0; i < BATCH; i++)
        await (await callWith({}, path, { headers: { Cookie: session.cookie } })).text();
      samples.push((performance.now() - t) / BATCH);
    }
    perPage[path] = { gzip: await gzipBytes(html), ms: median(samples) };
  }
  // Render alone (the view to HTML, no D1) for the heaviest screens, from the data their routes read.
  const catalogue = await loadCatalogue(env.DB);
  const l = localeOf("en");
  const chrome = {
    pageName: "Beacon",
    who: "ADMIN_TOKEN",
    scopes: ["admin" as const],
    csrf: "csrf_x",
    path: "/admin",
    l,
  };
  const stored = await getIncident(env.DB, incident);
  const view = await incidentView(env.DB, stored as NonNullable<typeof stored>, catalogue);
  const values = { title: "", text: "", status: "1", impacts: {} };
  const screens = {
    "new incident": () =>
      NewIncidentForm({
        catalogue,
        values: { ...values, kind: "" },
        errors: [],
        csrf: "x",
        preview: null,
        l,
      }),
    incident: () =>
      IncidentScreen({
        incident: view,
        catalogue,
        values,
        errors: [],
        csrf: "x",
        tz: "UTC",
        publicUrl: "/",
        l,
      }),
  };
  const renderMs: Record<string, number> = {};
  for (const [name, body] of Object.entries(screens)) {
    renderConsole({ title: name, chrome, body: body() });
    const samples: number[] = [];
    for (let s = 0; s < 9; s++) {
      const t = performance.now();
      for (let i = 0; i < 50; i++) renderConsole({ title: name, chrome, body: body() });
      samples.push((performance.now() - t) / 50);
    }
    renderMs[name] = median(samples);
  }
  const worstBytes = Math.max(...Object.values(perPage).map((p) => p.gzip));
  const worstMs = Math.max(...Object.values(perPage).map((p) => p.ms));
  const slowest = Object.entries(perPage).sort((a, b) => b[1].ms - a[1].ms)[0]?.[0];
  console.log(
    `BENCH_RESULT ${JSON.stringify({
      console_page_bytes_gzip_max: worstBytes,
      console_page_script_bytes: scriptBytes,
      console_page_ms_median_max: Number(worstMs.toFixed(3)),
      console_pages_measured: paths.length,
      console_render_ms_median_max: Number(Math.max(...Object.values(renderMs)).toFixed(3)),
    })}`,
  );
  console.log(`console renders: ${JSON.stringify(renderMs)}`);
  console.log(`console pages: ${JSON.stringify(perPage)} slowest ${slowest}`);
});
