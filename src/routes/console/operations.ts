/** The console's monitor and webhook screens, on the same actions as the API. */
import { type Context, Hono } from "hono";
import { createMonitor, loadMonitor, patchMonitor, removeMonitor } from "../../actions/monitors";
import { changeWebhook, createWebhook, loadWebhook, redeliver, removeWebhook } from "../../actions/webhooks";
import { listMonitors } from "../../db/monitors";
import { monitorSamples } from "../../db/ticks";
import { listDeliveries, listWebhooks } from "../../db/webhooks";
import { EVENT_TYPES } from "../../domain/events";
import type { Monitor } from "../../domain/monitor";
import { MINUTE_MS } from "../../domain/time";
import type { AppEnv } from "../../env";
import { fieldErrors, integer, renameErrors, text } from "../../http/form";
import { validate } from "../../http/input";
import type { FieldError } from "../../http/problem";
import { targetRefusal } from "../../net/targets";
import { OPS } from "../../openapi/operations";
import { runProbe } from "../../probes/run";
import { liveProbeDeps } from "../../scheduled/run";
import { readSettings } from "../../settings";
import { SecretOnce } from "../../views/console/admin";
import { renderConsole } from "../../views/console/chrome";
import {
  type CheckView,
  MonitorDetail,
  MonitorForm,
  MonitorList,
  WebhookDetail,
  WebhooksScreen,
} from "../../views/console/operations";
import { html, type VNode } from "../../views/html";
import { loadCatalogue } from "./catalogue";
import { chrome, consoleForm, flash, localeFor, session } from "./guard";

type Ctx = Context<AppEnv>;

function page(c: Ctx, title: string, body: VNode, status: 200 | 400 = 200) {
  return c.html(renderConsole({ title, chrome: chrome(c), flash: flash(c), body }), status);
}

function monitorId(c: Ctx): string {
  return validate(OPS.getMonitor.params.monitorId, c.req.param("id"), "monitorId");
}

function target(m: Monitor): string {
  if (m.kind === "http") return String(m.config.url ?? "");
  if (m.kind === "tcp") return `${m.config.host}:${m.config.port}`;
  return "";
}

function monitorValues(form: URLSearchParams): Record<string, string> {
  const keys = [
    "name",
    "kind",
    "url",
    "host",
    "port",
    "interval",
    "failureThreshold",
    "component",
    "severity",
  ];
  return Object.fromEntries(keys.map((k) => [k, text(form, k)]));
}

/** The API's monitor body for a form: only the fields of the chosen kind. */
function monitorInput(form: URLSearchParams, values: Record<string, string>): Record<string, unknown> {
  const minutes = integer(form, "interval");
  const input: Record<string, unknown> = {
    displayName: values.name,
    kind: values.kind,
    intervalSeconds: minutes === undefined ? undefined : minutes * 60,
    failureThreshold: integer(form, "failureThreshold"),
    component: values.component || null,
    severity: integer(form, "severity"),
  };
  if (values.kind === "http") input.url = values.url;
  if (values.kind === "tcp") Object.assign(input, { host: values.host, port: integer(form, "port") });
  return input;
}

const MONITOR_FIELDS = { displayName: "name", intervalSeconds: "interval" };

async function monitorsScreen(c: Ctx, values?: Record<string, string>, errors: FieldError[] = []) {
  const [list, catalogue] = await Promise.all([listMonitors(c.env.DB), loadCatalogue(c.env.DB)]);
  const rows = list.map((m) => ({
    id: m.id,
    name: m.displayName,
    kind: m.kind,
    target: target(m),
    status: m.state.status,
    enabled: m.enabled,
    reason: m.state.lastReason,
  }));
  const initial = values ?? {
    kind: "http",
    interval: "1",
    failureThreshold: "3",
    severity: String(catalogue.levels.at(-1)?.value ?? 100),
  };
  const l = localeFor(c);
  const body = html`<${MonitorList} rows=${rows} l=${l} /><h2>${l.t("c.newMonitor")}</h2>
    <${MonitorForm} action="/admin/monitors" catalogue=${catalogue} values=${initial} errors=${errors} csrf=${chrome(c).csrf} submit=${l.t("c.createMonitor")} l=${l} />`;
  return page(c, l.t("c.t.monitors"), body, errors.length ? 400 : 200);
}

