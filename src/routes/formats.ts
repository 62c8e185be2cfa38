import { type Context, Hono } from "hono";
import * as v from "valibot";
import { requireScope } from "../auth/middleware";
import { listMaintenanceForCalendar } from "../db/incidents";
import { listMonitors } from "../db/monitors";
import { lastFinishedTick, latestSamples } from "../db/ticks";
import { readUsage } from "../db/usage";
import { usageLines } from "../domain/plan";
import type { ComponentStatus } from "../domain/severity";
import { componentStatuses, pageStatus } from "../domain/status";
import { DAY_MS, dayKey, iso } from "../domain/time";
import type { AppEnv } from "../env";
import {
  badgeSvg,
  INDICATOR_COLOR,
  STATUS_COLOR,
  STATUS_SHIELDS_COLOR,
  uptimeColor,
} from "../formats/badges";
import { maintenanceCalendar } from "../formats/calendar";
import { atomFeed, feedEntries, rssFeed, touchingComponent } from "../formats/feeds";
import { exposition, metricFamilies } from "../formats/metrics";
import { inputsEtag, PageCache, sendPage, strongEtag } from "../http/cached-page";
import { readParam, readQuery } from "../http/input";
import { requestLanguage } from "../http/language";
import { notFound } from "../http/problem";
import type { Locale } from "../i18n/locale";
import { uptimeOver } from "../models/history";
import { uuid } from "../schemas/common";
import { readSettings } from "../settings";
import { currentSnapshot } from "../snapshot/current";
import { rebuildSnapshot } from "../snapshot/publish";
import type { Snapshot } from "../snapshot/types";

const cache = new PageCache(64);
const BadgeQuery = v.object({
  style: v.optional(v.picklist(["flat", "flat-square"], 'must be "flat" or "flat-square"'), "flat"),
});
const UptimeQuery = v.object({
  style: v.optional(v.picklist(["flat", "flat-square"], 'must be "flat" or "flat-square"'), "flat"),
  days: v.optional(v.picklist(["30", "90"], "must be 30 or 90"), "90"),
});

function base(c: Context<AppEnv>): string {
  return readSettings(c.env).pageUrl || new URL(c.req.url).origin;
}

async function snapshotOf(c: Context<AppEnv>) {
  return currentSnapshot(c.env, () => rebuildSnapshot(c.env, Date.now()));
}

/** A derived document cached for the rest of the minute, per snapshot version and per language. */
async function cached(
  c: Context<AppEnv>,
  name: string,
  type: string,
  build: (s: Snapshot, now: number, l: Locale) => string,
) {
  const now = Date.now();
  const { snapshot } = await snapshotOf(c);
  const { l } = requestLanguage(c);
  const key = `${snapshot.version}.${snapshot.builtAt}.${Math.floor(now / 60_000)}.${base(c)}.${l.lang}.${name}`;
  let page = cache.get(key);
  if (!page) {
    page = { body: build(snapshot, now, l), etag: inputsEtag(key) };
    cache.set(key, page);
  }
  return sendPage(c, page, type, true, l.lang);
}

function statuses(snapshot: Snapshot, now: number) {
  return componentStatuses(snapshot.components, snapshot.incidents, snapshot.bounds, iso(now));
}

function componentOf(snapshot: Snapshot, id: string) {
  const component = snapshot.components.find((x) => x.id === id);
  if (!component) throw notFound(`Component ${id}`);
  return component;
}

