/**
 * Inside workerd: the CPU cost of rendering the home page and the D1 queries
 * a view makes. Prints one line "BENCH_RESULT {json}" for scripts/bench.mjs.
 */
import { env } from "cloudflare:workers";
import { parseDocument } from "htmlparser2";
import { expect, it } from "vitest";
import { pageLocale } from "../src/i18n/locale";
import { homeRenders, renderHome } from "../src/routes/render-home";
import { readSettings } from "../src/settings";
import { currentSnapshot, RECHECK_MS } from "../src/snapshot/current";
import { rebuildSnapshot } from "../src/snapshot/publish";
import { faultyD1 } from "../test/helpers/faults";
import { api, call, component, create, IMPACT_TYPES } from "../test/helpers/request";
import { callWith } from "../test/helpers/worker";

const DAY = 86_400_000;
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

/** A deterministic pseudo-random sequence, so every run benchmarks the same page. */
function random(seed: number) {
  let x = seed;
  return () => {
    x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
    return x / 2 ** 31;
  };
}

it("renders the home page for 50 components in 8 groups within budget", async () => {
  const rnd = random(42);
  const now = Date.now();
  const leaves: string[] = [];
  for (let g = 0; g < 8; g++) {
    const group = await component(`Group ${g + 1}`, { position: g });
    const members = g < 2 ? 6 : 5; // 8 groups + 42 members = 50 components
    for (let m = 0; m < members; m++)
      leaves.push(await component(`Service ${g + 1}.${m + 1}`, { group, position: m }));
  }
  const types = [IMPACT_TYPES.performance, IMPACT_TYPES.connectivity, IMPACT_TYPES.unknown];
  // 90 days of history: incidents spread over the window, and every component existing since before it.
  for (const id of leaves) {
    await create("/incidents", {
      displayName: "History anchor",
      beganAt: iso(now - 95 * DAY),
      endedAt: iso(now - 95 * DAY + 60_000),
      affects: [{ reference: id, type: IMPACT_TYPES.performance, severity: 10 }],
    });
  }
  // Incidents on about a fifth of the 90 days: 18 days, each with one incident on 2 to 4 components.
  const days = new Set<number>();
  while (days.size < 18) days.add(Math.floor(rnd() * 89) + 1);
  for (const [n, d] of [...days].entries()) {
    const start = now - d * DAY + Math.floor(rnd() * 20) * HOUR;
    const affected = new Set<string>();
    const count = 2 + Math.floor(rnd() * 3);
    while (affected.size < count) affected.add(leaves[Math.floor(rnd() * leaves.length)] as string);
    await create("/incidents", {
      displayName: `Past incident ${n}`,
      beganAt: iso(start),
      endedAt: iso(start + Math.floor(rnd() * 240 + 5) * 60_000),
      affects: [...affected].map((reference) => ({
        reference,
        type: types[n % 3],
        severity: [20, 50, 100][n % 3],
      })),
    });
  }
  for (let n = 0; n < 5; n++) {
    const id = await create("/incidents", {
      displayName: `Active incident ${n}`,
      description: "We are investigating **elevated error rates**.",
      beganAt: iso(now - (n + 1) * 600_000),
      affects: [
        {
          reference: leaves[n * 7] as string,
          type: IMPACT_TYPES.connectivity,
          severity: [30, 60, 90, 40, 100][n],
        },
      ],
    });
    await api(`/incidents/${id}/updates`, {
      body: { displayName: "Investigating", description: "Looking into it." },
    });
  }
  for (let n = 0; n < 3; n++) {
    await create("/incidents", {
      displayName: `Maintenance ${n}`,
      beganAt: iso(now + (n + 1) * DAY),
      endedAt: iso(now + (n + 1) * DAY + 2 * HOUR),
      affects: [{ reference: leaves[n] as string, type: IMPACT_TYPES.maintenance, severity: 0 }],
    });
  }

  const settings = readSettings(env);
  const { snapshot } = await currentSnapshot(env, () => rebuildSnapshot(env, Date.now()));
  expect(snapshot.components).toHaveLength(50);
  // Exactly what GET / does when its rendered page is not cached: with the
  // route's reuse of each bar's finished days between renders.
  const renders = homeRenders();
  const view = (lang: string) => ({ tz: "UTC", l: pageLocale(lang, settings.language) });
  const renderOnce = async (lang = "en") => {
    const body = renderHome(settings, snapshot, Date.now(), view(lang), true, snapshot.lastTickAt, renders);
    return body.byteLength;
  };

  // The first render ever also pays for compiling the code; the first render
  // after a data change pays for the 89 finished days of every bar.
  await renderOnce();
  await component("One more component");
  const changed = await currentSnapshot(env, () => rebuildSnapshot(env, Date.now()));
  const coldStart = performance.now();
  renderHome(settings, changed.snapshot, Date.now(), view("en"), true, changed.snapshot.lastTickAt, renders);
  const cold = performance.now() - coldStart;

  // workerd's clock ticks in whole milliseconds here: time batches, report per render.
  const BATCH = 20;
  const timed = async (lang: string) => {
    await renderOnce(lang);
    const samples: number[] = [];
    for (let s = 0; s < 15; s++) {
      const t = performance.now();
      for (let i = 0; i < BATCH; i++) await renderOnce(lang);
      samples.push((performance.now() - t) / BATCH);
    }
    return samples;
  };
  const samples = await timed("en");
  // German: its own bars' text, cached beside the English ones.
  const samplesDe = await timed("de");
  const elementsOf = (lang: string) => {
    const page = new TextDecoder().decode(
      renderHome(settings, snapshot, Date.now(), view(lang), true, snapshot.lastTickAt, renders),
    );
    let elements = 0;
    const count = (node: { type?: string; children?: unknown[] }) => {
      if (node.type === "tag" || node.type === "script" || node.type === "style") elements += 1;
      for (const child of (node.children ?? []) as (typeof node)[]) count(child);
    };
    count(parseDocument(page) as never);
    return elements;
  };
  const bytes = await renderOnce("en");
  const bytesDe = await renderOnce("de");
  const elements = elementsOf("en");
  const elementsDe = elementsOf("de");

  // The worst case: the first view after the confirmation lapsed.
  await call("/");
  await new Promise((r) => setTimeout(r, RECHECK_MS + 20));
  const { db: counted, counter } = faultyD1(env.DB);
  const res = await callWith({ DB: counted }, "/");
  expect(res.status).toBe(200);

  console.log(
    `BENCH_RESULT ${JSON.stringify({
      page_render_ms_median: Number(median(samples).toFixed(3)),
      page_render_ms_median_de: Number(median(samplesDe).toFixed(3)),
      page_html_bytes_50_components_de: bytesDe,
      page_dom_elements_50_components_de: elementsDe,
      page_render_after_change_ms: Number(cold.toFixed(3)),
      page_renders_measured: samples.length * BATCH,
      page_html_bytes_50_components: bytes,
      page_dom_elements_50_components: elements,
      page_d1_queries: counter.calls,
    })}`,
  );
});
