// The CPU a cron run costs, as the workerd processes of `npm start` spend it
// (from /proc, Linux only). It is an upper bound of the isolate's own CPU:
// it includes local SQLite and the HTTP client. The runtime's own measure,
// a tail event's cpuTime, is 0 in local workerd. The clock ticks at 10 ms,
// so runs are measured many at a time and averaged.
import { readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:http";

const TICK_MS = 10; // 1000 / getconf CLK_TCK on Linux

/** @param {number} pid */
function children(pid) {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").split(" ").filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** workerd processes under `pid`. @param {number} pid @returns {number[]} */
function workerdUnder(pid) {
  const out = [];
  const queue = [pid];
  while (queue.length) {
    const p = /** @type {number} */ (queue.shift());
    for (const c of children(p)) {
      queue.push(c);
      try {
        if (readFileSync(`/proc/${c}/comm`, "utf8").trim() === "workerd") out.push(c);
      } catch {}
    }
  }
  return out;
}

/** utime + stime of the processes, in clock ticks. @param {number[]} pids */
function ticks(pids) {
  let sum = 0;
  for (const pid of pids) {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    sum += Number(fields[11]) + Number(fields[12]);
  }
  return sum;
}

/**
 * @param {{ url: string, child: import("node:child_process").ChildProcess }} runner started with CRON=0
 * @param {string} token the admin token
 * @param {number} probes how many HTTP monitors; each run probes as many as the runner's MAX_PROBES_PER_RUN allows
 * @param {{ idle?: boolean }} [options] idle: also measure runs with every monitor paused
 * @returns {Promise<{ probesMs: number, probesPerRun: number, idleMs: number | null, runs: number } | null>} null where /proc is missing
 */
export async function cronCpu(runner, token, probes = 40, { idle = true } = {}) {
  if (!runner.child.pid || !readdirSync("/proc").includes(String(runner.child.pid))) return null;
  let hits = 0;
  const upstream = createServer((_req, res) => {
    hits += 1;
    res.writeHead(200).end("ok");
  });
  await new Promise((r) => upstream.listen(0, "127.0.0.1", () => r(undefined)));
  const port = /** @type {{ port: number }} */ (upstream.address()).port;
  const headers = { Authorization: `Bearer ${token}`, "Content-Type": "application/json" };
  try {
    const ids = [];
    for (let i = 0; i < probes; i++) {
      const res = await fetch(`${runner.url}/api/monitors`, {
        method: "POST",
        headers,
        body: JSON.stringify({ displayName: `cpu ${i}`, kind: "http", url: `http://127.0.0.1:${port}/` }),
      });
      ids.push(/** @type {{ id: string }} */ (await res.json()).id);
    }
    const pids = workerdUnder(/** @type {number} */ (runner.child.pid));
    // Minutes an hour back, one after another: each run is new, and every monitor is due again.
    let minute = Math.floor(Date.now() / 60_000) - 120;
    const run = async () => {
      minute += 1;
      const res = await fetch(`${runner.url}/cdn-cgi/handler/scheduled?cron=*+*+*+*+*&time=${minute * 60}`, {
        headers,
      });
      if (!res.ok) throw new Error(`trigger → ${res.status}`);
    };
    const measure = async (/** @type {number} */ runs) => {
      for (let i = 0; i < 3; i++) await run();
      const before = ticks(pids);
      for (let i = 0; i < runs; i++) await run();
      return ((ticks(pids) - before) * TICK_MS) / runs;
    };
    const RUNS = 30;
    const probesMs = await measure(RUNS);
    const probesPerRun = Math.round(hits / (RUNS + 3));
    if (probesPerRun === 0) throw new Error(`no probe reached the upstream in ${RUNS + 3} runs`);
    if (!idle) return { probesMs, probesPerRun, idleMs: null, runs: RUNS };
    for (const id of ids) {
      await fetch(`${runner.url}/api/monitors/${id}`, {
        method: "PATCH",
        headers,
        body: JSON.stringify({ enabled: false }),
      });
    }
    const idleMs = await measure(RUNS);
    return { probesMs, probesPerRun, idleMs, runs: RUNS };
  } finally {
    upstream.close();
  }
}
