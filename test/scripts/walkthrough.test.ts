import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Runner, startRunner } from "./runner-harness";

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "..", "..");
const TOKEN = "walkthrough-admin-token-0123456789";
let runner: Runner;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "beacon-walkthrough-"));
  runner = await startRunner({ DATA_DIR: dataDir, CRON: "0", SEED_DEMO: "0", ADMIN_TOKEN: TOKEN });
});

afterAll(async () => {
  await runner?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

/** The shell block between the walkthrough markers in the README, exactly as a reader copies it. */
async function walkthrough(): Promise<string> {
  const readme = await readFile(path.join(ROOT, "README.md"), "utf8");
  const block = /<!-- walkthrough[^>]*-->\s*```sh\n([\s\S]*?)```\s*<!-- \/walkthrough -->/.exec(readme)?.[1];
  if (!block) throw new Error("README.md has no walkthrough block");
  return block;
}

describe("the README's curl walkthrough", () => {
  it("runs unchanged against npm start and ends resolved", async () => {
    const { stdout } = await run("bash", ["-euo", "pipefail", "-c", await walkthrough()], {
      env: { ...process.env, BEACON: runner.url, TOKEN },
    });
    expect(stdout.trim().split("\n").at(-1)).toBe("resolved");
  });
});

describe("npm run incident", () => {
  const cli = async (...args: string[]) =>
    (
      await run(process.execPath, [path.join(ROOT, "scripts", "incident.mjs"), ...args], {
        env: { ...process.env, BASE_URL: runner.url, BEACON_TOKEN: TOKEN },
      })
    ).stdout.trim();

  it("opens, updates, lists and resolves an incident, one command each", async () => {
    await fetch(`${runner.url}/api/components`, {
      method: "POST",
      headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" },
      body: JSON.stringify({ displayName: "Payments" }),
    });
    const id = await cli(
      "open",
      "--component",
      "payments",
      "--title",
      "Payments failing",
      "--impact",
      "critical",
      "--message",
      "Looking.",
    );
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await cli("list")).toMatch(new RegExp(`${id}\\s+investigating\\s+Payments failing`));
    await cli("update", id, "--status", "identified", "--message", "Found it.");
    expect(await cli("list")).toMatch(new RegExp(`${id}\\s+identified`));
    await cli("resolve", id, "--message", "Fixed.");
    expect(await cli("list")).toBe("No open incidents.");
    const v2 = (await (await fetch(`${runner.url}/api/v2/incidents.json`)).json()) as {
      incidents: { id: string; status: string; impact: string }[];
    };
    expect(v2.incidents.find((i) => i.id === id)).toMatchObject({ status: "resolved", impact: "critical" });
  });

  it("says what is wrong, and exits non-zero", async () => {
    await expect(cli("open", "--title", "No component")).rejects.toMatchObject({
      stderr: expect.stringContaining("open needs --component and --title"),
    });
    await expect(
      cli("update", "00000000-0000-4000-8000-000000000000", "--status", "bogus"),
    ).rejects.toMatchObject({
      stderr: expect.stringContaining('no phase means "bogus"'),
    });
  });
});
