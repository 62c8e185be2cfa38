#!/usr/bin/env node
// `npm run bench`: the performance budgets, measured in one run on this machine.
// Prints a table and writes bench-results.json (a flat object of numbers),
// keeping keys that other benchmarks (such as `npm run load`) wrote there.
//
// - Inside workerd (vitest-pool-workers, bench/*.bench-test.ts): render CPU
//   time of the home page for 50 components, and D1 queries per view.
// - Against `npm start` on loopback: page bytes for 20 components, and
//   throughput of `/` against a static file served by the same runtime; the
//   console's 3 a.m. flow in Chromium without JavaScript (when Chromium is
//   installed), as page loads and milliseconds; Lighthouse and first paint at
//   50 components; the cron's CPU per run, sampled inside the Worker's
//   isolate by V8's profiler through workerd's inspector.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import autocannon from "autocannon";
import { ROOT } from "./lib/config.mjs";
import { consoleFlow } from "./lib/console-flow.mjs";
import { cronCpu } from "./lib/cron-cpu.mjs";
import { impactTypes } from "./lib/impact-types.mjs";
import { calibrateIsolateCpu } from "./lib/isolate-cpu.mjs";
import { openLocalD1 } from "./lib/local-d1.mjs";
import { fcpRatio, lighthouseMobile } from "./lib/page-audit.mjs";
import { startRunner } from "./lib/runner-process.mjs";
import { backdateComponents } from "./lib/seed.mjs";

const run = promisify(execFile);
const RESULTS = path.join(ROOT, "bench-results.json");
const TOKEN = "bench-admin-token";

/** Budgets: [key, comparison, limit]. */
const BUDGETS = [
  ["page_render_ms_median", "<=", 1],
  ["page_render_ms_median_de", "<=", 1],
  ["page_bytes_gzip", "<=", 15_360],
  ["page_vs_static_throughput_ratio", ">=", 0.7],
  ["page_d1_queries", "<=", 1],
  ["page_html_bytes_50_components", "<=", 61_440],
  ["page_dom_elements_50_components", "<=", 1_500],
  ["page_html_bytes_50_components_de", "<=", 61_440],
  ["page_dom_elements_50_components_de", "<=", 1_500],
  ["probe_efficiency", ">=", 0.8],
  ["d1_rows_written_per_day_50_monitors", "<=", 5000],
  ["incidents_full_window_ms_median", "<=", 250],
  ["console_page_bytes_gzip_max", "<=", 20_480],
  ["console_page_script_bytes", "<=", 0],
  ["console_render_ms_median_max", "<=", 2],
  ["console_flow_page_loads", "<=", 8],
  ["page_vs_static_throughput_ratio_gzip_50_components", ">=", 0.8],
  ["page_lighthouse_mobile_50_components", ">=", 0.98],
  ["page_lighthouse_dom_size_score_50_components", ">=", 0.9],
  ["page_lighthouse_tbt_ms_50_components", "<=", 50],
  ["page_fcp_ratio_50_components", "<=", 1.5],
  ["cron_cpu_ms_free_plan_default", "<=", 10],
  ["cron_cpu_ms_free_plan_flapping", "<=", 10],
];

async function inWorkerd() {
  const { stdout } = await run(
    path.join(ROOT, "node_modules", ".bin", "vitest"),
    ["run", "--config", "vitest.bench.config.ts", "--reporter=verbose"],
    {
      cwd: ROOT,
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, WRANGLER_SEND_METRICS: "false", NO_COLOR: "1", FORCE_COLOR: "0" },
    },
  );
  const lines = stdout.split("\n").filter((l) => l.includes("BENCH_RESULT "));
  if (lines.length === 0) throw new Error(`the workerd benchmark printed no result:\n${stdout.slice(-2000)}`);
  return Object.assign({}, ...lines.map((l) => JSON.parse(l.slice(l.indexOf("BENCH_RESULT ") + 13))));
}

