/**
 * The container image, built from Debian's own packages and run with podman:
 * health, an incident through the API, a clean stop on SIGTERM, the state
 * kept on the volume across a restart, and a non-root process.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "..", "..");
const BASE_IMAGE = "localhost/beacon-base:trixie";
const IMAGE = "localhost/beacon:test";
const TOKEN = "container-test-admin-token-0123456789";
const suffix = Math.random().toString(36).slice(2, 8);
const NAME = `beacon-test-${suffix}`;
const VOLUME = `beacon-test-data-${suffix}`;

let work: string;
let env: NodeJS.ProcessEnv;

async function podman(...args: string[]): Promise<string> {
  const { stdout } = await run("podman", args, { env, maxBuffer: 64 * 1024 * 1024 });
  return stdout.trim();
}

/** Starts the image on the test volume, with the admin token as a mounted secret file; answers its URL. */
async function start(): Promise<string> {
  await podman(
    "run",
    "-d",
    "--name",
    NAME,
    "--read-only",
    "--no-healthcheck",
    "-p",
    "127.0.0.1::8787",
    "-v",
    `${VOLUME}:/data`,
    "-v",
    `${path.join(work, "admin-token")}:/run/secrets/admin-token:ro`,
    "-e",
    "ADMIN_TOKEN_FILE=/run/secrets/admin-token",
    IMAGE,
  );
  const port = (await podman("port", NAME, "8787/tcp")).split(":").at(-1);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return url;
    if (Date.now() > deadline)
      throw new Error(`no healthy /healthz within 60 s:\n${await podman("logs", NAME)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function stop(): Promise<{ ms: number; exitCode: number }> {
  const t = performance.now();
  await podman("stop", "-t", "10", NAME);
  const ms = performance.now() - t;
  const exitCode = Number(await podman("inspect", NAME, "--format", "{{.State.ExitCode}}"));
  await podman("rm", NAME);
  return { ms, exitCode };
}

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), "beacon-container-"));
  // The flags this host needs, in a configuration of the test's own, not the host's.
  await writeFile(
    path.join(work, "containers.conf"),
    '[containers]\ndefault_ulimits = ["nofile=20000:20000", "nproc=4096:4096"]\n[engine]\nruntime = "runc"\n',
  );
  await writeFile(path.join(work, "admin-token"), `${TOKEN}\n`, { mode: 0o644 });
  env = { ...process.env, CONTAINERS_CONF: path.join(work, "containers.conf") };
  // The base, from Debian's own packages, as Debian's official images are made.
  const tar = path.join(work, "trixie.tar");
  await run(
    "mmdebstrap",
    [
      "--quiet",
      "--variant=minbase",
      "--include=ca-certificates",
      "trixie",
      tar,
      "http://deb.debian.org/debian",
    ],
    { env, maxBuffer: 64 * 1024 * 1024 },
  );
  await podman("import", "--quiet", tar, BASE_IMAGE);
  await rm(tar);
  await run(process.execPath, [path.join(ROOT, "scripts", "container-context.mjs")], {
    cwd: ROOT,
    env,
    maxBuffer: 64 * 1024 * 1024,
  });
  await podman(
    "build",
    "--quiet",
    "--format",
    "docker",
    "--network",
    "host",
    "--build-arg",
    `BASE=${BASE_IMAGE}`,
    "-t",
    IMAGE,
    "-f",
    "Containerfile",
    ROOT,
  );
});

afterAll(async () => {
  await podman("rm", "-f", NAME).catch(() => undefined);
  await podman("volume", "rm", "-f", VOLUME).catch(() => undefined);
  await rm(work, { recursive: true, force: true });
});

describe("the container image", () => {
  it("declares a health check on /healthz, runs as a non-root user, and reports its size", async () => {
    const config = JSON.parse(await podman("image", "inspect", IMAGE, "--format", "{{json .Config}}")) as {
      User: string;
      ExposedPorts: Record<string, unknown>;
    };
    expect(config.User).toBe("10001:10001");
    const health = JSON.parse(
      await podman("image", "inspect", IMAGE, "--format", "{{json .HealthCheck}}"),
    ) as {
      Test: string[];
    };
    expect(health.Test.join(" ")).toContain("/healthz");
    expect(Object.keys(config.ExposedPorts)).toContain("8787/tcp");
    const size = Number(await podman("image", "inspect", IMAGE, "--format", "{{.Size}}"));
    console.info(`container_image_bytes=${size} (${(size / 1e6).toFixed(0)} MB)`);
    expect(size).toBeGreaterThan(0);
  });

  it("serves, keeps an incident across a SIGTERM stop and a restart on the same volume", async () => {
    let url = await start();
    expect((await fetch(`${url}/`)).status).toBe(200);
    const uid = await podman("exec", NAME, "id", "-u");
    expect(uid).toBe("10001");
    // The image's own health check, run as the runtime would.
    const check = JSON.parse(
      await podman("image", "inspect", IMAGE, "--format", "{{json .Config.Healthcheck.Test}}"),
    ) as string[];
    await podman("exec", NAME, ...check.slice(1));

    const created = await fetch(`${url}/api/incidents`, {
      method: "POST",
      headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" },
      body: JSON.stringify({ displayName: "Survives a restart", beganAt: new Date().toISOString() }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };

    const stopped = await stop();
    expect(stopped.exitCode).toBe(0);
    expect(stopped.ms).toBeLessThan(10_000);
    console.info(`container_stop_ms=${Math.round(stopped.ms)}`);

    url = await start();
    const again = await fetch(`${url}/api/incidents/${id}`);
    expect(again.status).toBe(200);
    expect(((await again.json()) as { data: { displayName: string } }).data.displayName).toBe(
      "Survives a restart",
    );
    expect((await stop()).exitCode).toBe(0);
  });
});
