import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startRunner } from "./runner-harness";

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
      expect(seeded).toEqual({ components: 9, incidents: 3 });
      const home = await fetch(`${first.url}/`);
      expect(home.status).toBe(200);
      expect(await home.text()).toContain("<!doctype html>");

      const css = await fetch(`${first.url}/style.css`);
      expect(css.status).toBe(200);
      expect(css.headers.get("content-security-policy")).toContain("default-src 'none'");

      const tick = await fetch(`${first.url}/cdn-cgi/handler/scheduled?cron=*+*+*+*+*&time=1790000000`);
      expect(await tick.text()).toBe("ok");
      await first.waitFor("cron 2026-09-21T14:13:00.000Z ran");

      expect(first.output()).toMatch(/\[migrate\] applied 0001_/);
      const token = (await readFile(path.join(dataDir, "admin-token"), "utf8")).trim();
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
      const tick = await fetch(`${second.url}/cdn-cgi/handler/scheduled?cron=*+*+*+*+*&time=1790000000`);
      expect(await tick.text()).toBe("ok");
      await second.waitFor("cron 2026-09-21T14:13:00.000Z skipped: already ran");
    } finally {
      expect(await second.stop("SIGTERM")).toBe(0);
    }
  });
});
