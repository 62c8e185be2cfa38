/**
 * Atom and RSS feeds of incident and maintenance updates, at Statuspage's
 * paths: one entry per update, newest first, with stable ids.
 */
import { generateAtomFeed, generateRssFeed } from "feedsmith";
import { incidentStatus, maintenanceStatus } from "../domain/status";
import { iso } from "../domain/time";
import type { Locale } from "../i18n/locale";
import { phaseLabel } from "../i18n/words";
import type { SnapIncident, Snapshot } from "../snapshot/types";
import { updateStatus } from "./statuspage";
import { xmlText } from "./xml-text";

export const FEED_ENTRIES = 50;

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

export type FeedEntry = {
  id: string;
  title: string;
  link: string;
  updated: string;
  html: string;
  text: string;
};

/** The newest updates of the given incidents, as feed entries. */
export function feedEntries(
  incidents: readonly SnapIncident[],
  baseUrl: string,
  nowMs: number,
  l: Locale,
): FeedEntry[] {
  const now = iso(nowMs);
  const entries: FeedEntry[] = [];
  for (const incident of incidents) {
    const current = incident.maintenance ? maintenanceStatus(incident, now) : incidentStatus(incident, now);
    const newest =
      incident.updates
        .map((u) => u.createdAt)
        .sort()
        .at(-1) ?? "";
    for (const u of incident.updates) {
      const status = updateStatus(u.title, u.createdAt === newest ? current : null, incident.maintenance);
      entries.push({
        id: `urn:uuid:${u.id}`,
        title: xmlText(`[${phaseLabel(l, status)}] ${incident.name}`),
        link: `${baseUrl}/incidents/${incident.id}`,
        updated: u.createdAt,
        html: xmlText(u.html || `<p>${escapeHtml(u.title)}</p>`),
        text: xmlText(u.text || u.title),
      });
    }
  }
  entries.sort((a, b) => (a.updated < b.updated ? 1 : a.updated > b.updated ? -1 : a.id.localeCompare(b.id)));
  return entries.slice(0, FEED_ENTRIES);
}

export type FeedMeta = {
  title: string;
  baseUrl: string;
  selfPath: string;
  updated: string;
  /** The language of the feed's own words (RSS `language`). */
  lang: string;
  /** RSS's channel description. */
  description?: string;
};

export function atomFeed(feed: FeedMeta, entries: readonly FeedEntry[]): string {
  const meta = { ...feed, title: xmlText(feed.title) };
  return generateAtomFeed({
    id: `${meta.baseUrl}${meta.selfPath}`,
    title: { value: meta.title },
    updated: new Date(entries[0]?.updated ?? meta.updated),
    links: [
      { href: `${meta.baseUrl}${meta.selfPath}`, rel: "self", type: "application/atom+xml" },
      { href: `${meta.baseUrl}/`, rel: "alternate", type: "text/html" },
    ],
    authors: [{ name: meta.title }],
    generator: { text: "Beacon" },
    xml: { lang: feed.lang },
    entries: entries.map((e) => ({
      id: e.id,
      title: { value: e.title },
      updated: new Date(e.updated),
      published: new Date(e.updated),
      links: [{ href: e.link, rel: "alternate", type: "text/html" }],
      content: { value: e.html, type: "html" },
    })),
  });
}

export function rssFeed(feed: FeedMeta, entries: readonly FeedEntry[]): string {
  const meta = { ...feed, title: xmlText(feed.title) };
  return generateRssFeed({
    title: meta.title,
    link: `${meta.baseUrl}/`,
    description: xmlText(feed.description ?? meta.title),
    language: feed.lang,
    lastBuildDate: new Date(entries[0]?.updated ?? meta.updated),
    generator: "Beacon",
    atom: { links: [{ href: `${meta.baseUrl}${meta.selfPath}`, rel: "self", type: "application/rss+xml" }] },
    items: entries.map((e) => ({
      title: e.title,
      link: e.link,
      guid: { value: e.id, isPermaLink: false },
      pubDate: new Date(e.updated),
      description: e.html,
    })),
  });
}

/** Incidents in the snapshot that touched a component. */
export function touchingComponent(snapshot: Snapshot, componentId: string): SnapIncident[] {
  return snapshot.incidents.filter((i) => i.impacts.some((m) => m.componentId === componentId));
}
