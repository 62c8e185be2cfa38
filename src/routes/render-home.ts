import { startOfDay } from "../domain/time";
import type { Locale } from "../i18n/locale";
import { indicatorLabel } from "../i18n/words";
import { HistoryCache } from "../models/history";
import { homeModel } from "../models/home";
import type { Settings } from "../settings";
import type { Snapshot } from "../snapshot/types";
import { StripRenderer } from "../views/day-strip";
import { HomePage } from "../views/home-page";
import { href, renderDocument } from "../views/layout";

/**
 * What a home page render reuses between views: each bar's finished days
 * (data, by what they are made of) and their markup (per array of days).
 * Nothing else is cached between renders.
 */
export type HomeRenders = { history: HistoryCache; strips: StripRenderer };

export function homeRenders(): HomeRenders {
  return { history: new HistoryCache(), strips: new StripRenderer() };
}

/** The home page's bytes for one moment and zone: what a page view costs when its render is not cached. */
export function renderHome(
  settings: Settings,
  snapshot: Snapshot,
  nowMs: number,
  view: { tz: string; l: Locale; lang?: string | null },
  fresh: boolean,
  lastTickAt: string | null = snapshot.lastTickAt,
  renders: HomeRenders = homeRenders(),
): Uint8Array<ArrayBuffer> {
  const today = startOfDay(nowMs);
  const { tz, l, lang = null } = view;
  renders.strips.begin();
  const model = homeModel(snapshot, nowMs, {
    fresh,
    previewDays: settings.maintenancePreviewDays,
    lastTickAt,
    l,
    finished: (c) => renders.history.finished(snapshot, c, today, l),
  });
  const page = renderDocument({
    // The title carries the status, so a tab or a bookmark tells it at a glance.
    title: `${indicatorLabel(l, model.indicator)} · ${settings.pageName}`,
    settings,
    tz,
    path: "/",
    l,
    lang,
    query: [tz !== settings.timeZone ? `tz=${encodeURIComponent(tz)}` : "", lang ? `lang=${lang}` : ""]
      .filter(Boolean)
      .join("&"),
    body: HomePage({ model, tz, l, link: (p) => href(p, tz, settings, lang), renderer: renders.strips }),
  });
  return renders.strips.splice(page);
}
