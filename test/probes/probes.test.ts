import { describe, expect, it } from "vitest";
import { runProbe } from "../../src/probes/run";
import { liveProbeDeps } from "../../src/scheduled/run";
import { httpUrl, monitor, upstream } from "../helpers/monitors";

const deps = liveProbeDeps();
const http = (path: string, extra: Record<string, unknown> = {}) =>
  runProbe(monitor("http", { url: httpUrl(path), method: "GET", timeoutMs: 2000, ...extra }), deps);

describe("HTTP probes against a real upstream", () => {
  it("pass on an expected status and record latency and code", async () => {
    const r = await http("/ok");
    expect(r).toMatchObject({ health: "up", statusCode: 200, reason: null });
    expect(r.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it("fail on a status mismatch, and accept codes and ranges", async () => {
    expect(await http("/status/503")).toMatchObject({ health: "down", reason: "status", statusCode: 503 });
    expect(await http("/status/503", { expectedStatus: ["500-599"] })).toMatchObject({ health: "up" });
    expect(await http("/status/404", { expectedStatus: [404, "200-299"] })).toMatchObject({ health: "up" });
  });

  it("check for text present and text absent", async () => {
    expect(await http("/text/ready", { bodyContains: "ready" })).toMatchObject({ health: "up" });
    expect(await http("/text/starting", { bodyContains: "ready" })).toMatchObject({
      health: "down",
      reason: "keyword",
    });
    expect(await http("/text/maintenance", { bodyNotContains: "maintenance" })).toMatchObject({
      health: "down",
      reason: "keyword",
    });
  });

  it("mark a slow answer as degraded", async () => {
    expect(await http("/slow/300", { degradedAfterMs: 100 })).toMatchObject({
      health: "degraded",
      reason: "slow",
    });
  });

  it("time out on an upstream that never answers", async () => {
    const started = Date.now();
    expect(await runProbe(monitor("http", { url: httpUrl("/hang"), timeoutMs: 300 }), deps)).toMatchObject({
      health: "down",
      reason: "timeout",
    });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("report a refused connection and an unresolvable host", async () => {
    const refused = await runProbe(
      monitor("http", { url: `http://127.0.0.1:${upstream().closed}/`, timeoutMs: 2000 }),
      deps,
    );
    expect(refused).toMatchObject({ health: "down", reason: "refused" });
    const dns = await runProbe(
      monitor("http", { url: "http://no-such-host.beacon-test.invalid/", timeoutMs: 2000 }),
      deps,
    );
    expect(dns).toMatchObject({ health: "down", reason: "dns" });
  });

  it("treat a redirect as the result unless told to follow it", async () => {
    expect(await http("/redirect")).toMatchObject({ health: "down", reason: "status", statusCode: 301 });
    expect(await http("/redirect", { expectedStatus: [301] })).toMatchObject({ health: "up" });
    expect(await http("/redirect", { followRedirects: true })).toMatchObject({
      health: "up",
      statusCode: 200,
    });
  });

  it("read at most 1 MB of a 50 MB body and cancel the rest", async () => {
    const r = await http("/big", { bodyContains: "zzz", timeoutMs: 5000 });
    expect(r).toMatchObject({ health: "down", reason: "keyword" });
    await new Promise((res) => setTimeout(res, 200));
    const sent = Number(await (await fetch(httpUrl("/big-sent"))).text());
    expect(sent).toBeLessThan(20 * 1024 * 1024);
  });

  it("give up on a body that never ends, within the timeout", async () => {
    const started = Date.now();
    const r = await http("/endless", { bodyContains: "never", timeoutMs: 500 });
    expect(r).toMatchObject({ health: "down", reason: "timeout" });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it("send the configured method, headers and body", async () => {
    const r = await runProbe(
      monitor("http", {
        url: httpUrl("/headers"),
        method: "GET",
        headers: { "X-Probe": "beacon" },
        bodyContains: '"x-probe":"beacon"',
        timeoutMs: 2000,
      }),
      deps,
    );
    expect(r.health).toBe("up");
  });
});

describe("TCP probes", () => {
  it("pass when the port accepts a connection and fail when it refuses", async () => {
    expect(
      await runProbe(monitor("tcp", { host: "127.0.0.1", port: upstream().tcp, timeoutMs: 2000 }), deps),
    ).toMatchObject({
      health: "up",
    });
    expect(
      await runProbe(monitor("tcp", { host: "127.0.0.1", port: upstream().closed, timeoutMs: 2000 }), deps),
    ).toMatchObject({
      health: "down",
      reason: "refused",
    });
  });
});

describe("heartbeat checks", () => {
  it("pass within interval + grace and fail after it", async () => {
    const now = Date.now();
    const on = monitor(
      "heartbeat",
      { graceSeconds: 30 },
      { lastHeartbeatAt: new Date(now - 80_000).toISOString() },
    );
    expect(await runProbe(on, { ...deps, now: () => now })).toMatchObject({ health: "up" });
    const late = monitor(
      "heartbeat",
      { graceSeconds: 30 },
      { lastHeartbeatAt: new Date(now - 100_000).toISOString() },
    );
    expect(await runProbe(late, { ...deps, now: () => now })).toMatchObject({
      health: "down",
      reason: "timeout",
    });
  });
});
