/** The console's subscriber screen: counts, the list, removal and a CSV export. */
import { Hono } from "hono";
import { removeSubscriber } from "../../actions/subscribers";
import { listComponents } from "../../db/components";
import { listSubscribers } from "../../db/subscribers";
import type { AppEnv } from "../../env";
import { validate } from "../../http/input";
import { subscribersCsv, summarise } from "../../models/subscribers";
import { mailSettings } from "../../notify/mail";
import { OPS } from "../../openapi/operations";
import { readSettings } from "../../settings";
import { renderConsole } from "../../views/console/chrome";
import { SubscribersScreen } from "../../views/console/subscribers";
import { chrome, consoleForm, flash, localeFor, session } from "./guard";

export const consoleSubscribers = new Hono<AppEnv>()
  .use(session("admin"))
  .get("/", async (c) => {
    const [list, components] = await Promise.all([listSubscribers(c.env.DB), listComponents(c.env.DB)]);
    const names = new Map(components.map((x) => [x.id, x.displayName]));
    const summary = summarise(list);
    const body = SubscribersScreen({
      l: localeFor(c),
      summary,
      byComponent: Object.entries(summary.byComponent).map(([id, count]) => ({
        name:
          id === "all" ? localeFor(c).t("c.subs.all") : (names.get(id) ?? localeFor(c).t("c.subs.deleted")),
        count,
      })),
      rows: list.map((s) => ({
        ...s,
        components: s.components?.map((id) => names.get(id) ?? "(deleted)").join(", ") ?? "all",
      })),
      csrf: c.get("session").csrf,
      tz: readSettings(c.env).timeZone,
      mailConfigured: mailSettings(c.env) !== null,
    });
    return c.html(
      renderConsole({ title: localeFor(c).t("c.t.subscribers"), chrome: chrome(c), flash: flash(c), body }),
    );
  })
  .post("/:id/remove", async (c) => {
    await consoleForm(c);
    await removeSubscriber(
      c,
      validate(OPS.deleteSubscriber.params.subscriberId, c.req.param("id"), "subscriberId"),
    );
    return c.redirect("/admin/subscribers?done=deleted", 303);
  });

/** GET /admin/subscribers.csv: every subscriber, for export. */
export const consoleSubscribersCsv = new Hono<AppEnv>().use(session("admin")).get("/", async (c) => {
  const csv = subscribersCsv(await listSubscribers(c.env.DB));
  return c.body(csv, 200, {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": 'attachment; filename="subscribers.csv"',
  });
});
