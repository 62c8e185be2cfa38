/** Site settings, read from the Worker's vars with their documented defaults. */
export type FooterLink = { label: string; href: string };

export type Settings = {
  pageName: string;
  /** Canonical public URL without a trailing slash; empty means "the request's origin". */
  pageUrl: string;
  pageDescription: string;
  timeZone: string;
  /** Path of a logo file in public/, or empty. */
  logo: string;
  maintenancePreviewDays: number;
  footerLinks: FooterLink[];
};

const cache = new WeakMap<object, Settings>();

/** "Label|https://…, Label|/path": links must be http(s) or site-relative. */
function parseFooterLinks(text: string): FooterLink[] {
  return text
    .split(",")
    .map((part) => part.split("|").map((s) => s.trim()))
    .filter((pair): pair is [string, string] => pair.length === 2 && Boolean(pair[0]) && Boolean(pair[1]))
    .filter(([, href]) => /^(https?:\/\/|\/(?!\/))/i.test(href))
    .map(([label, href]) => ({ label, href }));
}

function validZone(tz: string): string {
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone: tz });
    return tz;
  } catch {
    return "UTC";
  }
}

export function readSettings(env: Env): Settings {
  const hit = cache.get(env);
  if (hit) return hit;
  const days = Number.parseInt(env.MAINTENANCE_PREVIEW_DAYS ?? "", 10);
  const logo = (env.LOGO ?? "").trim().replace(/^\/+/, "");
  const settings: Settings = {
    pageName: env.PAGE_NAME || "Beacon",
    pageUrl: (env.PAGE_URL || "").replace(/\/+$/, ""),
    pageDescription: env.PAGE_DESCRIPTION || "",
    timeZone: validZone(env.TIMEZONE || "UTC"),
    logo: /^[\w./-]+$/.test(logo) && !logo.includes("..") ? logo : "",
    maintenancePreviewDays: Number.isFinite(days) && days >= 0 && days <= 366 ? days : 30,
    footerLinks: parseFooterLinks(env.FOOTER_LINKS ?? ""),
  };
  cache.set(env, settings);
  return settings;
}
