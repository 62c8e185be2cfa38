import { createMiddleware } from "hono/factory";
import { touchToken } from "../db/tokens";
import { allows, type Scope } from "../domain/scopes";
import { iso, MINUTE_MS } from "../domain/time";
import type { AppEnv } from "../env";
import { Problem } from "../http/problem";
import { authenticateBearer } from "./authenticate";

const BEARER = /^Bearer[ \t]+([A-Za-z0-9._~+/=-]{1,8192})[ \t]*$/i;

function unauthorized(detail: string, error?: string): Problem {
  const challenge = error ? `Bearer realm="beacon", error="${error}"` : 'Bearer realm="beacon"';
  return new Problem(401, detail, { headers: { "WWW-Authenticate": challenge } });
}

/**
 * Requires a bearer token with one of `scopes` (admin always qualifies).
 * Authenticated answers are never cached.
 */
export function requireScope(...scopes: Scope[]) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const header = c.req.header("authorization");
    if (!header) throw unauthorized("This request needs a bearer token: Authorization: Bearer <token>");
    const match = BEARER.exec(header);
    const now = Date.now();
    const outcome = match?.[1]
      ? await authenticateBearer(c.env, match[1], iso(now))
      : ({ status: 401, detail: "The bearer token is invalid, expired or revoked" } as const);
    if ("status" in outcome) {
      if (outcome.status === 401) throw unauthorized(outcome.detail, "invalid_token");
      if (outcome.status === 503)
        throw new Problem(503, outcome.detail, { headers: { "Retry-After": "30" } });
      throw new Problem(403, outcome.detail, {
        headers: { "WWW-Authenticate": 'Bearer realm="beacon", error="insufficient_scope"' },
      });
    }
    const caller = outcome.caller;
    if (!allows(caller, scopes)) {
      throw new Problem(403, `This token lacks the scope ${scopes.map((s) => `"${s}"`).join(" or ")}`, {
        headers: {
          "WWW-Authenticate": `Bearer realm="beacon", error="insufficient_scope", scope="${scopes.join(" ")}"`,
        },
      });
    }
    c.set("caller", caller);
    if (!caller.bootstrap && !caller.person) {
      const touch = touchToken(c.env.DB, caller.tokenId, iso(now), iso(now - MINUTE_MS)).run();
      c.executionCtx.waitUntil(touch.catch((err) => console.error("token touch failed", String(err))));
    }
    await next();
    c.header("Cache-Control", "no-store");
  });
}
