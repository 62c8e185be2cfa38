import { describe, expect, it } from "vitest";
import { api, call, fingerprint, TEST_ADMIN_TOKEN } from "../helpers/request";

type Problem = { status: number; detail: string; errors?: { path: string; message: string }[] };

async function expectRefused(res: Response, status: number, path?: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get("Content-Type")).toBe("application/problem+json");
  const body = await res.json<Problem>();
  expect(body.status).toBe(status);
  if (path) expect(body.errors?.map((e) => e.path)).toContain(path);
  return body;
}

describe("API input", () => {
  it("answers malformed JSON with 400 and writes nothing", async () => {
    const before = await fingerprint();
    await expectRefused(await api("/components", { body: '{"displayName": "x",' }), 400, "(body)");
    expect(await fingerprint()).toEqual(before);
  });

  it("answers a wrong content type with 415", async () => {
    const before = await fingerprint();
    const res = await api("/components", {
      body: "displayName=x",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    await expectRefused(res, 415, "(content-type)");
    const none = await call("/api/components", {
      method: "POST",
      headers: { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
      body: "{}",
    });
    expect([415]).toContain(none.status);
    expect(await fingerprint()).toEqual(before);
  });

  it("answers a body over 64 KB with 413", async () => {
    const before = await fingerprint();
    const res = await api("/components", { body: { displayName: "x", description: "a".repeat(70_000) } });
    await expectRefused(res, 413);
    expect(await fingerprint()).toEqual(before);
  });

  it("answers a wrong field type with 400 naming the field", async () => {
    const before = await fingerprint();
    const body = await expectRefused(
      await api("/components", { body: { displayName: 42 } }),
      400,
      "displayName",
    );
    expect(body.detail).toMatch(/^displayName: /);
    await expectRefused(
      await api("/components", { body: { displayName: "x", labels: { a: 1 } } }),
      400,
      "labels.a",
    );
    await expectRefused(
      await api("/components", { body: { displayName: "x", position: -1 } }),
      400,
      "position",
    );
    await expectRefused(
      await api("/incidents", { body: { displayName: "x", beganAt: "2026-02-30T00:00:00Z" } }),
      400,
      "beganAt",
    );
    await expectRefused(
      await api("/incidents", { body: { displayName: "x", beganAt: "2026-01-01T00:00:00Z", affects: {} } }),
      400,
      "affects",
    );
    await expectRefused(await api("/components", { body: [] }), 400);
    await expectRefused(await api("/components", { body: "null" }), 400, "(body)");
    await expectRefused(
      await api("/components", { body: { displayName: "nul\u0000byte" } }),
      400,
      "displayName",
    );
    await expectRefused(await api("/components", { body: { displayName: "   " } }), 400, "displayName");
    expect(await fingerprint()).toEqual(before);
  });

  it("ignores read-only fields that SCS clients send back", async () => {
    const res = await api("/components", {
      body: {
        id: "ignored",
        displayName: "Round trip",
        labels: {},
        activelyAffectedBy: [{ reference: "x" }],
      },
    });
    expect(res.status).toBe(201);
  });
});

describe("CORS", () => {
  it("answers a preflight from an allowed origin, and nothing for others", async () => {
    const { default: worker } = await import("../../src/index");
    const { env } = await import("cloudflare:workers");
    const { createExecutionContext } = await import("cloudflare:test");
    const configured = { ...env, ALLOWED_ORIGINS: "https://ui.example, https://other.example" };
    const preflight = (origin: string) =>
      worker.fetch(
        new Request("https://status.example/api/incidents", {
          method: "OPTIONS",
          headers: {
            Origin: origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type",
          },
        }),
        configured,
        createExecutionContext(),
      );
    const ok = await preflight("https://ui.example");
    expect(ok.status).toBe(204);
    expect(ok.headers.get("Access-Control-Allow-Origin")).toBe("https://ui.example");
    expect(ok.headers.get("Access-Control-Allow-Headers")?.toLowerCase()).toContain("authorization");
    expect(ok.headers.get("Access-Control-Allow-Methods")).toContain("PATCH");
    const denied = await preflight("https://evil.example");
    expect(denied.headers.get("Access-Control-Allow-Origin")).toBeNull();

    const unconfigured = await worker.fetch(
      new Request("https://status.example/api/components", { headers: { Origin: "https://ui.example" } }),
      env,
      createExecutionContext(),
    );
    expect(unconfigured.headers.get("Access-Control-Allow-Origin")).toBeNull();
  });
});
