import { type Context, Hono } from "hono";
import * as v from "valibot";
import { monitorsOfComponent } from "../db/monitors";
import { monitorSamples } from "../db/ticks";
import { iso } from "../domain/time";
import { isTimeZone } from "../domain/time-text";
import type { AppEnv } from "../env";
import { inputsEtag, PageCache, type RenderedPage, sendPage, strongEtag } from "../http/cached-page";
import { readParam, readQuery } from "../http/input";
import { keptLanguage, type RequestLanguage, requestLanguage } from "../http/language";
import { notFound } from "../http/problem";
import {
  byMonth,
  componentPageModel,
  incidentPageModel,
  listItem,
  type MonitorPanel,
} from "../models/detail";
import { checksDelayed } from "../models/home";
import { latencySummary } from "../models/latency";
import { queryInt, uuid } from "../schemas/common";
import { readSettings, type Settings } from "../settings";
import { currentSnapshot } from "../snapshot/current";
import { loadComponentIncidents, loadDay, loadHistoryPage, loadIncident } from "../snapshot/load";
import { rebuildSnapshot } from "../snapshot/publish";
import type { Snapshot } from "../snapshot/types";
import { ComponentPage } from "../views/component-page";
import { HistoryPage } from "../views/history-page";
import { IncidentPage } from "../views/incident-page";
import { href, renderDocument } from "../views/layout";
import { homeRenders, renderHome } from "./render-home";

const HISTORY_PAGE_SIZE = 20;
/** Rendered home pages for the rest of their minute, and what renders reuse between them. */
const homeCache = new PageCache();
const renders = homeRenders();

/** The visitor's zone from ?tz=, validated through Intl; anything else falls back to the site's. */
function zoneOf(c: Context<AppEnv>, settings: Settings): string {
  const tz = c.req.query("tz");
  return tz && isTimeZone(tz) ? tz : settings.timeZone;
}

function snapshotFor(c: Context<AppEnv>) {
  return currentSnapshot(c.env, () => rebuildSnapshot(c.env, Date.now()));
}

type Body = Parameters<typeof renderDocument>[0]["body"];

/** What every public page renders with: the zone, the language, and links that keep both. */
type View = { tz: string; language: RequestLanguage; link: (path: string) => string };

function viewOf(c: Context<AppEnv>): View {
  const settings = readSettings(c.env);
  const tz = zoneOf(c, settings);
  const language = requestLanguage(c);
  return { tz, language, link: (p) => href(p, tz, settings, keptLanguage(language)) };
}

/** A rendered page, in the view's language. */
async function show(c: Context<AppEnv>, rendered: RenderedPage | Promise<RenderedPage>, view: View) {
  return sendPage(c, await rendered, undefined, false, view.language.lang);
}

function renderPage(c: Context<AppEnv>, title: string, body: Body, view: View): string {
  const settings = readSettings(c.env);
  return renderDocument({
    title: title ? `${title} · ${settings.pageName}` : settings.pageName,
    settings,
    tz: view.tz,
    path: c.req.path,
    body,
    l: view.language.l,
    lang: keptLanguage(view.language),
    query: new URL(c.req.url).search,
  });
}

async function page(c: Context<AppEnv>, title: string, body: Body, view: View): Promise<RenderedPage> {
  const html = renderPage(c, title, body, view);
  return { body: html, etag: await strongEtag(html) };
}

const HistoryQuery = v.object({
  page: v.optional(queryInt(1, 10_000)),
  tz: v.optional(v.string()),
  /** One UTC day, as the bars link to it. */
  day: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date like 2026-11-26"),
      v.check((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), "must be a real date"),
    ),
  ),
});

/** /history?day=: the incidents of one day, which a bar's day links to. */
async function dayPage(c: Context<AppEnv>, snapshot: Snapshot, day: string, view: View, now: number) {
  const { l } = view.language;
  const items = await loadDay(c.env.DB, day);
  const list = items.map((i) => listItem(i, snapshot.bounds, now));
  const body = HistoryPage({
    day: l.day(day),
    months: byMonth(list, (t) => l.month(t, view.tz)),
    tz: view.tz,
    newer: null,
    older: null,
    link: view.link,
    l,
  });
  return page(c, l.t("history.dayTitle", { day: l.day(day) }), body, view);
}

/** Detail pages read D1 for their own data, and fall back to the snapshot when it fails. */
async function orFromSnapshot<T>(
  read: () => Promise<T>,
  fallback: () => T | null,
): Promise<{ value: T; fresh: boolean }> {
  try {
    return { value: await read(), fresh: true };
  } catch (err) {
    const value = fallback();
    if (value === null) throw err;
    console.error("page: D1 read failed, serving the snapshot", err instanceof Error ? err.message : err);
    return { value, fresh: false };
  }
}

