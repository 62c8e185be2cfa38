/** The language of a request's answer, and the locale to render it with. */
import type { Context } from "hono";
import type { AppEnv } from "../env";
import { type Locale, pageLocale } from "../i18n/locale";
import { type Chosen, chooseLanguage } from "../i18n/negotiate";
import { readSettings } from "../settings";

export type RequestLanguage = Chosen & { l: Locale };

/** `?lang=`, then Accept-Language, then LANGUAGE. */
export function requestLanguage(c: Context<AppEnv>): RequestLanguage {
  const settings = readSettings(c.env);
  const chosen = chooseLanguage(c.req.query("lang"), c.req.header("accept-language"), settings.language);
  return { ...chosen, l: pageLocale(chosen.lang, settings.language) };
}

/** The language links should carry along: only one the visitor chose in the URL. */
export function keptLanguage(chosen: Chosen): string | null {
  return chosen.from === "query" ? chosen.lang : null;
}
