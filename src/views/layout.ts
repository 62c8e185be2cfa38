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

/** A link that keeps a visitor's chosen zone. */
export function href(path: string, tz: string, settings: Settings): string {
  if (tz === settings.timeZone) return path;
  return `${path}${path.includes("?") ? "&" : "?"}tz=${encodeURIComponent(tz)}`;
}

/** The document shell every page shares: one stylesheet, no script. */
export function Layout({ title, settings, tz, path, body, feeds = [] }: LayoutProps): VNode {
  const allFeeds = [
    { title: `${settings.pageName} history (Atom)`, href: "/history.atom", type: "application/atom+xml" },
    { title: `${settings.pageName} history (RSS)`, href: "/history.rss", type: "application/rss+xml" },
    ...feeds,
  ];
  return html`<html lang="en">
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
      <a class="skip" href="#main">Skip to content</a>
      <${IconSprite} />
      <header class="site-header">
        <a class="brand" href=${href("/", tz, settings)}>
          ${settings.logo ? html`<img src=${`/${settings.logo}`} alt="" width="32" height="32" />` : null}
          <span>${settings.pageName}</span>
        </a>
        <nav aria-label="Site">
          <a href=${href("/", tz, settings)}>Status</a>
          <a href=${href("/history", tz, settings)}>History</a>
          <a href="/subscribe">Subscribe</a>
        </nav>
      </header>
      ${settings.pageDescription ? html`<p class="site-description">${settings.pageDescription}</p>` : null}
      <main id="main">${body}</main>
      <footer class="site-footer">
        <form class="tz" method="get" action=${path}>
          <label for="tz">Times shown in</label>
          <select id="tz" name="tz">${zoneChoices(tz, settings).map((z) => html`<option value=${z} selected=${z === tz}>${z.replaceAll("_", " ")}</option>`)}</select>
          <button type="submit">Apply</button>
        </form>
        <ul class="links">
          <li><a href="/history.atom">Atom feed</a></li>
          <li><a href="/history.rss">RSS feed</a></li>
          <li><a href="/maintenance.ics">Maintenance calendar</a></li>
          ${settings.footerLinks.map((l) => html`<li><a href=${l.href}>${l.label}</a></li>`)}
        </ul>
        <p>Powered by Beacon</p>
      </footer>
    </body>
  </html>`;
}

export function renderDocument(props: LayoutProps): string {
  return `<!doctype html>${render(Layout(props))}`;
}
