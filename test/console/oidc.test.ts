import { env } from "cloudflare:workers";
import { describe, expect, inject, it } from "vitest";
import { consoleGet, consolePost, csrfOf } from "../helpers/console";
import { signInAtProvider } from "../helpers/oidc-walk";
import { fingerprint, IMPACT_TYPES, ORIGIN } from "../helpers/request";
import { callWith } from "../helpers/worker";

const oidc = inject("oidc");

const SSO: Partial<Env> = {
  OIDC_ISSUER: oidc.issuer,
  OIDC_CLIENT_ID: oidc.clientId,
  OIDC_CLIENT_SECRET: oidc.clientSecret,
  OIDC_ADMIN_GROUPS: "beacon-admins",
  OIDC_INCIDENT_GROUPS: "beacon-oncall",
};

const cookiePair = (header: string) => header.split(";")[0] ?? "";

/** Begins a sign-in: the provider's URL, and the pending-login cookie. */
async function start(): Promise<{ location: URL; loginCookie: string; setCookie: string }> {
  const res = await callWith(SSO, "/admin/oidc/start", { redirect: "manual" });
  expect(res.status).toBe(303);
  const setCookie = res.headers.get("set-cookie") ?? "";
  return {
    location: new URL(res.headers.get("location") ?? ""),
    loginCookie: cookiePair(setCookie),
    setCookie,
  };
}

/** The whole sign-in for `user`: start, the provider's form, then the callback. */
async function signInAs(user: string): Promise<{ res: Response; session: string }> {
  const { location, loginCookie } = await start();
  const back = new URL(await signInAtProvider(location.toString(), user));
  expect(back.origin + back.pathname).toBe(`${ORIGIN}/admin/oidc/callback`);
  const res = await callWith(SSO, `${back.pathname}${back.search}`, {
    redirect: "manual",
    headers: { Cookie: loginCookie },
  });
  const session = (res.headers.getSetCookie?.() ?? []).find((c) => c.startsWith("beacon_session=")) ?? "";
  return { res, session: cookiePair(session) };
}