/** @param {string} url @param {string} path @param {unknown} body */
async function post(url, path, body) {
  const res = await fetch(`${url}/api${path}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`POST ${path} → ${res.status} ${await res.text()}`);
  return /** @type {{ id: string }} */ (await res.json()).id;
}

/**
 * `npm start` on a state of its own for the page figures (no demo, no cron),
 * which can be stopped, edited and started again on that state.
 * @param {string} prefix of its temporary directory
 */
async function pageRunner(prefix) {
  const dataDir = await mkdtemp(path.join(tmpdir(), prefix));
  const env = { DATA_DIR: dataDir, SEED_DEMO: "0", CRON: "0", ADMIN_TOKEN: TOKEN };
  let runner = await startRunner(env);
  return {
    get url() {
      return runner.url;
    },
    /** Stops the runner, runs `edit` on its local D1, and starts it again. @param {(db: Awaited<ReturnType<typeof openLocalD1>>["db"]) => Promise<void>} edit */
    async offline(edit) {
      await runner.stop();
      const { db, close } = await openLocalD1(dataDir);
      try {
        await edit(db);
      } finally {
        await close();
      }
      runner = await startRunner(env);
    },
    async close() {
      await runner.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** @typedef {Awaited<ReturnType<typeof pageRunner>>} PageRunner */

/** Gives the components made in the last day 95 days of history (see backdateComponents). @param {PageRunner} page */
function backdateNewComponents(page) {
  const now = Date.now();
  return page.offline((db) => backdateComponents(db, now, new Date(now - 86_400_000).toISOString()));
}

/**
 * 20 components (4 groups of 4) with 95 days of history, an active incident, a
 * resolved one and a maintenance.
 * @param {PageRunner} page
 */
async function seedTwenty(page) {
  const leaves = [];
  for (let g = 0; g < 4; g++) {
    const group = await post(page.url, "/components", { displayName: `Region ${g + 1}`, position: g });
    for (let m = 0; m < 4; m++) {
      leaves.push(
        await post(page.url, "/components", {
          displayName: `Service ${g + 1}.${m + 1}`,
          group,
          position: m,
        }),
      );
    }
  }
  await backdateNewComponents(page);
  const url = page.url;
  const now = Date.now();
  const types = await impactTypes(url);
  const type = types.connectivity;
  await post(url, "/incidents", {
    displayName: "Elevated error rates",
    description: "We are investigating elevated error rates on the **API**.",
    beganAt: new Date(now - 30 * 60_000).toISOString(),
    affects: [{ reference: leaves[0], type, severity: 60 }],
  });
  await post(url, "/incidents", {
    displayName: "Database failover",
    beganAt: new Date(now - 3 * 86_400_000).toISOString(),
    endedAt: new Date(now - 3 * 86_400_000 + 40 * 60_000).toISOString(),
    affects: [{ reference: leaves[3], type, severity: 100 }],
  });
  await post(url, "/incidents", {
    displayName: "Network upgrade",
    beganAt: new Date(now + 2 * 86_400_000).toISOString(),
    endedAt: new Date(now + 2 * 86_400_000 + 3_600_000).toISOString(),
    affects: [{ reference: leaves[5], type: types.maintenance, severity: 0 }],
  });
}

/**
 * 30 more components (50 in all), also with 95 days of history, and incidents
 * on a fifth of the last 90 days, each on 2 to 4 components.
 * @param {PageRunner} page
 */
async function growToFifty(page) {
  /** @type {string[]} */
  const leaves = [];
  for (let g = 0; g < 3; g++) {
    const group = await post(page.url, "/components", { displayName: `Zone ${g + 1}`, position: 10 + g });
    for (let m = 0; m < 9; m++) {
      leaves.push(
        await post(page.url, "/components", { displayName: `Node ${g + 1}.${m + 1}`, group, position: m }),
      );
    }
  }
  await backdateNewComponents(page);
  const url = page.url;
  const types = await impactTypes(url);
  const now = Date.now();
  for (let d = 3; d < 90; d += 5) {
    const start = now - d * 86_400_000;
    const affects = [0, 1, 2].map((k) => ({
      reference: leaves[(d + k * 7) % leaves.length],
      type: types.connectivity,
      severity: [30, 66, 100][k],
    }));
    await post(url, "/incidents", {
      displayName: `Incident ${d} days ago`,
      beganAt: new Date(start).toISOString(),
      endedAt: new Date(start + 45 * 60_000).toISOString(),
      affects,
    });
  }
}

/** @param {string} url @param {Record<string, string>} [headers] */
async function requestsPerSecond(url, headers = {}) {
  const result = await autocannon({ url, connections: 10, duration: 8, pipelining: 1, headers });
  if (result.errors || result.non2xx)
    throw new Error(`${url}: ${result.errors} errors, ${result.non2xx} non-2xx`);
  return result.requests.average;
}

/** @param {number[]} values */
function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

async function againstRunner() {
  const runner = await pageRunner("beacon-bench-");
  try {
    await seedTwenty(runner);
    const html = Buffer.from(await (await fetch(`${runner.url}/`)).arrayBuffer());
    const css = Buffer.from(await (await fetch(`${runner.url}/style.css`)).arrayBuffer());
    const gzip = gzipSync(html).length + gzipSync(css).length;

    // Alternate the two targets so that machine noise hits both alike.
    const page = [];
    const file = [];
    for (let round = 0; round < 3; round++) {
      file.push(await requestsPerSecond(`${runner.url}/style.css`));
      page.push(await requestsPerSecond(`${runner.url}/`));
    }
    const type = (await impactTypes(runner.url)).connectivity;
    const target = await post(runner.url, "/components", { displayName: "Flow target" });
    await post(runner.url, "/templates", {
      name: "Flow template",
      title: "API unavailable",
      affects: [{ reference: target, type, severity: 100 }],
    });
    const flow = await consoleFlow(runner.url, TOKEN, "Flow template");

    // The page at 50 components: compressed throughput, Lighthouse, first paint.
    await growToFifty(runner);
    const gz = { "accept-encoding": "gzip" };
    const page50 = [];
    const file50 = [];
    for (let round = 0; round < 3; round++) {
      file50.push(await requestsPerSecond(`${runner.url}/style.css`, gz));
      page50.push(await requestsPerSecond(`${runner.url}/`, gz));
    }
    const audit = await lighthouseMobile(`${runner.url}/`);
    const fcp = await fcpRatio(runner.url, "/", "/no-such-page");
    return {
      ...(flow ? { console_flow_page_loads: flow.loads, console_flow_ms: flow.ms } : {}),
      page_vs_static_throughput_ratio_gzip_50_components: Number(
        (median(page50) / median(file50)).toFixed(3),
      ),
      page_rps_gzip_50_components: Math.round(median(page50)),
      static_rps_gzip: Math.round(median(file50)),
      ...(audit
        ? {
            page_lighthouse_mobile_50_components: audit.score,
            page_lighthouse_dom_size_score_50_components: audit.domSizeScore,
            page_lighthouse_dom_elements_50_components: audit.domElements,
            page_lighthouse_tbt_ms_50_components: Math.round(audit.tbtMs),
          }
        : {}),
      ...(fcp ? fcpKeys(fcp) : {}),
      page_bytes_gzip: gzip,
      page_bytes_html_20_components: html.length,
      page_rps_median: Math.round(median(page)),
      static_rps_median: Math.round(median(file)),
      page_vs_static_throughput_ratio: Number((median(page) / median(file)).toFixed(3)),
    };
  } finally {
    await runner.close();
  }
}

const CPU_LIMIT_FREE_MS = 10;
const SUBREQUESTS_FREE = 50;
/** The Free plan's default MAX_PROBES_PER_RUN (src/domain/plan.ts); the bench checks that a run probes exactly this many. */
const FREE_PLAN_MONITORS = 20;

/**
 * A runner for the cron figures: no demo, no cron of its own, the inspector
 * open; `vars` override wrangler.toml.
 * @template T
 * @param {Record<string, string>} vars
 * @param {(runner: Awaited<ReturnType<typeof startRunner>>) => Promise<T>} measure
 * @returns {Promise<T>}
 */
async function withCronRunner(vars, measure) {
  const dataDir = await mkdtemp(path.join(tmpdir(), "beacon-bench-cron-"));
  const runner = await startRunner({
    DATA_DIR: dataDir,
    SEED_DEMO: "0",
    CRON: "0",
    ADMIN_TOKEN: TOKEN,
    ALLOW_PRIVATE_TARGETS: "true",
    INSPECTOR_PORT: "0",
    ...vars,
  });
  try {
    return await measure(runner);
  } finally {
    await runner.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

const ms = (/** @type {number | null} */ x) => (x === null ? null : Number(x.toFixed(2)));

/**
 * The cron's CPU per run (see scripts/lib/cron-cpu.mjs): with 40 HTTP probes,
 * idle, and as the Free plan's default runs it (its monitors all due,
 * MAX_PROBES_PER_RUN unset). From the first two, the most probes that fit the
 * Free plan's 10 ms, (10 − idle) ÷ (CPU per probe), and its 50 subrequests; the
 * heaviest runs, where every monitor opens or resolves an incident: as the
 * Free plan applies them (its share a run) and all 20 at once.
 */
async function cronFigures() {
  const calibration = await calibrateIsolateCpu();
  const full = await withCronRunner({ MAX_PROBES_PER_RUN: "40" }, (r) => cronCpu(r, TOKEN, 40));
  if (full.probesPerRun !== 40) throw new Error(`a run probed ${full.probesPerRun} monitors, not 40`);
  const idle = /** @type {NonNullable<typeof full.idle>} */ (full.idle);
  const perProbe = Math.max(0.001, (full.probes.isolateMs - idle.isolateMs) / 40);
  const fit = Math.max(
    0,
    Math.min(SUBREQUESTS_FREE, Math.floor((CPU_LIMIT_FREE_MS - idle.isolateMs) / perProbe)),
  );
  const free = await withCronRunner({ PLAN: "free", MAX_PROBES_PER_RUN: "" }, (r) =>
    cronCpu(r, TOKEN, FREE_PLAN_MONITORS, { idle: false }),
  );
  if (free.probesPerRun !== FREE_PLAN_MONITORS) {
    throw new Error(
      `the Free plan's default probed ${free.probesPerRun} monitors a run, not ${FREE_PLAN_MONITORS}`,
    );
  }
  // The heaviest runs: every monitor changes state each run (all down, all up again), so
  // every run opens or resolves incidents; once as the Free plan applies them (a share a
  // run), once all at once. 10 runs each, so that the history stays a likely size.
  const flappingRun = (/** @type {string} */ cap) =>
    withCronRunner({ PLAN: "free", MAX_PROBES_PER_RUN: "", MAX_INCIDENT_CHANGES_PER_RUN: cap }, (r) =>
      cronCpu(r, TOKEN, FREE_PLAN_MONITORS, { idle: false, flapping: true, runs: 10 }),
    );
  const flapping = await flappingRun("");
  const outage = await flappingRun(String(FREE_PLAN_MONITORS));
  const perChange = Math.max(0.001, (outage.probes.isolateMs - free.probes.isolateMs) / FREE_PLAN_MONITORS);
  if (process.env.BENCH_PROFILE) {
    const runs = {
      "40 probes": full.probes,
      idle,
      "free default": free.probes,
      flapping: flapping.probes,
      outage: outage.probes,
    };
    for (const [name, run] of Object.entries(runs)) {
      console.log(`\n${name}: ${run.isolateMs.toFixed(2)} ms`);
      for (const f of run.top) console.log(`  ${f.ms.toFixed(3)} ms  ${f.name}`);
    }
  }
  return {
    cron_cpu_ms_40_probes: ms(full.probes.isolateMs),
    cron_cpu_ms_idle: ms(idle.isolateMs),
    cron_cpu_ms_per_probe: ms(perProbe),
    free_plan_max_probes_per_run: fit,
    free_plan_default_probes_per_run: free.probesPerRun,
    cron_cpu_ms_free_plan_default: ms(free.probes.isolateMs),
    cron_cpu_ms_free_plan_flapping: ms(flapping.probes.isolateMs),
    cron_cpu_ms_20_incident_changes: ms(outage.probes.isolateMs),
    cron_cpu_ms_per_incident_change: ms(perChange),
    cron_process_cpu_ms_40_probes: ms(full.probes.processMs),
    cron_process_cpu_ms_idle: ms(idle.processMs),
    cron_process_cpu_ms_free_plan_default: ms(free.probes.processMs),
    cron_process_cpu_ms_free_plan_flapping: ms(flapping.probes.processMs),
    ...(calibration === null ? {} : { isolate_cpu_meter_calibration: Number(calibration.toFixed(2)) }),
  };
}

