import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { startRunner } from "./runner-harness";

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "..", "..");
const dataDir = await mkdtemp(path.join(tmpdir(), "beacon-token-"));
afterAll(() => rm(dataDir, { recursive: true, force: true }));

function token(...args: string[]) {
  return run(process.execPath, [path.join(ROOT, "scripts", "token.mjs"), ...args], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, WRANGLER_SEND_METRICS: "false" },
  });
}

describe("npm run token", () => {
  it("mints a local token that the running Worker accepts for its scope only, and revokes it", async () => {
    const { stdout } = await token("create", "--name", "pager", "--scope", "incidents", "--local");
    const secret = stdout.trim().split("\n").at(-1) ?? "";
    const id = /Created token ([0-9a-f-]{36})/.exec(stdout)?.[1];
    expect(secret).toMatch(/^bcn_/);

    const runner = await startRunner({
      DATA_DIR: dataDir,
      CRON: "0",
      SEED_DEMO: "0",
      ADMIN_TOKEN: "cli-test-admin",
    });
    try {
      const post = (path: string, body: unknown) =>
        fetch(`${runner.url}/api${path}`, {
          method: "POST",
          headers: { Authorization: `Bearer ${secret}`, "Content-Type": "application/json" },
          body: JSON.stringify(body),
        });
      expect(
        (await post("/incidents", { displayName: "From the CLI token", beganAt: "2026-01-01T00:00:00Z" }))
          .status,
      ).toBe(201);
      expect((await post("/components", { displayName: "Needs admin" })).status).toBe(403);
    } finally {
      await runner.stop();
    }

    await token("revoke", id ?? "", "--local");
    const again = await startRunner({
      DATA_DIR: dataDir,
      CRON: "0",
      SEED_DEMO: "0",
      ADMIN_TOKEN: "cli-test-admin",
    });
    try {
      const res = await fetch(`${again.url}/api/incidents`, {
        method: "POST",
        headers: { Authorization: `Bearer ${secret}`, "Content-Type": "application/json" },
        body: JSON.stringify({ displayName: "x", beganAt: "2026-01-01T00:00:00Z" }),
      });
      expect(res.status).toBe(401);
    } finally {
      await again.stop();
    }
  });

  it("refuses an unknown scope without writing", async () => {
    await expect(token("create", "--name", "x", "--scope", "root")).rejects.toMatchObject({ code: 2 });
  });
});
