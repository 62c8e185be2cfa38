import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer, get } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { stripCells } from "../helpers/html";
import { startRunner } from "./runner-harness";

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const dataDir = await mkdtemp(path.join(tmpdir(), "beacon-runner-"));
afterAll(() => rm(dataDir, { recursive: true, force: true }));

async function health(url: string) {
  const res = await fetch(`${url}/healthz`);
  return { status: res.status, body: await res.json() };
}

async function counts(url: string) {
  const components = (await (await fetch(`${url}/api/components`)).json()) as { data: unknown[] };
  const incidents = (await (await fetch(`${url}/api/incidents`)).json()) as { data: unknown[] };
  return { components: components.data.length, incidents: incidents.data.length };
}

/** The local cron trigger, as wrangler documents it, with the admin token unless told otherwise. */
function trigger(url: string, time: number, token: string | null, headers: Record<string, string> = {}) {
  return fetch(`${url}/cdn-cgi/handler/scheduled?cron=*+*+*+*+*&time=${time}`, {
    headers: { ...headers, ...(token ? { Authorization: `Bearer ${token}` } : {}) },
  });
}

/** Rows that hold history: none may go because of a run for a time that has not come. */
async function historyCounts(url: string, token: string) {
  const audit = (await (
    await fetch(`${url}/api/audit?limit=500`, { headers: { Authorization: `Bearer ${token}` } })
  ).json()) as {
    data: unknown[];
  };
  return { audit: audit.data.length, incidents: (await counts(url)).incidents };
}