/** First paint at 50 components alone (`npm run bench -- fcp`): the same page and measure as in the full run. */
async function fcpFigures() {
  const runner = await pageRunner("beacon-bench-fcp-");
  try {
    await seedTwenty(runner);
    await growToFifty(runner);
    const fcp = await fcpRatio(runner.url, "/", "/no-such-page");
    return fcp ? fcpKeys(fcp) : {};
  } finally {
    await runner.close();
  }
}

/** @param {{ ratio: number, pageMs: number, referenceMs: number }} fcp */
function fcpKeys(fcp) {
  return {
    page_fcp_ratio_50_components: Number(fcp.ratio.toFixed(3)),
    page_fcp_ms_50_components: Math.round(fcp.pageMs),
    page_fcp_ms_reference: Math.round(fcp.referenceMs),
  };
}

async function main() {
  // `npm run bench -- cron` measures the cron figures alone, `-- fcp` the first paint at 50 components.
  const only = process.argv[2];
  const results =
    only === "cron"
      ? await cronFigures()
      : only === "fcp"
        ? await fcpFigures()
        : { ...(await inWorkerd()), ...(await againstRunner()), ...(await cronFigures()) };
  let previous = {};
  try {
    previous = JSON.parse(await readFile(RESULTS, "utf8"));
  } catch {}
  await writeFile(RESULTS, `${JSON.stringify({ ...previous, ...results }, null, 2)}\n`);

  let failed = 0;
  console.log("metric                              value        budget    ok");
  for (const [key, value] of Object.entries(results)) {
    const budget = BUDGETS.find(([k]) => k === key);
    const ok = budget ? (budget[1] === "<=" ? value <= budget[2] : value >= budget[2]) : null;
    if (ok === false) failed += 1;
    console.log(
      `${key.padEnd(35)} ${String(value).padStart(10)}   ${budget ? `${budget[1]} ${budget[2]}`.padStart(9) : "".padStart(9)}   ${ok === null ? "" : ok ? "yes" : "NO"}`,
    );
  }
  // The shipped Free-plan default must be no more than this run found to fit.
  if (results.free_plan_default_probes_per_run > results.free_plan_max_probes_per_run) {
    failed += 1;
    console.log("free_plan_default_probes_per_run is over free_plan_max_probes_per_run: NO");
  }
  console.log(`\nwrote ${path.relative(process.cwd(), RESULTS)}`);
  process.exit(failed ? 1 : 0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
