/** Site settings, read from the Worker's vars with their documented defaults. */
import { defaultMaxIncidentChanges, defaultMaxProbes, type Plan, parsePlan } from "./domain/plan";
import { isLanguage, REFERENCE_LANGUAGE } from "./i18n/locale";

export type FooterLink = { label: string; href: string };

export type Settings = {
  pageName: string;
  /** Canonical public URL without a trailing slash; empty means "the request's origin". */
  pageUrl: string;
  pageDescription: string;
  timeZone: string;
  /** The page's default language (a catalogue's code), and the one operators write in. */
  language: string;
  /** Path of a logo file in public/, or empty. */
  logo: string;
  maintenancePreviewDays: number;
  footerLinks: FooterLink[];
  /** Alertmanager annotations that may reach the public page. */
  alertmanagerAnnotations: string[];
  /** Monitors and webhooks may target private addresses: "true", or the host:port pairs allowed. */
  privateTargets: PrivateTargets;
  /** The Cloudflare plan whose limits the budget meter and the probe default follow. */
  plan: Plan;
  /** Probes one cron run makes at most: MAX_PROBES_PER_RUN, or the plan's default when unset. */
  maxProbesPerRun: number;
  /** Transitions that open or resolve an incident one cron run applies at most: MAX_INCIDENT_CHANGES_PER_RUN, or the plan's default. */
  maxIncidentChangesPerRun: number;
};

export type PrivateTargets = { all: boolean; hosts: string[] };

function parsePrivateTargets(text: string): PrivateTargets {
  const value = text.trim();
  if (value === "true") return { all: true, hosts: [] };
  const hosts = value
    .split(",")
    .map((h) => h.trim().toLowerCase())
    .filter((h) => h && h !== "false");
  return { all: false, hosts };
}

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
  const plan = parsePlan(env.PLAN);
  const probes = Number.parseInt(env.MAX_PROBES_PER_RUN ?? "", 10);
  const changes = Number.parseInt(env.MAX_INCIDENT_CHANGES_PER_RUN ?? "", 10);
  const logo = (env.LOGO ?? "").trim().replace(/^\/+/, "");
  const settings: Settings = {
    pageName: env.PAGE_NAME || "Beacon",
    pageUrl: (env.PAGE_URL || "").replace(/\/+$/, ""),
    pageDescription: env.PAGE_DESCRIPTION || "",
    timeZone: validZone(env.TIMEZONE || "UTC"),
    language: isLanguage((env.LANGUAGE ?? "").trim()) ? (env.LANGUAGE ?? "").trim() : REFERENCE_LANGUAGE,
    logo: /^[\w./-]+$/.test(logo) && !logo.includes("..") ? logo : "",
    maintenancePreviewDays: Number.isFinite(days) && days >= 0 && days <= 366 ? days : 30,
    footerLinks: parseFooterLinks(env.FOOTER_LINKS ?? ""),
    alertmanagerAnnotations: (env.ALERTMANAGER_ANNOTATIONS ?? "summary")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
    privateTargets: parsePrivateTargets(env.ALLOW_PRIVATE_TARGETS ?? ""),
    plan,
    maxProbesPerRun: Number.isFinite(probes) && probes >= 0 ? probes : defaultMaxProbes(plan),
    maxIncidentChangesPerRun:
      Number.isFinite(changes) && changes >= 1 ? changes : defaultMaxIncidentChanges(plan),
  };
  cache.set(env, settings);
  return settings;
}
