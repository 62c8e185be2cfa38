/**
 * Inside workerd: what GET /api/incidents costs for a full 366-day window,
 * now that it answers every incident in the window (the SCS spec has no
 * paging). Prints "BENCH_RESULT {json}".
 */
import { env } from "cloudflare:workers";
import { expect, it } from "vitest";
import { call, component, IMPACT_TYPES } from "../test/helpers/request";

const DAY = 86_400_000;
const COUNT = 1_000;

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

it("lists 1,000 incidents of a 366-day window in one answer", async () => {
  const comp = await component("Busy service");
  const now = Date.now();
  const start = now - 365 * DAY;
  const statements: D1PreparedStatement[] = [];
  for (let i = 0; i < COUNT; i++) {
    const id = crypto.randomUUID();
    const began = new Date(start + Math.floor((i * 365 * DAY) / COUNT)).toISOString();
    const ended = new Date(Date.parse(began) + 30 * 60_000).toISOString();
    statements.push(
      env.DB.prepare(
        `INSERT INTO incidents (id, display_name, description, began_at, ended_at, phase_generation, phase_order, revision, created_at, updated_at)
         VALUES (?1, ?2, 'A past problem.', ?3, ?4, 1, 4, 0, ?3, ?3)`,
      ).bind(id, `Past incident ${i}`, began, ended),
      env.DB.prepare(
        "INSERT INTO impacts (incident_id, position, component_id, impact_type_id, severity) VALUES (?1, 0, ?2, ?3, 50)",
      ).bind(id, comp, IMPACT_TYPES.connectivity),
    );
  }
  for (let i = 0; i < statements.length; i += 500) await env.DB.batch(statements.slice(i, i + 500));
  const path = `/api/incidents?start=${new Date(now - 366 * DAY).toISOString()}&end=${new Date(now).toISOString()}`;
  const first = await call(path);
  const body = await first.text();
  expect((JSON.parse(body) as { data: unknown[] }).data).toHaveLength(COUNT);
  const samples: number[] = [];
  for (let i = 0; i < 15; i++) {
    const t = performance.now();
    await (await call(path)).arrayBuffer();
    samples.push(performance.now() - t);
  }
  console.log(
    `BENCH_RESULT ${JSON.stringify({
      incidents_full_window_ms_median: Number(median(samples).toFixed(1)),
      incidents_full_window_count: COUNT,
      incidents_full_window_bytes: body.length,
    })}`,
  );
}, 300_000);