async function monitorScreen(
  c: Ctx,
  id: string,
  extra: { check?: CheckView; values?: Record<string, string>; errors?: FieldError[] } = {},
) {
  const [m, catalogue] = await Promise.all([loadMonitor(c.env.DB, id), loadCatalogue(c.env.DB)]);
  const samples = await monitorSamples(c.env.DB, id, Math.floor(Date.now() / MINUTE_MS) - 60);
  const errors = extra.errors ?? [];
  const values = extra.values ?? {
    name: m.displayName,
    kind: m.kind,
    url: String(m.config.url ?? ""),
    host: String(m.config.host ?? ""),
    port: m.config.port === undefined ? "" : String(m.config.port),
    interval: String(m.intervalSeconds / 60),
    failureThreshold: String(m.failureThreshold),
    component: m.componentId ?? "",
    severity: String(m.severity),
  };
  const health = ["up", "degraded", "down"];
  const body = MonitorDetail({
    l: localeFor(c),
    id,
    status: m.state.status,
    enabled: m.enabled,
    reason: m.state.lastReason,
    samples: samples
      .slice(-20)
      .reverse()
      .map((s) => ({
        at: new Date(s.minute * 60_000).toISOString(),
        health: health[s.sample[1]] ?? "down",
        latencyMs: s.sample[0],
        statusCode: s.sample[2],
        reason: s.sample[3],
      })),
    check: extra.check ?? null,
    csrf: chrome(c).csrf,
    tz: readSettings(c.env).timeZone,
    form: MonitorForm({
      l: localeFor(c),
      action: `/admin/monitors/${id}`,
      catalogue,
      values,
      errors,
      csrf: chrome(c).csrf,
      submit: localeFor(c).t("c.saveMonitor"),
      kindFixed: true,
    }),
  });
  return page(c, localeFor(c).t("c.t.monitor", { name: m.displayName }), body, errors.length ? 400 : 200);
}

export const consoleMonitors = new Hono<AppEnv>()
  .use(session("admin"))
  .get("/", (c) => monitorsScreen(c))
  .post("/", async (c) => {
    const form = await consoleForm(c);
    const values = monitorValues(form);
    try {
      const made = await createMonitor(c, validate(OPS.createMonitor.body, monitorInput(form, values)));
      if (made.heartbeatSecret) {
        const url = `${new URL(c.req.url).origin}/api/heartbeats/${made.heartbeatSecret}`;
        return page(
          c,
          localeFor(c).t("c.t.monitorCreated"),
          SecretOnce({
            l: localeFor(c),
            label: localeFor(c).t("c.secret.heartbeat"),
            secret: url,
            next: `/admin/monitors/${made.id}`,
          }),
        );
      }
      return c.redirect(`/admin/monitors/${made.id}?done=created`, 303);
    } catch (err) {
      const errors = fieldErrors(err);
      if (!errors) throw err;
      return monitorsScreen(c, values, renameErrors(errors, MONITOR_FIELDS));
    }
  })
  .get("/:id", (c) => monitorScreen(c, monitorId(c)))
  .post("/:id", async (c) => {
    const id = monitorId(c);
    const form = await consoleForm(c);
    const values = monitorValues(form);
    try {
      await patchMonitor(c, id, validate(OPS.updateMonitor.body, monitorInput(form, values)));
      return c.redirect(`/admin/monitors/${id}?done=saved`, 303);
    } catch (err) {
      const errors = fieldErrors(err);
      if (!errors) throw err;
      return monitorScreen(c, id, { values, errors: renameErrors(errors, MONITOR_FIELDS) });
    }
  })
  .post("/:id/check", async (c) => {
    await consoleForm(c);
    const id = monitorId(c);
    const m = await loadMonitor(c.env.DB, id);
    const allowed = readSettings(c.env).privateTargets;
    const r = await runProbe(m, { ...liveProbeDeps(), refuse: (url) => targetRefusal(url, allowed) });
    return monitorScreen(c, id, {
      check: {
        health: r.health,
        latencyMs: r.latencyMs,
        statusCode: r.statusCode,
        detail: r.detail ?? r.reason,
      },
    });
  })
  .post("/:id/pause", async (c) => {
    await consoleForm(c);
    await patchMonitor(c, monitorId(c), { enabled: false });
    return c.redirect(`/admin/monitors/${monitorId(c)}?done=paused`, 303);
  })
  .post("/:id/resume", async (c) => {
    await consoleForm(c);
    await patchMonitor(c, monitorId(c), { enabled: true });
    return c.redirect(`/admin/monitors/${monitorId(c)}?done=resumed`, 303);
  })
  .post("/:id/delete", async (c) => {
    await consoleForm(c);
    await removeMonitor(c, monitorId(c));
    return c.redirect("/admin/monitors?done=deleted", 303);
  });

