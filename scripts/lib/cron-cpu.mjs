// The CPU a cron run costs, measured two ways against a runner started with
// INSPECTOR_PORT and CRON=0: the Worker isolate's own CPU, sampled by V8's
// profiler (what Cloudflare's CPU limit counts), and the CPU of all the
// runner's workerd threads (an upper bound: local SQLite, KV and the HTTP
// client run there too). A tail event's cpuTime, the runtime's own figure,
// is 0 in local workerd.
import { createServer } from "node:http";
import { openIsolateProfiler, processCpuMs, workerdUnder } from "./isolate-cpu.mjs";

/**
 * @typedef {{ isolateMs: number, processMs: number | null, top: { name: string, ms: number }[] }} RunCpu
 */

/**
 * @param {{ url: string, child: import("node:child_process").ChildProcess, output: () => string }} runner
 * @param {string} token the admin token
 * @param {number} probes how many HTTP monitors; each run probes as many as the runner's MAX_PROBES_PER_RUN allows
 * @param {{ idle?: boolean, flapping?: boolean, runs?: number }} [options] runs: how many runs each
 *   figure averages (30); idle: also measure runs with every monitor
 *   paused; flapping: each monitor on a component of its own, and the upstream failing every other
 *   run, so that every run opens or resolves incidents (the heaviest run)
 * @returns {Promise<{ probes: RunCpu, probesPerRun: number, idle: RunCpu | null }>}
 */
export async function cronCpu(
  runner,
  token,
  probes = 40,
  { idle = true, flapping = false, runs: RUNS = 30 } = {},
) {
  const inspector = runner.output().match(/\[inspector\] DevTools for the Worker: (ws:\/\/\S+)/)?.[1];
  if (!inspector) throw new Error("the runner was not started with INSPECTOR_PORT");
  let hits = 0;
  let failing = false;
  const upstream = createServer((_req, res) => {
    hits += 1;
    res.writeHead(failing ? 503 : 200).end(failing ? "down" : "ok");
  });
  await new Promise((r) => upstream.listen(0, "127.0.0.1", () => r(undefined)));
  const port = /** @type {{ port: number }} */ (upstream.address()).port;
  const headers = { Authorization: `Bearer ${token}`, "Content-Type": "application/json" };
  const profiler = await openIsolateProfiler(inspector);
  try {
    const ids = [];
    /** @param {string} path @param {object} body */
    const post = async (path, body) => {
      const res = await fetch(`${runner.url}/api${path}`, {
        method: "POST",
        headers,
        body: JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`POST ${path} → ${res.status}: ${await res.text()}`);
      return /** @type {{ id: string }} */ (await res.json());
    };
    for (let i = 0; i < probes; i++) {
      const monitor = { displayName: `cpu ${i}`, kind: "http", url: `http://127.0.0.1:${port}/` };
      const component = flapping ? (await post("/components", { displayName: `service ${i}` })).id : null;
      const created = await post(
        "/monitors",
        component ? { ...monitor, component, failureThreshold: 1, recoveryThreshold: 1 } : monitor,
      );
      ids.push(created.id);
    }
    const pids = workerdUnder(/** @type {number} */ (runner.child.pid));
    // Minutes an hour back, one after another: each run is new, and every monitor is due again.
    let minute = Math.floor(Date.now() / 60_000) - 2 * (3 + 2 * RUNS) - 10;
    const runs = async (/** @type {number} */ n) => {
      for (let i = 0; i < n; i++) {
        minute += 1;
        if (flapping) failing = !failing;
        const res = await fetch(
          `${runner.url}/cdn-cgi/handler/scheduled?cron=*+*+*+*+*&time=${minute * 60}`,
          {
            headers,
          },
        );
        if (!res.ok) throw new Error(`trigger → ${res.status}`);
      }
    };
    /** @returns {Promise<RunCpu>} */
    const measure = async () => {
      await runs(3);
      // The process's CPU with the profiler off (sampling costs CPU of its own), then the isolate's.
      const before = processCpuMs(pids);
      await runs(RUNS);
      const after = processCpuMs(pids);
      const sampled = await profiler.measure(() => runs(RUNS), RUNS);
      return {
        isolateMs: sampled.ms,
        processMs: before === null || after === null ? null : (after - before) / RUNS,
        top: sampled.top,
      };
    };
    hits = 0;
    const busy = await measure();
    const probesPerRun = Math.round(hits / (2 * RUNS + 3));
    if (probesPerRun === 0) throw new Error("no probe reached the upstream");
    if (!idle) return { probes: busy, probesPerRun, idle: null };
    for (const id of ids) {
      await fetch(`${runner.url}/api/monitors/${id}`, {
        method: "PATCH",
        headers,
        body: JSON.stringify({ enabled: false }),
      });
    }
    return { probes: busy, probesPerRun, idle: await measure() };
  } finally {
    profiler.close();
    upstream.close();
  }
}
