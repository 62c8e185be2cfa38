import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { consoleGet, consolePost, postForm, signIn } from "../helpers/console";
import { api, call, insertTokenRow } from "../helpers/request";

describe("console sign-in", () => {
  it("exchanges a valid token for a session cookie that is HttpOnly, Strict, Secure and scoped to /admin", async () => {
    const res = await postForm("/admin/sign-in", { token: "test-admin-token-0123456789abcdef" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/admin?done=signed_in");
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^beacon_session=bcs_[\w-]{43};/);
    for (const attr of ["Path=/admin", "HttpOnly", "SameSite=Strict", "Secure"])
      expect(cookie).toContain(attr);
  });

  it("refuses an unknown token, says why, and sets no cookie", async () => {
    const res = await postForm(
      "/admin/sign-in",
      { token: "not-a-token" },
      { "CF-Connecting-IP": "198.51.100.1" },
    );
    expect(res.status).toBe(401);
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(await res.text()).toContain("This token is not valid");
  });

  it("refuses a token with only the metrics scope", async () => {
    const token = await insertTokenRow({ scopes: ["metrics"] });
    const res = await postForm("/admin/sign-in", { token });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("neither the incidents nor the admin scope");
  });

  it("rate-limits failed sign-ins per client, and other clients are not affected", async () => {
    const client = { "CF-Connecting-IP": "198.51.100.99" };
    for (let i = 0; i < 10; i++)
      expect((await postForm("/admin/sign-in", { token: `wrong-${i}` }, client)).status).toBe(401);
    const limited = await postForm("/admin/sign-in", { token: "test-admin-token-0123456789abcdef" }, client);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(
      (
        await postForm(
          "/admin/sign-in",
          { token: "test-admin-token-0123456789abcdef" },
          { "CF-Connecting-IP": "198.51.100.100" },
        )
      ).status,
    ).toBe(303);
  });

  it("sends a visitor without a session to the sign-in page", async () => {
    const res = await call("/admin", { redirect: "manual" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/admin/sign-in");
  });

  it("marks every console page no-store and noindex", async () => {
    const s = await signIn();
    for (const path of ["/admin", "/admin/incidents/new", "/admin/sign-in"]) {
      const res = await consoleGet(s, path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get("cache-control"), path).toBe("no-store");
      expect(res.headers.get("content-security-policy"), path).not.toContain("script-src");
    }
  });
});

describe("console session security", () => {
  it("a stolen cookie stops working after sign-out", async () => {
    const s = await signIn();
    expect((await consoleGet(s, "/admin")).status).toBe(200);
    const out = await consolePost(s, "/admin/sign-out", {});
    expect(out.status).toBe(303);
    expect(out.headers.get("set-cookie")).toContain("Max-Age=0");
    const again = await consoleGet(s, "/admin");
    expect(again.status).toBe(303);
    expect(again.headers.get("location")).toBe("/admin/sign-in");
  });

  it("revoking a token ends its sessions", async () => {
    const made = await api("/tokens", { body: { name: "console user", scopes: ["incidents"] } });
    const { id, token } = await made.json<{ id: string; token: string }>();
    const s = await signIn(token);
    expect((await consoleGet(s, "/admin")).status).toBe(200);
    expect((await api(`/tokens/${id}`, { method: "DELETE" })).status).toBe(204);
    expect((await consoleGet(s, "/admin")).status).toBe(303);
  });

  it("refuses a cross-site POST and writes nothing", async () => {
    const s = await signIn();
    const before = await (await api("/incidents")).json<{ data: unknown[] }>();
    const res = await postForm(
      "/admin/incidents",
      { _csrf: s.csrf, title: "Forged", status: "1", kind: "" },
      { Cookie: s.cookie, Origin: "https://evil.example" },
    );
    expect(res.status).toBe(403);
    const after = await (await api("/incidents")).json<{ data: unknown[] }>();
    expect(after.data.length).toBe(before.data.length);
  });

  it("refuses a form without the session's CSRF token", async () => {
    const s = await signIn();
    for (const csrf of [undefined, "csrf_wrong", (await signIn()).csrf]) {
      const fields: Record<string, string> = { title: "No token", status: "1" };
      if (csrf) fields._csrf = csrf;
      const res = await postForm("/admin/incidents", fields, { Cookie: s.cookie });
      expect(res.status).toBe(403);
      expect(await res.text()).toContain("did not come from your session");
    }
  });

  it("an incidents session cannot reach tokens, webhooks or monitors", async () => {
    const made = await api("/tokens", { body: { name: "on call", scopes: ["incidents"] } });
    const s = await signIn((await made.json<{ token: string }>()).token);
    const dash = await (await consoleGet(s, "/admin")).text();
    for (const path of [
      "/admin/tokens",
      "/admin/webhooks",
      "/admin/monitors",
      "/admin/components",
      "/admin/audit",
    ]) {
      expect((await consoleGet(s, path)).status, path).toBe(403);
      expect(dash).not.toContain(`href="${path}"`);
    }
    expect((await consolePost(s, "/admin/tokens", { name: "x", scopes: "admin" })).status).toBe(403);
    expect(dash).toContain('href="/admin/incidents/new"');
  });

  it("the session cookie is not Secure on loopback, where the local runner serves http", async () => {
    const res = await exports.default.fetch(
      new Request("http://127.0.0.1:8787/admin/sign-in", {
        method: "POST",
        redirect: "manual",
        headers: { Origin: "http://127.0.0.1:8787", "Content-Type": "application/x-www-form-urlencoded" },
        body: "token=test-admin-token-0123456789abcdef",
      }),
    );
    expect(res.status).toBe(303);
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toContain("HttpOnly");
    expect(cookie).not.toContain("Secure");
  });
});

describe("session housekeeping", () => {
  it("the hourly cron run deletes sessions past their idle expiry", async () => {
    const { env } = await import("cloudflare:workers");
    const { runTick } = await import("../../src/scheduled/run");
    const s = await signIn();
    const count = async () =>
      (await env.DB.prepare("SELECT COUNT(*) AS n FROM sessions").first<{ n: number }>())?.n ?? 0;
    const before = await count();
    await env.DB.prepare("UPDATE sessions SET last_seen_at = '2000-01-01T00:00:00.000Z'").run();
    const hour = Math.floor(Date.now() / 3_600_000) * 3_600_000;
    await runTick(env, hour, {
      fetch: fetch,
      connect: () => {
        throw new Error("no sockets");
      },
      now: () => hour,
    });
    expect(before).toBeGreaterThan(0);
    expect(await count()).toBe(0);
    expect((await consoleGet(s, "/admin")).status).toBe(303);
  });
});