function webhookId(c: Ctx): string {
  return validate(OPS.getWebhook.params.webhookId, c.req.param("id"), "webhookId");
}

async function webhooksScreen(
  c: Ctx,
  values: Record<string, string> = { format: "statuspage" },
  chosen: string[] = [...EVENT_TYPES],
  errors: FieldError[] = [],
) {
  const rows = await listWebhooks(c.env.DB);
  const body = WebhooksScreen({
    l: localeFor(c),
    rows,
    events: EVENT_TYPES,
    values,
    chosen,
    errors,
    csrf: chrome(c).csrf,
  });
  return page(c, localeFor(c).t("c.t.webhooks"), body, errors.length ? 400 : 200);
}

export const consoleWebhooks = new Hono<AppEnv>()
  .use(session("admin"))
  .get("/", (c) => webhooksScreen(c))
  .post("/", async (c) => {
    const form = await consoleForm(c);
    const values = { url: text(form, "url"), format: text(form, "format") };
    const events = form.getAll("events");
    try {
      const made = await createWebhook(c, validate(OPS.createWebhook.body, { ...values, events }));
      return page(
        c,
        localeFor(c).t("c.t.webhookCreated"),
        SecretOnce({
          l: localeFor(c),
          label: localeFor(c).t("c.secret.signing"),
          secret: made.secret,
          next: `/admin/webhooks/${made.id}`,
        }),
      );
    } catch (err) {
      const errors = fieldErrors(err);
      if (!errors) throw err;
      return webhooksScreen(c, values, events, errors);
    }
  })
  .get("/:id", async (c) => {
    const id = webhookId(c);
    const [w, deliveries] = await Promise.all([loadWebhook(c.env.DB, id), listDeliveries(c.env.DB, id, 50)]);
    const body = WebhookDetail({
      l: localeFor(c),
      id,
      enabled: w.enabled,
      reason: w.disabledReason,
      deliveries,
      csrf: chrome(c).csrf,
      tz: readSettings(c.env).timeZone,
    });
    return page(c, localeFor(c).t("c.t.webhook", { url: w.url }), body);
  })
  .post("/:id/disable", async (c) => {
    await consoleForm(c);
    await changeWebhook(c, webhookId(c), { enabled: false });
    return c.redirect(`/admin/webhooks/${webhookId(c)}?done=disabled`, 303);
  })
  .post("/:id/enable", async (c) => {
    await consoleForm(c);
    await changeWebhook(c, webhookId(c), { enabled: true });
    return c.redirect(`/admin/webhooks/${webhookId(c)}?done=enabled`, 303);
  })
  .post("/:id/delete", async (c) => {
    await consoleForm(c);
    await removeWebhook(c, webhookId(c));
    return c.redirect("/admin/webhooks?done=deleted", 303);
  })
  .post("/:id/deliveries/:delivery/redeliver", async (c) => {
    await consoleForm(c);
    const id = webhookId(c);
    await redeliver(c, id, validate(OPS.redeliver.params.deliveryId, c.req.param("delivery"), "deliveryId"));
    return c.redirect(`/admin/webhooks/${id}?done=queued`, 303);
  });
