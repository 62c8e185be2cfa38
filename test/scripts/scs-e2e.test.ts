import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { startRunner } from "./runner-harness";

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "..", "..");
const dataDir = await mkdtemp(path.join(tmpdir(), "beacon-scs-"));
afterAll(() => rm(dataDir, { recursive: true, force: true }));

describe("the SCS end-to-end walk against npm start", () => {
  it("passes every step", async () => {
    const runner = await startRunner({ DATA_DIR: dataDir, CRON: "0", ADMIN_TOKEN: "scs-e2e-admin-token" });
    try {
      const { stdout } = await run(process.execPath, [path.join(ROOT, "scripts", "scs-e2e.mjs")], {
        env: { ...process.env, BASE_URL: runner.url, TOKEN: "scs-e2e-admin-token" },
      });
      expect(stdout).toMatch(/SCS end-to-end walk passed: \d+ checks/);
    } finally {
      await runner.stop();
    }
  });
});
