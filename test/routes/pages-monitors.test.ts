import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { formatDay } from "../../src/domain/time-text";
import { runTick } from "../../src/scheduled/run";
import { healthyDeps } from "../helpers/fleet";
import { httpUrl } from "../helpers/monitors";
import { call, component, create } from "../helpers/request";
import { inlineEnv, MINUTE } from "../helpers/ticks";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const DAY = 24 * 60 * MINUTE;

describe("pages with monitors", () => {
  it("say checks are delayed when the last run is older than three intervals, and stop saying it once runs resume", async () => {
    const comp = await component("Watched");
    await create("/monitors", { displayName: "watch", kind: "http", url: httpUrl("/ok"), component: comp });
    const now = Math.floor(Date.now() / MINUTE) * MINUTE;
    await runTick(inlineEnv(), now - 10 * MINUTE, healthyDeps());
    await sleep(150);
    expect(await (await call("/")).text()).toContain("Checks delayed");
    await runTick(inlineEnv(), now, healthyDeps());
    await sleep(150);
    expect(await (await call("/")).text()).not.toContain("Checks delayed");
  });

  it("show a component's checks with a server-rendered latency chart", async () => {
    const comp = await component("Charted");
    await create("/monitors", {
      displayName: "chart check",
      kind: "http",
      url: httpUrl("/ok"),
      component: comp,
    });
    const now = Math.floor(Date.now() / MINUTE) * MINUTE;
    for (let n = 5; n >= 1; n--) await runTick(inlineEnv(), now - n * MINUTE + 7_000, healthyDeps());
    const body = await (await call(`/components/${comp}`)).text();
    expect(body).toContain('<h2 id="monitors-h">Checks</h2>');
    expect(body).toMatch(/<svg viewBox="0 0 600 136" role="img"/);
    expect(body).toContain("Latency of chart check, last 24 hours");
    expect(body).toMatch(/\d+ checks in the last 24 hours, 0 failed/);
    expect(body).not.toMatch(/<script/);
  });

  it("merge probe results into the day bars: the worse wins, and unchecked minutes are no data", async () => {
    const comp = await component("Probed");
    const monitorId = await create("/monitors", {
      displayName: "probed check",
      kind: "http",
      url: httpUrl("/ok"),
      component: comp,
    });
    const yesterday = new Date(Math.floor(Date.now() / DAY) * DAY - DAY).toISOString().slice(0, 10);
    // Backdate the component so yesterday counts, then record a half-covered day with 30 failing minutes.
    await env.DB.prepare("UPDATE components SET created_at = '2020-01-01T00:00:00.000Z' WHERE id = ?1")
      .bind(comp)
      .run();
    await env.DB.prepare(
      "INSERT INTO monitor_days (monitor_id, day, checks, failures, slow, covered_minutes, down_minutes, slow_minutes) VALUES (?1, ?2, 720, 30, 0, 720, 30, 0)",
    )
      .bind(monitorId, yesterday)
      .run();
    await component("Nudge a rebuild");
    const body = await (await call("/")).text();
    const label = `${formatDay(yesterday)}: 95.83% uptime, no incidents`;
    expect(body).toContain(`<li class="l-major">${label}</li>`);
  });
});
