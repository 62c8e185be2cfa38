import { Hono } from "hono";
import { authenticate } from "../../auth/authenticate";
import { endSessionUrl, oidcConfig } from "../../auth/oidc";
import { sha256Hex } from "../../auth/secrets";
import { endSession, newSession, SESSION_ABSOLUTE_MS, sessionCookie } from "../../auth/session";
import { auditStatement } from "../../db/audit";
import { recordSignInFailure, signInFailures } from "../../db/sessions";
import { allows } from "../../domain/scopes";
import { iso, MINUTE_MS } from "../../domain/time";
import type { AppEnv } from "../../env";
import { readForm, text } from "../../http/form";
import { Problem } from "../../http/problem";
import { readSettings } from "../../settings";
import { renderSignedOut, renderSignIn } from "../../views/console/sign-in";
import { consoleForm, localeFor, session } from "./guard";

/** Failed sign-ins a client may make per window before it must wait. */
export const SIGN_IN_LIMIT = 10;
const WINDOW_MS = 15 * MINUTE_MS;

function clientOf(req: Request): string {
  return req.headers.get("cf-connecting-ip") ?? "unknown";
}

function windowStart(now: number): string {
  return iso(Math.floor(now / WINDOW_MS) * WINDOW_MS);
}

export const signIn = new Hono<AppEnv>()
  .get("/sign-in", (c) => {
    const notice = c.req.query("done") === "signed_out" ? localeFor(c).t("c.flash.signed_out") : null;
    const sso = oidcConfig(c.env) !== null;
    return c.html(
      renderSignIn({ l: localeFor(c), pageName: readSettings(c.env).pageName, errors: [], notice, sso }),
    );
  })
  .post("/sign-in", async (c) => {
    const now = Date.now();
    const db = c.env.DB;
    const client = clientOf(c.req.raw);
    const window = windowStart(now);
    if ((await signInFailures(db, client, window)) >= SIGN_IN_LIMIT) {
      const wait = Math.ceil((Date.parse(window) + WINDOW_MS - now) / 1000);
      throw new Problem(429, localeFor(c).t("c.err.tooMany"), {
        headers: { "Retry-After": String(Math.max(1, wait)) },
      });
    }
    const form = await readForm(c);
    const token = text(form, "token");
    const caller = token && token.length <= 512 ? await authenticate(c.env, token, iso(now)) : null;
    const pageName = readSettings(c.env).pageName;
    if (!caller) {
      await recordSignInFailure(db, client, window).run();
      const errors = [{ path: "token", message: localeFor(c).t("c.err.tokenInvalid") }];
      return c.html(
        renderSignIn({ l: localeFor(c), pageName, errors, sso: oidcConfig(c.env) !== null }),
        401,
      );
    }
    if (!allows(caller, ["incidents"])) {
      const errors = [{ path: "token", message: localeFor(c).t("c.err.tokenScope") }];
      return c.html(
        renderSignIn({ l: localeFor(c), pageName, errors, sso: oidcConfig(c.env) !== null }),
        403,
      );
    }
    const credentialHash = caller.bootstrap ? await sha256Hex(await sha256Hex(token)) : undefined;
    const started = await newSession(db, caller, now, { credentialHash });
    const audit = auditStatement(db, caller, {
      at: iso(now),
      method: "POST",
      path: c.req.path,
      action: "session.create",
      resourceId: null,
    });
    await db.batch([audit, started.statement]);
    c.header("Set-Cookie", sessionCookie(started.cookie, c.req.url, SESSION_ABSOLUTE_MS / 1000));
    return c.redirect("/admin?done=signed_in", 303);
  })
  .post("/sign-out", session("incidents"), async (c) => {
    await consoleForm(c);
    const live = c.get("session");
    await endSession(c.env.DB, live.idHash).run();
    c.header("Set-Cookie", sessionCookie("", c.req.url, 0));
    const signedOut = "/admin/sign-in?done=signed_out";
    // A person from single sign-on is signed out at the provider too, where it offers that.
    const config = live.caller.person ? oidcConfig(c.env) : null;
    const base = readSettings(c.env).pageUrl || new URL(c.req.url).origin;
    const atProvider = config ? await endSessionUrl(config, `${base}${signedOut}`) : null;
    // A page that moves on by itself, not a redirect: the CSP's form-action 'self' stops a
    // form's redirect to another origin.
    if (atProvider)
      return c.html(
        renderSignedOut({ l: localeFor(c), pageName: readSettings(c.env).pageName, next: atProvider }),
      );
    return c.redirect(signedOut, 303);
  });
