import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cronCpu } from "../../scripts/lib/cron-cpu.mjs";
import { calibrateIsolateCpu, isolateCpu } from "../../scripts/lib/isolate-cpu.mjs";
import { startRunner } from "./runner-harness";

const frame = (functionName: string, url = "") => ({ functionName, url, lineNumber: 0 });

describe("the isolate's CPU meter", () => {
  it("counts samples at the sampler's own period, leaving out idle ones and the gaps between runs", () => {
    const profile = {
      nodes: [
        { id: 1, callFrame: frame("(root)") },
        { id: 2, callFrame: frame("render", "file:///worker.mjs") },
        { id: 3, callFrame: frame("(idle)") },
      ],
      // Five samples while running, 200 µs apart, then 50 ms unlocked, then two more and an idle one.
      samples: [2, 2, 2, 2, 2, 2, 2, 3],
      timeDeltas: [0, 200, 200, 200, 200, 50_000, 200, 200],
      startTime: 0,
      endTime: 51_400,
    };
    const measured = isolateCpu(profile, 2);
    expect(measured.periodUs).toBe(200);
    expect(measured.samples).toBe(7);
    // 7 samples × 0.2 ms, over 2 runs.
    expect(measured.ms).toBeCloseTo(0.7, 5);
    expect(measured.top).toEqual([{ name: "render worker.mjs:1", ms: expect.closeTo(0.7, 5) }]);
  });

  it("agrees with the process's CPU for a Worker that only computes", async () => {
    const ratio = await calibrateIsolateCpu();
    // null only where /proc is missing; these machines have it.
    expect(ratio).not.toBeNull();
    // The measured ratio is 0.97 to 1.05; the band leaves room for a busy machine.
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  }, 60_000);

  it("samples a cron run of npm start through the inspector it opens", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "beacon-cpu-"));
    const token = "isolate-cpu-test-admin-token";
    const runner = await startRunner({
      DATA_DIR: dataDir,
      SEED_DEMO: "0",
      CRON: "0",
      ADMIN_TOKEN: token,
      ALLOW_PRIVATE_TARGETS: "true",
      INSPECTOR_PORT: "0",
    });
    try {
      expect(runner.output()).toMatch(
        /\[inspector\] DevTools for the Worker: ws:\/\/127\.0\.0\.1:\d+\/core:user:beacon/,
      );
      const measured = await cronCpu(runner, token, 3, { idle: false, runs: 4 });
      expect(measured.probesPerRun).toBe(3);
      expect(measured.probes.isolateMs).toBeGreaterThan(0);
      // The Worker's own code is among what it spent its time on.
      expect(measured.probes.top.some((f) => f.name.includes("worker.mjs"))).toBe(true);
    } finally {
      await runner.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
