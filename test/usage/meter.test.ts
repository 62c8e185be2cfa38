import { createScheduledController } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { PLAN_LIMITS } from "../../src/domain/plan";
import { dayKey } from "../../src/domain/time";
import worker from "../../src/index";
import { consoleGet, signIn } from "../helpers/console";
import { httpUrl } from "../helpers/monitors";
import { api, call, component, create, insertTokenRow, json, TEST_ADMIN_TOKEN } from "../helpers/request";
import { freshMinutes } from "../helpers/ticks";
import { callWith } from "../helpers/worker";

type Usage = {
  plan: string;
  day: string;
  maxProbesPerRun: number;
  maxIncidentChangesPerRun: number | null;
  today: { metric: string; value: number | null; limit: number | null; warning: boolean }[];
  days: { day: string; d1RowsWritten: number; kvWrites: number; subrequestsMax: number; cronRuns: number }[];
};

const today = () => dayKey(Date.now());

async function usage(): Promise<Usage> {
  return json<Usage>(api("/usage"));
}

async function stored() {
  return env.DB.prepare("SELECT * FROM usage_days WHERE day = ?1")
    .bind(today())
    .first<{ d1_rows_written: number; kv_writes: number; subrequests_max: number; cron_runs: number }>();
}

afterEach(() => vi.restoreAllMocks());

describe("the budget meter", () => {
  it("counts the D1 rows a write through the API wrote, as D1 reports them", async () => {
    const before = (await stored())?.d1_rows_written ?? 0;
    await component("Metered");
    const after = (await stored())?.d1_rows_written ?? 0;
    // A component is its row and the audit row, at least, with their indexes.
    expect(after - before).toBeGreaterThanOrEqual(2);
    const report = await usage();
    const rows = report.today.find((l) => l.metric === "d1_rows_written");
    expect(rows?.value).toBeGreaterThanOrEqual(after);
    expect(rows?.limit).toBe(PLAN_LIMITS.free.d1_rows_written);
    expect(report.plan).toBe("free");
  });

  it("counts a cron run: its external subrequests, its KV writes and the run itself", async () => {
    await create("/monitors", { displayName: "Metered probe", kind: "http", url: httpUrl("/ok") });
    const before = await stored();
    const at = freshMinutes(1);
    await worker.scheduled(createScheduledController({ scheduledTime: new Date(at), cron: "* * * * *" }), {
      ...env,
      PROBE_QUEUE: undefined,
    } as Env);
    const after = await stored();
    expect(after?.cron_runs).toBe((before?.cron_runs ?? 0) + 1);
    // The probe is one subrequest; a run that publishes the snapshot also writes KV.
    expect(after?.subrequests_max).toBeGreaterThanOrEqual(1);
    expect(after?.kv_writes).toBeGreaterThanOrEqual(before?.kv_writes ?? 0);
    expect(after?.d1_rows_written).toBeGreaterThan(before?.d1_rows_written ?? 0);
  });

  it("warns in the log and on the console once a daily total passes 80 % of the Free plan", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const limit = PLAN_LIMITS.free.d1_rows_written as number;
    // Just under the line: the next write crosses it.
    await env.DB.prepare(
      "INSERT INTO usage_days (day, d1_rows_written) VALUES (?1, ?2) ON CONFLICT (day) DO UPDATE SET d1_rows_written = ?2",
    )
      .bind(today(), limit * 0.8 - 1)
      .run();
    await component("Past the line");
    const lines = warn.mock.calls.map((c) => String(c[0]));
    expect(lines.filter((l) => l.includes("D1 rows written today"))).toHaveLength(1);
    expect(lines[0]).toMatch(/of the free plan's 100000/);

    // Once only: the next write is past the line already.
    await component("Further past");
    expect(warn.mock.calls.filter((c) => String(c[0]).includes("D1 rows written"))).toHaveLength(1);

    const report = await usage();
    expect(report.today.find((l) => l.metric === "d1_rows_written")?.warning).toBe(true);
    expect(report.today.find((l) => l.metric === "kv_writes")?.warning).toBe(false);

    const cookie = await signIn();
    const dashboard = await (await consoleGet(cookie, "/admin")).text();
    expect(dashboard).toContain("Near the free plan");
    expect(dashboard).toMatch(/D1 rows written today: [\d,]+ of 100,000 \(8\d%\)/);
    const settings = await (await consoleGet(cookie, "/admin/settings")).text();
    expect(settings).toContain("(over 80 %)");

    const metrics = await (
      await call("/metrics", { headers: { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` } })
    ).text();
    expect(metrics).toMatch(/beacon_plan_usage\{metric="d1_rows_written",plan="free"\} 8\d{4}/);
    expect(metrics).toContain('beacon_plan_limit{metric="kv_writes",plan="free"} 1000');
  });

  it("has no daily row or KV limit on a paid plan, so nothing warns", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const res = await callWith({ PLAN: "paid" }, "/api/usage", {
      headers: { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    });
    const report = (await res.json()) as Usage;
    expect(report.plan).toBe("paid");
    expect(report.maxProbesPerRun).toBe(40);
    expect(report.maxIncidentChangesPerRun).toBeNull();
    expect(report.today.find((l) => l.metric === "d1_rows_written")).toMatchObject({
      limit: null,
      warning: false,
    });
    expect(warn).not.toHaveBeenCalled();
  });

  it("is for admins only", async () => {
    const token = await insertTokenRow({ scopes: ["incidents"] });
    const res = await api("/usage", { token });
    expect(res.status).toBe(403);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
  });
});