/** Feeds, the maintenance calendar, badges and metrics. */
export const formats = new Hono<AppEnv>()
  .get("/history.atom", (c) =>
    cached(c, "atom", "application/atom+xml; charset=utf-8", (s, now, l) =>
      atomFeed(
        {
          title: l.t("feed.title", { page: readSettings(c.env).pageName }),
          baseUrl: base(c),
          selfPath: "/history.atom",
          updated: s.updatedAt,
          lang: l.lang,
        },
        feedEntries(s.incidents, base(c), now, l),
      ),
    ),
  )
  .get("/history.rss", (c) =>
    cached(c, "rss", "application/rss+xml; charset=utf-8", (s, now, l) =>
      rssFeed(
        {
          title: l.t("feed.title", { page: readSettings(c.env).pageName }),
          baseUrl: base(c),
          selfPath: "/history.rss",
          updated: s.updatedAt,
          lang: l.lang,
          description: l.t("feed.description", { page: readSettings(c.env).pageName }),
        },
        feedEntries(s.incidents, base(c), now, l),
      ),
    ),
  )
  .get("/components/:componentId/history.atom", async (c) => {
    const id = readParam(c, "componentId", uuid);
    const { snapshot } = await snapshotOf(c);
    const component = componentOf(snapshot, id);
    return cached(c, `atom-${id}`, "application/atom+xml; charset=utf-8", (s, now, l) =>
      atomFeed(
        {
          title: l.t("feed.componentTitle", {
            page: readSettings(c.env).pageName,
            component: component.name,
          }),
          baseUrl: base(c),
          selfPath: `/components/${id}/history.atom`,
          updated: s.updatedAt,
          lang: l.lang,
        },
        feedEntries(touchingComponent(s, id), base(c), now, l),
      ),
    );
  })
  .get("/maintenance.ics", async (c) => {
    const settings = readSettings(c.env);
    const rows = await listMaintenanceForCalendar(c.env.DB, iso(Date.now() - 90 * DAY_MS), 500);
    const { l } = requestLanguage(c);
    const body = maintenanceCalendar(rows, {
      name: l.t("calendar.name", { page: settings.pageName }),
      baseUrl: base(c),
      host: new URL(base(c)).host,
    });
    c.header("Content-Disposition", 'inline; filename="maintenance.ics"');
    return sendPage(c, { body, etag: await strongEtag(body) }, "text/calendar; charset=utf-8", false, l.lang);
  })
  .get("/badge.svg", async (c) => {
    const { style } = readQuery(c, BadgeQuery);
    return cached(c, `badge-${style}`, "image/svg+xml; charset=utf-8", (s, now, l) => {
      const st = statuses(s, now);
      const page = pageStatus(st.values(), s.incidents, s.bounds, iso(now));
      const words =
        page.description === "Partially Degraded Service"
          ? l.t("badge.degraded")
          : l.t(`badge.${page.indicator}`);
      return badgeSvg(l.t("badge.status"), words, INDICATOR_COLOR[page.indicator], style);
    });
  })
  .get("/components/:componentId/badge.svg", async (c) => {
    const id = readParam(c, "componentId", uuid);
    const { style } = readQuery(c, BadgeQuery);
    return cached(c, `badge-${id}-${style}`, "image/svg+xml; charset=utf-8", (s, now, l) => {
      const component = componentOf(s, id);
      const status = statuses(s, now).get(id) ?? "operational";
      return badgeSvg(component.name, l.t(`badgeStatus.${status}`), STATUS_COLOR[status], style);
    });
  })
  .get("/components/:componentId/uptime.svg", async (c) => {
    const id = readParam(c, "componentId", uuid);
    const { style, days } = readQuery(c, UptimeQuery);
    return cached(c, `uptime-${id}-${style}-${days}`, "image/svg+xml; charset=utf-8", (s, now, l) => {
      const ratio = uptimeOver(s, componentOf(s, id), now, Number(days));
      return badgeSvg(l.t("badge.uptime", { days }), l.uptime(ratio), uptimeColor(ratio), style);
    });
  })
  .get("/components/:componentId/shields.json", async (c) => {
    const id = readParam(c, "componentId", uuid);
    return cached(c, `shields-${id}`, "application/json; charset=utf-8", (s, now, l) => {
      const status: ComponentStatus = statuses(s, now).get(id) ?? "operational";
      return JSON.stringify({
        schemaVersion: 1,
        label: componentOf(s, id).name,
        message: l.t(`badgeStatus.${status}`),
        color: STATUS_SHIELDS_COLOR[status],
      });
    });
  })
  .get(
    "/metrics",
    async (c, next) => (c.env.METRICS_PUBLIC === "true" ? next() : requireScope("metrics")(c, next)),
    async (c) => {
      const now = Date.now();
      const { snapshot } = await snapshotOf(c);
      const { plan } = readSettings(c.env);
      const [monitors, samples, tick, usage] = await Promise.all([
        listMonitors(c.env.DB),
        latestSamples(c.env.DB),
        lastFinishedTick(c.env.DB),
        readUsage(c.env.DB, dayKey(now)),
      ]);
      const families = metricFamilies({
        snapshot,
        monitors,
        samples,
        lastTickAt: tick?.finishedAt ?? null,
        now,
        usage: usageLines(usage, plan),
        plan,
      });
      c.header("Cache-Control", "no-store");
      return c.body(exposition(families), 200, {
        "Content-Type": "text/plain; version=0.0.4; charset=utf-8",
      });
    },
  );
