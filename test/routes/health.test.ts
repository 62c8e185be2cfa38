import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

import { REQUIRED_MIGRATION } from "../../src/db/migrations";
import { faultyD1, faultyKV } from "../helpers/faults";
import { callWith } from "../helpers/worker";

describe("GET /healthz", () => {
  it("reports D1 and KV up with the applied migration", async () => {
    const res = await exports.default.fetch("https://status.example/healthz");
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    const body = await res.json<Record<string, unknown>>();
    expect(body).toEqual({ status: "ok", migration: expect.stringMatching(/^\d{4}_/), d1: true, kv: true });
  });
});

describe("GET /healthz when storage fails", () => {
  it("answers 503 naming what does not answer", async () => {
    const d1Down = await callWith({ DB: faultyD1(env.DB, { failOn: "all" }).db }, "/healthz");
    expect(d1Down.status).toBe(503);
    expect(await d1Down.json()).toEqual({ status: "degraded", migration: null, d1: false, kv: true });
    const kvDown = await callWith({ SNAPSHOTS: faultyKV(env.SNAPSHOTS, { failOn: "all" }).kv }, "/healthz");
    expect(kvDown.status).toBe(503);
    expect(await kvDown.json()).toMatchObject({ d1: true, kv: false });
  });
});

describe("GET /healthz while migrations are pending", () => {
  it("answers 503 naming the migration it waits for, as a readiness probe must", async () => {
    // A state whose newest applied migration is older than the code needs.
    await env.DB.prepare("INSERT INTO d1_migrations (id, name) VALUES (100000, '0001_older.sql')").run();
    try {
      const res = await exports.default.fetch("https://status.example/healthz");
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({
        status: "migrating",
        migration: "0001_older.sql",
        required: REQUIRED_MIGRATION,
      });
    } finally {
      await env.DB.prepare("DELETE FROM d1_migrations WHERE id = 100000").run();
    }
  });

  it("requires the newest migration in migrations/", async () => {
    const names = (env.TEST_MIGRATIONS as { name: string }[]).map((m) => m.name).sort();
    expect(REQUIRED_MIGRATION).toBe(names.at(-1));
  });
});
