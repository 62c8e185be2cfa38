import type { Locale } from "../i18n/locale";
import { languageNames } from "../i18n/locale";
import type { Settings } from "../settings";
import { html, render, type VNode } from "./html";
import { IconSprite } from "./icons";

export type LayoutProps = {
  title: string;
  settings: Settings;
  /** The zone times are shown in, and the page's own path, for the zone chooser. */
  tz: string;
  path: string;
  body: VNode;
  /** Extra <link rel="alternate"> feeds for this page. */
  feeds?: { title: string; href: string; type: string }[];
  l: Locale;
  /** The language the visitor chose with ?lang=, which links keep; null when it came from the browser or the default. */
  lang?: string | null;
  /** The request's query, which the language switch keeps (the zone, the page of history). */
  query?: string;
};

/** A short list keeps every page light; the site's zone and the visitor's choice are always in it. */
const COMMON_ZONES = [
  "UTC",
  "Europe/London",
  "Europe/Lisbon",
  "Europe/Paris",
  "Europe/Berlin",
  "Europe/Amsterdam",
  "Europe/Stockholm",
  "Europe/Warsaw",
  "Europe/Athens",
  "Europe/Helsinki",
  "Europe/Istanbul",
  "Europe/Moscow",
  "Africa/Johannesburg",
  "Asia/Dubai",
  "Asia/Kolkata",
  "Asia/Singapore",
  "Asia/Shanghai",
  "Asia/Tokyo",
  "Australia/Sydney",
  "Pacific/Auckland",
  "America/Sao_Paulo",
  "America/New_York",
  "America/Chicago",
  "America/Denver",
  "America/Los_Angeles",
];

function zoneChoices(tz: string, settings: Settings): string[] {
  return [...new Set([settings.timeZone, tz, ...COMMON_ZONES])];
}

/** A link that keeps a visitor's chosen zone and language. */
export function href(path: string, tz: string, settings: Settings, lang: string | null = null): string {
  const params: string[] = [];
  if (tz !== settings.timeZone) params.push(`tz=${encodeURIComponent(tz)}`);
  if (lang) params.push(`lang=${encodeURIComponent(lang)}`);
  if (!params.length) return path;
  return `${path}${path.includes("?") ? "&" : "?"}${params.join("&")}`;
}

/** The current page in another language: its query kept, `lang` replaced. */
function inLanguage(path: string, query: string, code: string): string {
  const params = new URLSearchParams(query);
  params.set("lang", code);
  return `${path}?${params}`;
}

function LanguageSwitch({ path, query, l }: { path: string; query: string; l: Locale }): VNode | null {
  const languages = languageNames();
  if (languages.length < 2) return null;
  return html`<nav class="languages" aria-label=${l.t("footer.language")}>
    <ul>${languages.map(
      (x) =>
        html`<li><a href=${inLanguage(path, query, x.code)} hreflang=${x.code} lang=${x.code} aria-current=${x.code === l.lang ? "true" : undefined}>${x.name}</a></li>`,
    )}</ul>
  </nav>`;
}

/** The document shell every page shares: one stylesheet, no script. */
export function Layout({
  title,
  settings,
  tz,
  path,
  body,
  feeds = [],
  l,
  lang = null,
  query = "",
}: LayoutProps): VNode {
  const feedLink = (p: string) => (lang ? `${p}?lang=${lang}` : p);
  const allFeeds = [
    {
      title: l.t("feed.atomTitle", { page: settings.pageName }),
      href: feedLink("/history.atom"),
      type: "application/atom+xml",
    },
    {
      title: l.t("feed.rssTitle", { page: settings.pageName }),
      href: feedLink("/history.rss"),
      type: "application/rss+xml",
    },
    ...feeds,
  ];
  const link = (p: string) => href(p, tz, settings, lang);
  return html`<html lang=${l.lang}>
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>${title}</title>
      ${settings.pageDescription ? html`<meta name="description" content=${settings.pageDescription} />` : null}
      <meta name="color-scheme" content="light dark" />
      <link rel="stylesheet" href="/style.css" />
      <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
      ${allFeeds.map((f) => html`<link rel="alternate" type=${f.type} title=${f.title} href=${f.href} />`)}
    </head>
    <body>
      <a class="skip" href="#main">${l.t("layout.skip")}</a>
      <${IconSprite} />
      <header class="site-header">
        <a class="brand" href=${link("/")}>
          ${settings.logo ? html`<img src=${`/${settings.logo}`} alt="" width="32" height="32" />` : null}
          <span>${settings.pageName}</span>
        </a>
        <nav aria-label=${l.t("layout.site")}>
          <a href=${link("/")}>${l.t("nav.status")}</a>
          <a href=${link("/history")}>${l.t("nav.history")}</a>
          <a href=${lang ? `/subscribe?lang=${lang}` : "/subscribe"}>${l.t("nav.subscribe")}</a>
        </nav>
      </header>
      ${settings.pageDescription ? html`<p class="site-description" lang=${l.written}>${settings.pageDescription}</p>` : null}
      <main id="main">${body}</main>
      <footer class="site-footer">
        <form class="tz" method="get" action=${path}>
          ${lang ? html`<input type="hidden" name="lang" value=${lang} />` : null}
          <label for="tz">${l.t("footer.timesIn")}</label>
          <select id="tz" name="tz">${zoneChoices(tz, settings).map((z) => html`<option value=${z} selected=${z === tz}>${z.replaceAll("_", " ")}</option>`)}</select>
          <button type="submit">${l.t("footer.apply")}</button>
        </form>
        <${LanguageSwitch} path=${path} query=${query} l=${l} />
        <ul class="links">
          <li><a href=${feedLink("/history.atom")}>${l.t("footer.atom")}</a></li>
          <li><a href=${feedLink("/history.rss")}>${l.t("footer.rss")}</a></li>
          <li><a href=${feedLink("/maintenance.ics")}>${l.t("footer.calendar")}</a></li>
          ${settings.footerLinks.map((f) => html`<li><a href=${f.href} lang=${l.written}>${f.label}</a></li>`)}
        </ul>
        <p>${l.t("footer.powered")}</p>
      </footer>
    </body>
  </html>`;
}

export function renderDocument(props: LayoutProps): string {
  return `<!doctype html>${render(Layout(props))}`;
}