describe("npm start", () => {
  it("serves the Worker, migrates and seeds once, and keeps the state across restarts", async () => {
    let seeded: { components: number; incidents: number } | undefined;
    const first = await startRunner({ DATA_DIR: dataDir, CRON: "0" });
    try {
      const h = await health(first.url);
      expect(h.status).toBe(200);
      expect(h.body).toMatchObject({ status: "ok", d1: true, kv: true });
      expect(first.output()).toContain("[seed] demo data added");
      seeded = await counts(first.url);
      // 3 current ones, 8 past incidents and 2 past maintenance windows.
      expect(seeded).toEqual({ components: 9, incidents: 13 });
      const home = await fetch(`${first.url}/`);
      expect(home.status).toBe(200);
      const page = await home.text();
      expect(page).toContain("<!doctype html>");
      // 90 days of demo history, every day of every bar filled: six bars whose runs add up to 90 days.
      const strips = stripCells(page);
      expect(strips.size).toBe(6);
      for (const cells of strips.values()) expect(cells.reduce((n, c) => n + c.span, 0)).toBe(90);
      expect([...strips.values()].flat().some((c) => c.level === "nodata")).toBe(false);
      expect(page).not.toMatch(/uptime over \d+ days?/);
      expect(first.output()).toMatch(
        /\[demo\] endpoints for the demo monitors: http:\/\/127\.0\.0\.1:\d+\/healthy/,
      );

      // On the wire, the home page goes gzipped (compressed once, sent as is) to a client that takes it.
      const wire = await new Promise<{ encoding: string | undefined; bytes: Buffer }>((resolve, reject) => {
        get(`${first.url}/`, { headers: { "Accept-Encoding": "gzip" } }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () =>
            resolve({ encoding: res.headers["content-encoding"], bytes: Buffer.concat(chunks) }),
          );
        }).on("error", reject);
      });
      expect(wire.encoding).toBe("gzip");
      expect(gunzipSync(wire.bytes).toString("utf8")).toBe(page);
      // A client that names no encoding (curl, say) gets the page as it is.
      const bare = await new Promise<{ encoding: string | undefined; text: string }>((resolve, reject) => {
        get(`${first.url}/`, (res) => {
          let text = "";
          res.on("data", (c: Buffer) => {
            text += c.toString("utf8");
          });
          res.on("end", () => resolve({ encoding: res.headers["content-encoding"], text }));
        }).on("error", reject);
      });
      expect(bare.encoding).toBeUndefined();
      expect(bare.text).toBe(page);

      const css = await fetch(`${first.url}/style.css`);
      expect(css.status).toBe(200);
      expect(css.headers.get("content-security-policy")).toContain("default-src 'none'");

      const token = (await readFile(path.join(dataDir, "admin-token"), "utf8")).trim();
      const tick = await trigger(first.url, 1790000000, token);
      expect(tick.status).toBe(200);
      expect(await tick.json()).toMatchObject({ outcome: "ok" });
      await first.waitFor("cron 2026-09-21T14:13:00.000Z ran");

      expect(first.output()).toMatch(/\[migrate\] applied 0001_/);
      expect(first.output()).toContain(`Admin token (shown once, kept in ${dataDir}`);
      expect(first.output()).toContain(token);
    } finally {
      expect(await first.stop("SIGINT")).toBe(0);
    }

    const second = await startRunner({ DATA_DIR: dataDir, CRON: "0" });
    try {
      expect(second.output()).toContain("[migrate] up to date");
      expect(second.output()).toContain("[seed] existing data kept");
      expect(await counts(second.url)).toEqual(seeded);
      const token = (await readFile(path.join(dataDir, "admin-token"), "utf8")).trim();
      expect(second.output()).not.toContain(token);
      // The same minute replayed after a restart is not run again.
      const tick = await trigger(second.url, 1790000000, token);
      expect(tick.status).toBe(200);
      await second.waitFor("cron 2026-09-21T14:13:00.000Z skipped: already ran");
    } finally {
      expect(await second.stop("SIGTERM")).toBe(0);
    }
  });

  it("answers the local trigger only with the admin token, and refuses runs far ahead of the clock", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "beacon-trigger-"));
    const token = "trigger-test-admin-token-0123456789";
    const runner = await startRunner({ DATA_DIR: dir, CRON: "0", ADMIN_TOKEN: token });
    try {
      const attempts: Record<string, string>[] = [
        {},
        { Host: "localhost" },
        { Host: "localhost", Authorization: "Bearer wrong" },
      ];
      for (const headers of attempts) {
        const res = await fetch(`${runner.url}/cdn-cgi/handler/scheduled?time=4102444800`, { headers });
        expect(res.status).toBe(401);
        expect(res.headers.get("content-type")).toContain("application/problem+json");
      }
      const before = await historyCounts(runner.url, token);
      const future = await trigger(runner.url, 4102444800, token);
      expect(future.status).toBe(200);
      await runner.waitFor("cron run refused: scheduled for 2100-01-01T00:00:00.000Z");
      expect(await historyCounts(runner.url, token)).toEqual(before);
      expect(runner.output()).not.toContain("cron 2100-01-01");
    } finally {
      await runner.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("listens only once migrated and seeded: / never answers 503 once /healthz has answered", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "beacon-ready-"));
    // A port the system just handed out, free (a random one could be another connection's).
    const port = await freePort();
    const seen: { path: string; status: number }[] = [];
    let polling = true;
    const poll = (async () => {
      while (polling) {
        for (const p of ["/healthz", "/"]) {
          try {
            const res = await fetch(`http://127.0.0.1:${port}${p}`);
            seen.push({ path: p, status: res.status });
            await res.body?.cancel();
          } catch {
            // Not listening yet.
          }
        }
        await new Promise((r) => setTimeout(r, 10));
      }
    })();
    const runner = await startRunner({
      DATA_DIR: dir,
      CRON: "0",
      PORT: String(port),
      DEMO_PORT: "0",
      ADMIN_TOKEN: "x".repeat(32),
    });
    try {
      await new Promise((r) => setTimeout(r, 300));
      polling = false;
      await poll;
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.filter((s) => s.status !== 200)).toEqual([]);
    } finally {
      await runner.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("warns at start when PAGE_URL is unset and the page listens beyond loopback", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "beacon-pageurl-"));
    const runner = await startRunner({
      DATA_DIR: dir,
      CRON: "0",
      SEED_DEMO: "0",
      HOST: "0.0.0.0",
      ADMIN_TOKEN: "y".repeat(32),
    });
    try {
      expect(runner.output()).toContain("[warn] PAGE_URL is not set");
    } finally {
      await runner.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
