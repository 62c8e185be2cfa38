import { Hono } from "hono";
import { listMonitors } from "../../db/monitors";
import { listTemplates } from "../../db/templates";
import { readUsage } from "../../db/usage";
import { listWebhooks } from "../../db/webhooks";
import { usageLines } from "../../domain/plan";
import { allows } from "../../domain/scopes";
import { dayKey } from "../../domain/time";
import type { AppEnv } from "../../env";
import { type DashboardModel, usageRows } from "../../models/console";
import { homeHeadline } from "../../models/home";
import { readSettings } from "../../settings";
import { currentSnapshot } from "../../snapshot/current";
import { rebuildSnapshot } from "../../snapshot/publish";
import { renderConsole } from "../../views/console/chrome";
import { Dashboard } from "../../views/console/incidents";
import { chrome, flash, localeFor, session } from "./guard";

/** The dashboard: what is wrong now, and the page as visitors see it. */
export const dashboard = new Hono<AppEnv>().get("/", session("incidents"), async (c) => {
  const settings = readSettings(c.env);
  const now = Date.now();
  const admin = allows(c.get("caller"), ["admin"]);
  const [current, monitors, webhooks, templates, usage] = await Promise.all([
    currentSnapshot(c.env, () => rebuildSnapshot(c.env, Date.now())),
    admin ? listMonitors(c.env.DB) : [],
    admin ? listWebhooks(c.env.DB) : [],
    listTemplates(c.env.DB),
    admin ? readUsage(c.env.DB, dayKey(now)) : null,
  ]);
  // The banner and the lists only: the dashboard draws no bars.
  const home = homeHeadline(current.snapshot, now, settings.maintenancePreviewDays);
  const model: DashboardModel = {
    indicator: home.page.indicator,
    now: home.now,
    incidents: home.incidents.map((i) => ({ id: i.id, name: i.name, status: i.status, beganAt: i.beganAt })),
    maintenance: home.maintenance.map((m) => ({
      id: m.id,
      name: m.name,
      status: m.status,
      beganAt: m.beganAt,
      endedAt: m.endedAt,
    })),
    failingMonitors: monitors
      .filter((m) => m.enabled && m.state.status !== "up")
      .map((m) => ({
        id: m.id,
        name: m.displayName,
        status: m.state.status,
        reason: m.state.lastReason,
        since: m.state.streakStartedAt,
      })),
    troubledWebhooks: webhooks
      .filter((w) => !w.enabled)
      .map((w) => ({ id: w.id, url: w.url, reason: w.disabledReason ?? "disabled" })),
    templates: templates.map((t) => ({ id: t.id, name: t.name })),
    usageWarnings: usage
      ? usageRows(usageLines(usage, settings.plan), localeFor(c)).filter((u) => u.warning)
      : [],
    plan: settings.plan,
  };
  return c.html(
    renderConsole({
      title: localeFor(c).t("c.t.dashboard"),
      chrome: chrome(c),
      flash: flash(c),
      body: Dashboard({ l: localeFor(c), model, tz: settings.timeZone }),
    }),
  );
});