describe("console sign-in with single sign-on", () => {
  it("offers single sign-on on the sign-in page only where it is set up", async () => {
    expect(await (await callWith(SSO, "/admin/sign-in")).text()).toContain('href="/admin/oidc/start"');
    expect(await (await callWith({}, "/admin/sign-in")).text()).not.toContain("/admin/oidc/start");
    expect((await callWith({}, "/admin/oidc/start", { redirect: "manual" })).status).toBe(404);
  });

  it("sends the browser to the provider with PKCE, state and nonce, and keeps them in a Lax cookie", async () => {
    const { location, setCookie } = await start();
    expect(location.origin).toBe(oidc.issuer);
    const q = location.searchParams;
    expect(q.get("response_type")).toBe("code");
    expect(q.get("client_id")).toBe("beacon");
    expect(q.get("redirect_uri")).toBe(`${ORIGIN}/admin/oidc/callback`);
    expect(q.get("code_challenge_method")).toBe("S256");
    expect(q.get("code_challenge")).toMatch(/^[\w-]{43}$/);
    expect(q.get("state")).toMatch(/^[\w-]{43}$/);
    expect(q.get("nonce")).toMatch(/^[\w-]{43}$/);
    expect(q.get("scope")).toBe("openid email profile groups");
    expect(setCookie).toMatch(
      /^beacon_oidc=[\w-]+\.[\w-]+\.[\w-]+; Path=\/admin\/oidc; HttpOnly; SameSite=Lax; Max-Age=600; Secure$/,
    );
  });

  it("makes a console session from the callback, whose writes are audited with the person", async () => {
    const { res, session } = await signInAs("alice");
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('http-equiv="refresh" content="0;url=/admin?done=signed_in"');
    expect(page).toContain("Signed in as Alice Admin");
    expect(session).toMatch(/^beacon_session=bcs_/);
    expect(res.headers.get("set-cookie")).toContain("beacon_oidc=; Path=/admin/oidc");

    const dashboard = await consoleGet({ cookie: session, csrf: "" }, "/admin");
    expect(dashboard.status).toBe(200);
    const html = await dashboard.text();
    expect(html).toContain("Signed in as alice@ops.example");
    const s = { cookie: session, csrf: csrfOf(html) };
    const created = await consolePost(s, "/admin/templates", {
      name: "SSO template",
      title: "From SSO",
      status: "1",
      kind: IMPACT_TYPES.connectivity,
      body: "Posted by a person from the provider.",
    });
    expect(created.status).toBe(303);
    const audit = await env.DB.prepare(
      "SELECT token_id, token_name, subject, email FROM audit_log WHERE action = 'template.create' ORDER BY id DESC LIMIT 1",
    ).first();
    expect(audit).toEqual({
      token_id: "oidc",
      token_name: "Alice Admin",
      subject: "alice-sub",
      email: "alice@ops.example",
    });

    // Signing out ends the session here and sends the browser to end the provider's too.
    const out = await callWith(SSO, "/admin/sign-out", {
      method: "POST",
      redirect: "manual",
      headers: { Origin: ORIGIN, Cookie: session, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _csrf: s.csrf }).toString(),
    });
    // A page that moves on by itself: a form's redirect to another origin is stopped by form-action 'self'.
    expect(out.status).toBe(200);
    const refresh = /http-equiv="refresh" content="0;url=([^"]+)"/.exec(await out.text())?.[1] ?? "";
    const to = new URL(refresh.replace(/&amp;/g, "&"));
    expect(`${to.origin}${to.pathname}`).toBe(`${oidc.issuer}/session/end`);
    expect(to.searchParams.get("client_id")).toBe("beacon");
    expect(to.searchParams.get("post_logout_redirect_uri")).toBe(`${ORIGIN}/admin/sign-in?done=signed_out`);
    expect((await consoleGet({ cookie: session, csrf: "" }, "/admin")).status).toBe(303);
  });

  it("gives an incident group member a session without the admin screens", async () => {
    const { session } = await signInAs("bob");
    expect((await consoleGet({ cookie: session, csrf: "" }, "/admin/incidents/new")).status).toBe(200);
    expect((await consoleGet({ cookie: session, csrf: "" }, "/admin/tokens")).status).toBe(403);
  });

  it("refuses a person in no mapped group, says why, and starts no session", async () => {
    const before = await fingerprint();
    const { res, session } = await signInAs("carol");
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("&quot;marketing&quot;");
    expect(session).toBe("");
    expect(await fingerprint()).toEqual(before);
  });

  it("refuses an answer whose state is not this browser's, or that comes without the cookie", async () => {
    const { location, loginCookie } = await start();
    const back = new URL(await signInAtProvider(location.toString(), "alice"));
    const forged = new URL(back);
    forged.searchParams.set("state", "someone-elses-state-value");
    const wrongState = await callWith(SSO, `${forged.pathname}${forged.search}`, {
      headers: { Cookie: loginCookie },
    });
    expect(wrongState.status).toBe(400);
    expect(await wrongState.text()).toContain("does not belong to the sign-in this browser began");
    const noCookie = await callWith(SSO, `${back.pathname}${back.search}`);
    expect(noCookie.status).toBe(400);
    expect(noCookie.headers.getSetCookie().some((c) => c.startsWith("beacon_session="))).toBe(false);
  });

  it("refuses a code used twice, and shows the provider's own refusal", async () => {
    const { location, loginCookie } = await start();
    const back = new URL(await signInAtProvider(location.toString(), "alice"));
    const path = `${back.pathname}${back.search}`;
    expect((await callWith(SSO, path, { headers: { Cookie: loginCookie } })).status).toBe(200);
    const again = await callWith(SSO, path, { headers: { Cookie: loginCookie } });
    expect(again.status).toBe(401);
    expect(await again.text()).toContain("The identity provider refused the sign-in");

    const denied = await callWith(
      SSO,
      "/admin/oidc/callback?error=access_denied&error_description=User+said+no",
      {
        headers: { Cookie: loginCookie },
      },
    );
    expect(denied.status).toBe(401);
    expect(await denied.text()).toContain("access_denied: User said no");
  });
});
