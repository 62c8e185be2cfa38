// The CPU one Worker's isolate spends, as V8's own sampling profiler sees it
// through workerd's DevTools inspector. workerd takes the isolate's lock to run
// it, and V8 drops every sample taken while the lock is not held, so each sample
// stands for one sampling period of the isolate running: its JavaScript, the
// runtime's APIs it calls and its garbage collection, but not other isolates
// on the same thread (local D1 and KV run in their own) nor the HTTP client.
// That is what Cloudflare bills as a Worker's CPU time. The estimate is
// samples × the sampler's real period (the median gap between consecutive
// samples, which is longer than the period asked for on a busy machine).
import { readdirSync, readFileSync } from "node:fs";
import { Miniflare } from "miniflare";
import WebSocket from "ws";

/** The period asked of V8's sampler, in µs. */
const INTERVAL_US = 100;

/**
 * @typedef {{ nodes: { id: number, callFrame: { functionName: string, url: string, lineNumber: number } }[],
 *   samples: number[], timeDeltas: number[], startTime: number, endTime: number }} CpuProfile
 * @typedef {{ ms: number, samples: number, periodUs: number, top: { name: string, ms: number }[] }} IsolateCpu
 */

/**
 * A DevTools session with one Worker of a runner started with INSPECTOR_PORT.
 * @param {string} url the Worker's inspector address, ws://host:port/core:user:NAME
 */
export async function openIsolateProfiler(url) {
  const ws = new WebSocket(url);
  await new Promise((resolve, reject) => {
    ws.once("open", resolve);
    ws.once("error", reject);
  });
  let nextId = 0;
  /** @type {Map<number, (message: { result?: any, error?: { message: string } }) => void>} */
  const pending = new Map();
  ws.on("message", (data) => {
    // workerd answers some commands (Profiler.enable) with their own echo, without a result.
    const message = JSON.parse(String(data));
    if (typeof message.id === "number") pending.get(message.id)?.(message);
  });
  /** @param {string} method @param {object} [params] @returns {Promise<any>} */
  const call = (method, params = {}) =>
    new Promise((resolve, reject) => {
      const id = ++nextId;
      pending.set(id, (message) => {
        pending.delete(id);
        if (message.error) reject(new Error(`${method}: ${message.error.message}`));
        else resolve(message.result);
      });
      ws.send(JSON.stringify({ id, method, params }));
    });
  await call("Profiler.enable");
  await call("Profiler.setSamplingInterval", { interval: INTERVAL_US });
  return {
    /**
     * The isolate's CPU while `work` runs, divided by `per` (e.g. the runs it made).
     * @param {() => Promise<void>} work
     * @param {number} [per]
     * @returns {Promise<IsolateCpu>}
     */
    async measure(work, per = 1) {
      await call("Profiler.start");
      const done = await work().then(
        () => null,
        (/** @type {unknown} */ error) => ({ error }),
      );
      const { profile } = await call("Profiler.stop");
      if (done) throw done.error;
      return isolateCpu(profile, per);
    },
    close: () => ws.close(),
  };
}

/**
 * @param {CpuProfile} profile
 * @param {number} per
 * @returns {IsolateCpu}
 */
export function isolateCpu(profile, per) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  // Gaps between samples: the short ones are the sampler's period while the isolate runs.
  const gaps = profile.timeDeltas
    .slice(1)
    .filter((d) => d > 0 && d < 4 * INTERVAL_US)
    .sort((a, b) => a - b);
  const periodUs = gaps.length ? /** @type {number} */ (gaps[gaps.length >> 1]) : INTERVAL_US;
  /** @type {Map<string, number>} */
  const self = new Map();
  let samples = 0;
  for (const id of profile.samples) {
    const frame = byId.get(id)?.callFrame;
    if (!frame || frame.functionName === "(idle)") continue;
    samples += 1;
    const where = frame.url ? ` ${frame.url.split("/").pop()}:${frame.lineNumber + 1}` : "";
    const name = `${frame.functionName || "(anonymous)"}${where}`;
    self.set(name, (self.get(name) ?? 0) + 1);
  }
  const toMs = (/** @type {number} */ n) => (n * periodUs) / 1000 / per;
  const top = [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 12)
    .map(([name, n]) => ({ name, ms: toMs(n) }));
  return { ms: toMs(samples), samples, periodUs, top };
}

/**
 * CPU time of the processes' threads, in ms at nanosecond resolution (Linux
 * /proc schedstat); null elsewhere. Every isolate and the runtime's own work
 * are in it: an upper bound of one isolate's CPU.
 * @param {number[]} pids
 * @returns {number | null}
 */
export function processCpuMs(pids) {
  let ns = 0;
  try {
    for (const pid of pids) {
      for (const tid of readdirSync(`/proc/${pid}/task`)) {
        try {
          ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, "utf8").split(" ")[0]);
        } catch {
          // A thread that ended between the listing and the read.
        }
      }
    }
  } catch {
    return null;
  }
  return ns / 1e6;
}

/**
 * How the sampled estimate compares with the truth where the truth can be had:
 * a Worker that only burns CPU, alone in its runtime, so the process's CPU
 * (measured with the profiler off) less a request's fixed cost is the
 * isolate's. Returns sampled ÷ process; null where /proc is missing.
 * @returns {Promise<number | null>}
 */
export async function calibrateIsolateCpu() {
  const script = `export default { async fetch(request) {
    const n = Number(new URL(request.url).searchParams.get("n"));
    let x = 0;
    for (let i = 0; i < n; i++) x += Math.sqrt(i) % 3;
    return new Response(String(x));
  } }`;
  const mf = new Miniflare({
    name: "calibration",
    modules: true,
    script,
    compatibilityDate: "2026-04-20",
    inspectorPort: 0,
  });
  try {
    const url = await mf.ready;
    const inspector = await mf.getInspectorURL();
    const pids = workerdUnder(process.pid);
    if (processCpuMs(pids) === null) return null;
    const burn = async (/** @type {number} */ n, /** @type {number} */ times) => {
      for (let i = 0; i < times; i++) await (await fetch(`${url}?n=${n}`)).text();
    };
    /** The processes' CPU while `work` runs (not null: /proc was read above). @param {() => Promise<void>} work */
    const cpuDuring = async (work) => {
      const before = /** @type {number} */ (processCpuMs(pids));
      await work();
      return /** @type {number} */ (processCpuMs(pids)) - before;
    };
    await burn(1_000_000, 5);
    const profiler = await openIsolateProfiler(`ws://${inspector.host}/core:user:calibration`);
    try {
      const ratios = [];
      for (let round = 0; round < 3; round++) {
        const fixed = await cpuDuring(() => burn(1, 20));
        const truth = (await cpuDuring(() => burn(1_000_000, 20))) - fixed;
        const sampled = await profiler.measure(() => burn(1_000_000, 20));
        ratios.push(sampled.ms / truth);
      }
      return ratios.sort((a, b) => a - b)[1] ?? null;
    } finally {
      profiler.close();
    }
  } finally {
    await mf.dispose();
  }
}

/** @param {number} pid */
function children(pid) {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").split(" ").filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** The workerd processes under `pid` (Linux). @param {number} pid @returns {number[]} */
export function workerdUnder(pid) {
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
