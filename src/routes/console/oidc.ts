/**
 * Console sign-in with the OpenID provider: /admin/oidc/start sends the
 * browser there (authorization code flow with PKCE, state and nonce), and
 * /admin/oidc/callback turns its answer into the same console session a
 * token sign-in makes.
 */

import { type Context, Hono } from "hono";
import { personCaller } from "../../auth/authenticate";
import {
  authorizationRequest,
  completeLogin,
  type OidcConfig,
  OidcError,
  oidcConfig,
  type PendingLogin,
} from "../../auth/oidc";
import { digestsEqual, sha256 } from "../../auth/secrets";
import { isLoopback, newSession, SESSION_ABSOLUTE_MS, sessionCookie } from "../../auth/session";
import { auditStatement } from "../../db/audit";
import { scopesFromClaims } from "../../domain/oidc-roles";
import { iso } from "../../domain/time";
import type { AppEnv } from "../../env";
import { notFound } from "../../http/problem";
import { readSettings } from "../../settings";
import { renderSignedIn, renderSignIn } from "../../views/console/sign-in";
import { localeFor } from "./guard";

const LOGIN_COOKIE = "beacon_oidc";
const LOGIN_TTL_S = 600;

/** Where the provider sends the browser back; register it with the provider. */
export function callbackUrl(c: Context<AppEnv>): string {
  return `${readSettings(c.env).pageUrl || new URL(c.req.url).origin}/admin/oidc/callback`;
}

/**
 * The pending sign-in rides in its own cookie, readable only here. SameSite=Lax,
 * because the provider's redirect back is a cross-site navigation.
 */
function loginCookie(value: string, requestUrl: string, maxAge: number): string {
  const secure = isLoopback(requestUrl) ? "" : "; Secure";
  return `${LOGIN_COOKIE}=${value}; Path=/admin/oidc; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${secure}`;
}

function readLoginCookie(header: string | undefined): PendingLogin | null {
  for (const part of (header ?? "").split(";")) {
    const [name, value] = part.trim().split("=");
    if (name !== LOGIN_COOKIE || !value) continue;
    const [state, nonce, verifier] = value.split(".");
    if (state && nonce && verifier) return { state, nonce, verifier };
  }
  return null;
}

function configured(c: Context<AppEnv>): OidcConfig {
  const config = oidcConfig(c.env);
  if (!config) throw notFound("Single sign-on is not set up on this page (OIDC_ISSUER, OIDC_CLIENT_ID).");
  return config;
}

function refuse(c: Context<AppEnv>, status: 400 | 401 | 403 | 502, message: string) {
  c.header("Set-Cookie", loginCookie("", c.req.url, 0));
  return c.html(
    renderSignIn({
      l: localeFor(c),
      pageName: readSettings(c.env).pageName,
      errors: [{ path: "sso", message }],
      sso: oidcConfig(c.env) !== null,
    }),
    status,
  );
}

async function sameText(a: string, b: string): Promise<boolean> {
  return digestsEqual(await sha256(a), await sha256(b));
}

export const oidcSignIn = new Hono<AppEnv>()
  .get("/start", async (c) => {
    const config = configured(c);
    try {
      const { url, pending } = await authorizationRequest(config, callbackUrl(c));
      c.header(
        "Set-Cookie",
        loginCookie(`${pending.state}.${pending.nonce}.${pending.verifier}`, c.req.url, LOGIN_TTL_S),
      );
      return c.redirect(url, 303);
    } catch (err) {
      if (err instanceof OidcError) return refuse(c, 502, err.message);
      throw err;
    }
  })
  .get("/callback", async (c) => {
    const config = configured(c);
    const pending = readLoginCookie(c.req.header("cookie"));
    const q = c.req.query();
    if (q.error) {
      const said = q.error_description ? `${q.error}: ${q.error_description}` : q.error;
      return refuse(c, 401, `The identity provider did not sign you in (${said.slice(0, 300)}).`);
    }
    if (!pending) {
      return refuse(c, 400, "This sign-in began too long ago or in another browser. Start it again.");
    }
    if (!q.state || !(await sameText(q.state, pending.state))) {
      return refuse(c, 400, "This answer does not belong to the sign-in this browser began. Start it again.");
    }
    // RFC 9207: where the provider names itself, it must be the configured issuer.
    if (q.iss && q.iss.replace(/\/+$/, "") !== config.issuer) {
      return refuse(c, 400, "The answer came from another identity provider than the one configured.");
    }
    if (!q.code) return refuse(c, 400, "The identity provider's answer has no authorization code.");
    let claims: Record<string, unknown>;
    try {
      claims = await completeLogin(config, callbackUrl(c), q.code, pending);
    } catch (err) {
      if (err instanceof OidcError) return refuse(c, 401, err.message);
      throw err;
    }
    const decision = scopesFromClaims(claims, config);
    if ("refused" in decision) return refuse(c, 403, decision.refused);
    const caller = personCaller(claims, decision.scopes);
    const now = Date.now();
    const started = await newSession(c.env.DB, caller, now, {
      subject: caller.person?.subject,
      email: caller.person?.email ?? undefined,
    });
    await c.env.DB.batch([
      auditStatement(c.env.DB, caller, {
        at: iso(now),
        method: "GET",
        path: c.req.path,
        action: "session.create",
        resourceId: null,
        detail: "single sign-on",
      }),
      started.statement,
    ]);
    c.header("Set-Cookie", loginCookie("", c.req.url, 0));
    c.header("Set-Cookie", sessionCookie(started.cookie, c.req.url, SESSION_ABSOLUTE_MS / 1000), {
      append: true,
    });
    // A page of our own, not a redirect: the session cookie is SameSite=Strict, and a
    // redirect chain that began at the provider would not send it to /admin.
    return c.html(
      renderSignedIn({ l: localeFor(c), pageName: readSettings(c.env).pageName, name: caller.name }),
    );
  });
