/**
 * What every console request passes: no caching, same-origin form posts
 * only (the Origin check), a live session, the screen's scope, and for a
 * POST the session's CSRF token in the form.
 */

import type { Context } from "hono";
import { csrf } from "hono/csrf";
import { createMiddleware } from "hono/factory";
import { HTTPException } from "hono/http-exception";
import { type ConsoleSession, csrfMatches, readSessionCookie, resumeSession } from "../../auth/session";
import { setSessionLanguage } from "../../db/sessions";
import { allows, type Scope } from "../../domain/scopes";
import type { AppEnv } from "../../env";
import { readForm } from "../../http/form";
import { Problem } from "../../http/problem";
import { isLanguage, type Locale, pageLocale } from "../../i18n/locale";
import { chooseLanguage } from "../../i18n/negotiate";
import { readSettings } from "../../settings";
import type { Chrome } from "../../views/console/chrome";

const sameOrigin = csrf();

/** Console answers are personal: never stored by any cache. */
export const consoleBase = createMiddleware<AppEnv>(async (c, next) => {
  try {
    await sameOrigin(c, async () => {});
  } catch (err) {
    if (err instanceof HTTPException && err.status === 403) {
      throw new Problem(403, localeFor(c).t("c.err.crossSite"));
    }
    throw err;
  }
  await next();
  c.header("Cache-Control", "no-store");
  c.header("X-Robots-Tag", "noindex");
});

/** Requires a live session whose scopes include one of `scopes` (admin always does). */
export function session(...scopes: Scope[]) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const cookie = readSessionCookie(c.req.header("cookie"));
    const live = cookie
      ? await resumeSession(c.env, cookie, Date.now(), (p) => c.executionCtx.waitUntil(p))
      : null;
    if (!live) return c.redirect("/admin/sign-in", 303);
    if (!allows(live.caller, scopes)) {
      throw new Problem(403, localeFor(c).t("c.err.scope"));
    }
    // A language chosen with ?lang= stays for the rest of the session.
    const lang = c.req.query("lang");
    if (lang && isLanguage(lang) && lang !== live.language) {
      await setSessionLanguage(c.env.DB, live.idHash, lang).run();
      live.language = lang;
    }
    c.set("caller", live.caller);
    c.set("session", live);
    await next();
  });
}

/** Reads a console form and checks its CSRF token against the session's. */
export async function consoleForm(c: Context<AppEnv>): Promise<URLSearchParams> {
  const form = await readForm(c);
  if (!(await csrfMatches(c.get("session"), form.get("_csrf")))) {
    throw new Problem(403, localeFor(c).t("c.err.csrf"));
  }
  return form;
}

/** The console's language: ?lang=, then the one chosen earlier in the session, then the browser's Accept-Language, then LANGUAGE. */
export function localeFor(c: Context<AppEnv>): Locale {
  const settings = readSettings(c.env);
  const query = c.req.query("lang");
  const kept = (c.get("session") as ConsoleSession | undefined)?.language ?? undefined;
  const chosen = chooseLanguage(
    query && isLanguage(query) ? query : kept,
    c.req.header("accept-language"),
    settings.language,
  );
  return pageLocale(chosen.lang, settings.language);
}

export function chrome(c: Context<AppEnv>): Chrome {
  const s = c.get("session");
  return {
    pageName: readSettings(c.env).pageName,
    who: s.email ?? s.caller.name,
    scopes: s.caller.scopes,
    csrf: s.csrf,
    path: c.req.path,
    l: localeFor(c),
  };
}

/** The fixed message named by `?done=`, after a redirect. */
export function flash(c: Context<AppEnv>): string | null {
  return c.req.query("done") ?? null;
}
