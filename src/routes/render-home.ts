import { startOfDay } from "../domain/time";
import { HistoryCache } from "../models/history";
import { homeModel } from "../models/home";
import type { Settings } from "../settings";
import type { Snapshot } from "../snapshot/types";
import { StripRenderer } from "../views/day-strip";
import { HomePage } from "../views/home-page";
import { href, renderDocument } from "../views/layout";
import { INDICATOR_LABEL } from "../views/words";

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
  tz: string,
  fresh: boolean,
  lastTickAt: string | null = snapshot.lastTickAt,
  renders: HomeRenders = homeRenders(),
): Uint8Array<ArrayBuffer> {
  const today = startOfDay(nowMs);
  renders.strips.begin();
  const model = homeModel(snapshot, nowMs, {
    fresh,
    previewDays: settings.maintenancePreviewDays,
    lastTickAt,
    finished: (c) => renders.history.finished(snapshot, c, today),
  });
  const page = renderDocument({
    // The title carries the status, so a tab or a bookmark tells it at a glance.
    title: `${INDICATOR_LABEL[model.indicator]} · ${settings.pageName}`,
    settings,
    tz,
    path: "/",
    body: HomePage({ model, tz, link: (p) => href(p, tz, settings), renderer: renders.strips }),
  });
  return renders.strips.splice(page);
}
