import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { OPERATIONS } from "../../src/openapi/operations";
import { api, create, insertTokenRow, json, TEST_ADMIN_TOKEN } from "../helpers/request";

const SOME_ID = "0f0e0d0c-0b0a-4909-8807-060504030201";

function concretePath(path: string): string {
  return path
    .replace("{updateOrder}", "0")
    .replace("{severityName}", "nope")
    .replace(/\{\w+\}/g, SOME_ID);
}

const guarded = OPERATIONS.filter((op) => op.auth !== "public");

describe("auth matrix for every guarded route", () => {
  const cases = guarded.map((op) => [`${op.method.toUpperCase()} ${op.path}`, op] as const);

  it.each(cases)("%s", async (_label, op) => {
    const path = concretePath(op.path);
    const method = op.method.toUpperCase();
    const body = op.method === "post" || op.method === "patch" || op.method === "put" ? {} : undefined;
    const send = (token: string | null) => api(path, { method, body, token });

    const none = await send(null);
    expect(none.status).toBe(401);
    expect(none.headers.get("WWW-Authenticate")).toMatch(/^Bearer/);
    expect(none.headers.get("Content-Type")).toBe("application/problem+json");

    const wrong = await send("bcn_not-a-real-token");
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("WWW-Authenticate")).toContain('error="invalid_token"');

    const expired = await insertTokenRow({ scopes: ["admin"], expiresAt: "2020-01-01T00:00:00.000Z" });
    expect((await send(expired)).status).toBe(401);

    const revoked = await insertTokenRow({ scopes: ["admin"], revokedAt: "2020-01-01T00:00:00.000Z" });
    expect((await send(revoked)).status).toBe(401);

    const wrongScope = await insertTokenRow({ scopes: [op.auth === "admin" ? "incidents" : "metrics"] });
    const forbidden = await send(wrongScope);
    expect(forbidden.status).toBe(403);
    expect(forbidden.headers.get("WWW-Authenticate")).toContain("insufficient_scope");

    const rightScope = await insertTokenRow({ scopes: [op.auth] });
    const allowed = await send(rightScope);
    expect([401, 403]).not.toContain(allowed.status);
    expect(allowed.headers.get("Cache-Control")).toBe("no-store");

    const admin = await send(TEST_ADMIN_TOKEN);
    expect([401, 403]).not.toContain(admin.status);
  });
});

describe("/api/tokens", () => {
  it("shows a new token once, stores only its hash, and lists it without the secret", async () => {
    const res = await api("/tokens", { body: { name: "ci", scopes: ["incidents"] } });
    expect(res.status).toBe(201);
    const { id, token } = await res.json<{ id: string; token: string }>();
    expect(token).toMatch(/^bcn_[A-Za-z0-9_-]{43}$/);
    const row = await env.DB.prepare("SELECT * FROM tokens WHERE id = ?1")
      .bind(id)
      .first<Record<string, string>>();
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row?.hash).toMatch(/^[0-9a-f]{64}$/);

    const list = await api("/tokens");
    const text = await list.text();
    expect(text).not.toContain(token);
    expect(list.headers.get("Cache-Control")).toBe("no-store");
    expect(JSON.parse(text).data.find((t: { id: string }) => t.id === id)).toEqual({
      id,
      name: "ci",
      scopes: ["incidents"],
      createdAt: expect.any(String),
      expiresAt: null,
      revokedAt: null,
      lastUsedAt: null,
    });
  });

  it("lets an incidents token write incidents and records lastUsedAt", async () => {
    const { id, token } = await json(api("/tokens", { body: { name: "writer", scopes: ["incidents"] } }));
    expect(
      (await api("/incidents", { body: { displayName: "x", beganAt: "2026-01-01T00:00:00Z" }, token }))
        .status,
    ).toBe(201);
    expect((await api("/components", { body: { displayName: "x" }, token })).status).toBe(403);
    const listed = (await json(api("/tokens"))).data.find((t: { id: string }) => t.id === id);
    expect(listed.lastUsedAt).toEqual(expect.any(String));
  });

  it("revokes a token so that it no longer authenticates", async () => {
    const { id, token } = await json(api("/tokens", { body: { name: "temp", scopes: ["admin"] } }));
    expect((await api("/tokens", { token })).status).toBe(200);
    expect((await api(`/tokens/${id}`, { method: "DELETE" })).status).toBe(204);
    expect((await api("/tokens", { token })).status).toBe(401);
    expect((await api(`/tokens/${id}`, { method: "DELETE" })).status).toBe(404);
  });

  it("refuses an unknown scope and an expiry in the past", async () => {
    const scope = await api("/tokens", { body: { name: "x", scopes: ["root"] } });
    expect(scope.status).toBe(400);
    expect((await scope.json<{ errors: { path: string }[] }>()).errors[0]?.path).toBe("scopes.0");
    const past = await api("/tokens", {
      body: { name: "x", scopes: ["admin"], expiresAt: "2020-01-01T00:00:00Z" },
    });
    expect(past.status).toBe(400);
  });

  it("rejects a write whose token is revoked while the request is in flight", async () => {
    const { id, token } = await json(api("/tokens", { body: { name: "racer", scopes: ["incidents"] } }));
    // Revoke between authentication and the write's batch: the audit guard refuses the batch.
    const { commit } = await import("../../src/http/commit");
    const fakeContext = {
      env,
      req: { method: "POST", path: "/api/incidents" },
      get: () => ({ tokenId: id, name: "racer", scopes: ["incidents"], bootstrap: false }),
    } as unknown as Parameters<typeof commit>[0];
    await api(`/tokens/${id}`, { method: "DELETE" });
    const before = await env.DB.prepare("SELECT COUNT(*) AS n FROM components").first<{ n: number }>();
    const write = commit(
      fakeContext,
      [
        env.DB.prepare(
          "INSERT INTO components (id, display_name, created_at, updated_at) VALUES (?1, 'x', 'now', 'now')",
        ).bind(crypto.randomUUID()),
      ],
      { action: "test", resourceId: null },
    );
    await expect(write).rejects.toMatchObject({ status: 401 });
    const after = await env.DB.prepare("SELECT COUNT(*) AS n FROM components").first<{ n: number }>();
    expect(after?.n).toBe(before?.n);
    expect(
      (await api("/incidents", { body: { displayName: "x", beganAt: "2026-01-01T00:00:00Z" }, token }))
        .status,
    ).toBe(401);
  });
});

describe("/api/audit", () => {
  it("records every successful write with the token, method, path and resource", async () => {
    const { token } = await json(api("/tokens", { body: { name: "auditor", scopes: ["admin"] } }));
    const id = await create("/components", { displayName: "Audited" }, token);
    const { data } = await json(api("/audit?limit=5"));
    expect(data[0]).toMatchObject({
      tokenName: "auditor",
      method: "POST",
      path: "/api/components",
      action: "component.create",
      resourceId: id,
    });
    expect((await api("/audit?limit=501")).status).toBe(400);
    expect((await api("/audit", { token })).status).toBe(200);
  });

  it("is refused without the admin scope", async () => {
    const token = await insertTokenRow({ scopes: ["incidents"] });
    expect((await api("/audit", { token })).status).toBe(403);
  });

  it("records the scopes a new token was granted", async () => {
    const { id } = await json(
      api("/tokens", { body: { name: "granted", scopes: ["incidents", "metrics"] } }),
    );
    const { data } = await json(api("/audit?limit=5"));
    expect(data.find((e: { resourceId: string }) => e.resourceId === id)).toMatchObject({
      action: "token.create",
      detail: "scopes: incidents metrics",
    });
  });
});