export const pages = new Hono<AppEnv>()
  .get("/", async (c) => {
    const settings = readSettings(c.env);
    const { tz, language } = viewOf(c);
    const lang = keptLanguage(language);
    const now = Date.now();
    const { snapshot, fresh, lastTickAt } = await snapshotFor(c);
    // Rendered pages are reused for the rest of the minute: times on the page move by the minute.
    const delayed = checksDelayed(snapshot, lastTickAt, now) ? `d${lastTickAt}` : "";
    const key = `${snapshot.version}.${snapshot.builtAt}.${fresh ? 1 : 0}.${tz}.${language.lang}${lang ? "!" : ""}${settings.language}.${Math.floor(now / 60_000)}${delayed}`;
    let rendered = homeCache.get(key);
    if (!rendered) {
      rendered = {
        body: renderHome(settings, snapshot, now, { tz, l: language.l, lang }, fresh, lastTickAt, renders),
        etag: inputsEtag(key),
      };
      homeCache.set(key, rendered);
    }
    return sendPage(c, rendered, undefined, true, language.lang);
  })
  .get("/incidents/:incidentId", async (c) => {
    const view = viewOf(c);
    const id = readParam(c, "incidentId", uuid);
    const { snapshot, fresh: snapFresh } = await snapshotFor(c);
    const { value: incident, fresh } = await orFromSnapshot(
      () => loadIncident(c.env.DB, id),
      () => snapshot.incidents.find((i) => i.id === id) ?? null,
    );
    if (!incident) throw notFound(`Incident ${id}`);
    const names = new Map(snapshot.components.map((x) => [x.id, x.name]));
    const model = incidentPageModel(
      incident,
      snapshot,
      names,
      Date.now(),
      fresh && snapFresh ? null : snapshot.builtAt,
    );
    return show(
      c,
      page(c, incident.name, IncidentPage({ model, tz: view.tz, link: view.link, l: view.language.l }), view),
      view,
    );
  })
  .get("/history", async (c) => {
    const view = viewOf(c);
    const { l } = view.language;
    const { page: n = 1, day } = readQuery(c, HistoryQuery);
    const now = Date.now();
    const { snapshot } = await snapshotFor(c);
    if (day) return show(c, dayPage(c, snapshot, day, view, now), view);
    const { value: items } = await orFromSnapshot(
      () => loadHistoryPage(c.env.DB, iso(now), n, HISTORY_PAGE_SIZE),
      () =>
        n === 1 ? snapshot.incidents.filter((i) => i.beganAt <= iso(now)).slice(0, HISTORY_PAGE_SIZE) : null,
    );
    const more = items.length > HISTORY_PAGE_SIZE;
    const list = items.slice(0, HISTORY_PAGE_SIZE).map((i) => listItem(i, snapshot.bounds, now));
    const link = view.link;
    const body = HistoryPage({
      months: byMonth(list, (t) => l.month(t, view.tz)),
      tz: view.tz,
      l,
      newer: n > 1 ? link(n === 2 ? "/history" : `/history?page=${n - 1}`) : null,
      older: more ? link(`/history?page=${n + 1}`) : null,
      link,
    });
    return show(c, page(c, l.t("nav.history"), body, view), view);
  })
  .get("/components/:componentId", async (c) => {
    const view = viewOf(c);
    const id = readParam(c, "componentId", uuid);
    const now = Date.now();
    const { snapshot, fresh: snapFresh } = await snapshotFor(c);
    const component = snapshot.components.find((x) => x.id === id);
    if (!component) throw notFound(`Component ${id}`);
    const { value: incidents, fresh } = await orFromSnapshot(
      () => loadComponentIncidents(c.env.DB, id, 50),
      () => touching(snapshot, id),
    );
    const monitors = fresh ? await monitorPanels(c.env.DB, id, now) : [];
    const model = componentPageModel(
      snapshot,
      component,
      incidents,
      now,
      fresh && snapFresh ? null : snapshot.builtAt,
      view.language.l,
      monitors,
    );
    return show(
      c,
      page(
        c,
        component.name,
        ComponentPage({ model, tz: view.tz, link: view.link, l: view.language.l }),
        view,
      ),
      view,
    );
  });

/** The component's monitors with their last 24 hours, for the checks section. */
async function monitorPanels(db: D1Database, componentId: string, now: number): Promise<MonitorPanel[]> {
  try {
    const nowMinute = Math.floor(now / 60_000);
    const monitors = await monitorsOfComponent(db, componentId);
    return await Promise.all(
      monitors.map(async (m) => ({
        id: m.id,
        name: m.displayName,
        kind: m.kind,
        status: m.state.status,
        enabled: m.enabled,
        lastReason: m.state.lastReason,
        summary: latencySummary(await monitorSamples(db, m.id, nowMinute - 24 * 60), nowMinute),
      })),
    );
  } catch (err) {
    console.error("page: monitors unavailable", err instanceof Error ? err.message : err);
    return [];
  }
}

function touching(snapshot: Snapshot, componentId: string) {
  return snapshot.incidents.filter((i) => i.impacts.some((m) => m.componentId === componentId));
}
