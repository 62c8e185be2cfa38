#!/usr/bin/env node
// `npm run load`: a bounded load test on loopback against `npm start`.
// 50 concurrent readers on `/` and `/api/v2/summary.json`, and 5 writers
// posting incident updates, for LOAD_SECONDS (default 60). Then every write
// that was answered 201 must be visible. Adds load_* keys to bench-results.json.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { ROOT } from "./lib/config.mjs";
import { startRunner } from "./lib/runner-process.mjs";

const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
const TOKEN = "load-admin-token";
const RESULTS = path.join(ROOT, "bench-results.json");

/** @param {import("autocannon").Options} options */
const run = (options) => autocannon(options);

async function main() {
  const dataDir = await mkdtemp(path.join(tmpdir(), "beacon-load-"));
  const runner = await startRunner({
    DATA_DIR: dataDir,
    ADMIN_TOKEN: TOKEN,
    SEED_DEMO: process.env.SEED_DEMO ?? "1",
  });
  try {
    const headers = { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" };
    const created = await fetch(`${runner.url}/api/incidents`, {
      method: "POST",
      headers,
      body: JSON.stringify({ displayName: "Load test", beganAt: new Date().toISOString() }),
    });
    const { id } = /** @type {{ id: string }} */ (await created.json());
    const updatesUrl = `${runner.url}/api/incidents/${id}/updates`;
    const before = /** @type {{ data: unknown[] }} */ (await (await fetch(updatesUrl)).json()).data.length;

    console.log(`load: ${SECONDS} s, 50 readers on / and /api/v2/summary.json, 5 writers posting updates`);
    const [readers, writers] = await Promise.all([
      run({
        url: runner.url,
        connections: 50,
        duration: SECONDS,
        requests: [
          { method: "GET", path: "/" },
          { method: "GET", path: "/api/v2/summary.json" },
        ],
      }),
      run({
        url: runner.url,
        connections: 5,
        duration: SECONDS,
        requests: [
          {
            method: "POST",
            path: `/api/incidents/${id}/updates`,
            headers,
            body: JSON.stringify({
              displayName: "Still investigating",
              description: "An update under load.",
            }),
          },
        ],
      }),
    ]);
    console.log(
      `load: readers ${readers.errors} errors, ${readers.timeouts} timeouts, ${readers.non2xx} non-2xx; writers ${writers.errors} errors, ${writers.timeouts} timeouts, ${writers.non2xx} non-2xx`,
    );
    const after = /** @type {{ data: unknown[] }} */ (await (await fetch(updatesUrl)).json()).data.length;
    const acceptedWrites = writers["2xx"];
    const results = {
      load_requests: readers.requests.total + writers.requests.total,
      load_errors:
        readers.errors +
        readers.timeouts +
        writers.errors +
        writers.timeouts +
        readers.non2xx -
        readers["5xx"] +
        writers.non2xx -
        writers["5xx"],
      load_5xx: readers["5xx"] + writers["5xx"],
      load_p99_ms: Math.max(readers.latency.p99, writers.latency.p99),
      load_read_p99_ms: readers.latency.p99,
      load_write_p99_ms: writers.latency.p99,
      load_reads_per_second: Math.round(readers.requests.average),
      load_writes: acceptedWrites,
      // Writes answered 201 but not visible. Writes still in flight when the
      // run stopped are visible without an answer counted; they are not lost.
      load_lost_writes: Math.max(0, acceptedWrites - (after - before)),
      load_writes_in_flight_at_end: Math.max(0, after - before - acceptedWrites),
    };
    let previous = {};
    try {
      previous = JSON.parse(await readFile(RESULTS, "utf8"));
    } catch {}
    await writeFile(RESULTS, `${JSON.stringify({ ...previous, ...results }, null, 2)}\n`);
    for (const [k, v] of Object.entries(results)) console.log(`${k.padEnd(24)} ${v}`);
    const ok = results.load_errors === 0 && results.load_5xx === 0 && results.load_lost_writes === 0;
    console.log(ok ? "load: 0 errors, 0 5xx, 0 lost writes" : "load: FAILED");
    process.exitCode = ok ? 0 : 1;
  } finally {
    await runner.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
