/** The console's admin screens: components, tokens, audit and settings. */
import { type Context, Hono } from "hono";
import {
  changeComponent,
  createComponent,
  loadComponent,
  removeComponent,
  setOrder,
} from "../../actions/components";
import { createToken, revoke } from "../../actions/tokens";
import { oidcConfig } from "../../auth/oidc";
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from "../../auth/session";
import { listAudit } from "../../db/audit";
import { type Component, listComponents } from "../../db/components";
import { appliedMigration } from "../../db/migrations";
import { listTokens } from "../../db/tokens";
import { readUsage } from "../../db/usage";
import { usageLines } from "../../domain/plan";
import { DAY_MS, dayKey, iso } from "../../domain/time";
import type { AppEnv } from "../../env";
import { fieldErrors, renameErrors, text } from "../../http/form";
import { validate } from "../../http/input";
import type { FieldError } from "../../http/problem";
import { usageRows } from "../../models/console";
import { OPS } from "../../openapi/operations";
import { readSettings } from "../../settings";
import {
  AuditScreen,
  ComponentForm,
  type ComponentRow,
  ComponentsScreen,
  SecretOnce,
  SettingsScreen,
  TokensScreen,
} from "../../views/console/admin";
import { PostButton, renderConsole } from "../../views/console/chrome";
import { html, type VNode } from "../../views/html";
import { chrome, consoleForm, flash, session } from "./guard";
import { SIGN_IN_LIMIT } from "./sign-in";

type Ctx = Context<AppEnv>;

function page(c: Ctx, title: string, body: VNode, status: 200 | 400 = 200) {
  return c.html(renderConsole({ title, chrome: chrome(c), flash: flash(c), body }), status);
}

/** Top-level components in order, each followed by its members. */
function ordered(list: readonly Component[]): ComponentRow[] {
  const rows: ComponentRow[] = [];
  const row = (x: Component, depth: 0 | 1): ComponentRow => ({
    id: x.id,
    name: x.displayName,
    description: x.description,
    group: x.group,
    depth,
  });
  for (const top of list.filter((x) => x.group === null)) {
    rows.push(row(top, 0));
    for (const m of list.filter((x) => x.group === top.id)) rows.push(row(m, 1));
  }
  return rows;
}

function componentValues(form: URLSearchParams) {
  return { name: text(form, "name"), description: text(form, "description"), group: text(form, "group") };
}

function componentInput(values: Record<string, string>) {
  return { displayName: values.name, description: values.description || null, group: values.group || null };
}

async function componentsScreen(c: Ctx, values: Record<string, string> = {}, errors: FieldError[] = []) {
  const list = await listComponents(c.env.DB);
  const groups = list.filter((x) => x.group === null).map((x) => ({ id: x.id, name: x.displayName }));
  return page(
    c,
    "Components",
    ComponentsScreen({ rows: ordered(list), groups, values, errors, csrf: chrome(c).csrf }),
    errors.length ? 400 : 200,
  );
}

async function componentScreen(
  c: Ctx,
  id: string,
  values?: Record<string, string>,
  errors: FieldError[] = [],
) {
  const [current, list] = await Promise.all([loadComponent(c.env.DB, id), listComponents(c.env.DB)]);
  const groups = list
    .filter((x) => x.group === null && x.id !== id)
    .map((x) => ({ id: x.id, name: x.displayName }));
  const initial = values ?? {
    name: current.displayName,
    description: current.description ?? "",
    group: current.group ?? "",
  };
  const csrf = chrome(c).csrf;
  const body = html`<${ComponentForm} action=${`/admin/components/${id}`} groups=${groups} values=${initial} errors=${errors} csrf=${csrf} submit="Save" />
    <h2>Delete</h2>
    <p>The component leaves the page; its history stays in past incidents.</p>
    <${PostButton} action=${`/admin/components/${id}/delete`} csrf=${csrf} label=${`Delete “${current.displayName}”`} danger=${true} />`;
  return page(c, `Component “${current.displayName}”`, body, errors.length ? 400 : 200);
}

const names = { displayName: "name" };

async function move(c: Ctx, by: -1 | 1) {
  await consoleForm(c);
  const id = validate(OPS.getComponent.params.componentId, c.req.param("id"), "componentId");
  const list = await listComponents(c.env.DB);
  const me = list.find((x) => x.id === id);
  if (!me) return c.notFound();
  const siblings = list.filter((x) => x.group === me.group);
  const at = siblings.indexOf(me);
  const to = at + by;
  if (to >= 0 && to < siblings.length) {
    [siblings[at], siblings[to]] = [siblings[to] as Component, me];
    await setOrder(c, siblings, id);
  }
  return c.redirect("/admin/components?done=moved", 303);
}

export const consoleComponents = new Hono<AppEnv>()
  .use(session("admin"))
  .get("/", (c) => componentsScreen(c))
  .post("/", async (c) => {
    const values = componentValues(await consoleForm(c));
    try {
      await createComponent(c, validate(OPS.createComponent.body, componentInput(values)));
      return c.redirect("/admin/components?done=created", 303);
    } catch (err) {
      const errors = fieldErrors(err);
      if (!errors) throw err;
      return componentsScreen(c, values, renameErrors(errors, names));
    }
  })
  .get("/:id", (c) =>
    componentScreen(c, validate(OPS.getComponent.params.componentId, c.req.param("id"), "componentId")),
  )
  .post("/:id", async (c) => {
    const id = validate(OPS.getComponent.params.componentId, c.req.param("id"), "componentId");
    const values = componentValues(await consoleForm(c));
    try {
      await changeComponent(c, id, validate(OPS.updateComponent.body, componentInput(values)));
      return c.redirect("/admin/components?done=saved", 303);
    } catch (err) {
      const errors = fieldErrors(err);
      if (!errors) throw err;
      return componentScreen(c, id, values, renameErrors(errors, names));
    }
  })
  .post("/:id/up", (c) => move(c, -1))
  .post("/:id/down", (c) => move(c, 1))
  .post("/:id/delete", async (c) => {
    await consoleForm(c);
    await removeComponent(c, validate(OPS.getComponent.params.componentId, c.req.param("id"), "componentId"));
    return c.redirect("/admin/components?done=deleted", 303);
  });

async function tokensScreen(
  c: Ctx,
  values: Record<string, string> = {},
  scopes: string[] = ["incidents"],
  errors: FieldError[] = [],
) {
  const tokens = await listTokens(c.env.DB, 200);
  const body = TokensScreen({
    tokens,
    values,
    scopes,
    errors,
    csrf: chrome(c).csrf,
    tz: readSettings(c.env).timeZone,
  });
  return page(c, "Tokens", body, errors.length ? 400 : 200);
}

export const consoleTokens = new Hono<AppEnv>()
  .use(session("admin"))
  .get("/", (c) => tokensScreen(c))
  .post("/", async (c) => {
    const form = await consoleForm(c);
    const values = { name: text(form, "name"), days: text(form, "days") };
    const scopes = form.getAll("scopes");
    try {
      const days = /^\d{1,4}$/.test(values.days) ? Number(values.days) : null;
      const input = validate(OPS.createToken.body, {
        name: values.name,
        scopes,
        expiresAt: days ? iso(Date.now() + days * DAY_MS) : null,
      });
      const made = await createToken(c, input);
      // The secret is shown in this answer, never in a URL: no redirect here.
      return page(
        c,
        `Token “${input.name}” created`,
        SecretOnce({ label: "token", secret: made.token, next: "/admin/tokens" }),
      );
    } catch (err) {
      const errors = fieldErrors(err);
      if (!errors) throw err;
      return tokensScreen(c, values, scopes, renameErrors(errors, { expiresAt: "days" }));
    }
  })
  .post("/:id/revoke", async (c) => {
    await consoleForm(c);
    await revoke(c, validate(OPS.revokeToken.params.tokenId, c.req.param("id"), "tokenId"));
    return c.redirect("/admin/tokens?done=revoked", 303);
  });

const PAGE = 50;

export const consoleAudit = new Hono<AppEnv>().use(session("admin")).get("/", async (c) => {
  const action = (c.req.query("action") ?? "").trim().slice(0, 50);
  const beforeText = c.req.query("before") ?? "";
  const before = /^\d{1,15}$/.test(beforeText) ? Number(beforeText) : undefined;
  const rows = await listAudit(c.env.DB, PAGE + 1, before, action || undefined);
  const shown = rows.slice(0, PAGE);
  const last = shown.at(-1);
  const next =
    rows.length > PAGE && last
      ? `/admin/audit?${new URLSearchParams({ ...(action ? { action } : {}), before: String(last.id) })}`
      : null;
  return page(c, "Audit log", AuditScreen({ rows: shown, action, next, tz: readSettings(c.env).timeZone }));
});

export const consoleSettings = new Hono<AppEnv>().use(session("admin")).get("/", async (c) => {
  const s = readSettings(c.env);
  const env = c.env;
  const oidc = oidcConfig(env);
  const rows: [string, string][] = [
    ["Page name (PAGE_NAME)", s.pageName],
    ["Page URL (PAGE_URL)", s.pageUrl],
    ["Time zone (TIMEZONE)", s.timeZone],
    ["Maintenance shown ahead (MAINTENANCE_PREVIEW_DAYS)", `${s.maintenancePreviewDays} days`],
    ["Allowed origins (ALLOWED_ORIGINS)", env.ALLOWED_ORIGINS ?? ""],
    ["Cloudflare plan (PLAN)", s.plan],
    [
      "Probes per cron run (MAX_PROBES_PER_RUN)",
      `${s.maxProbesPerRun}${env.MAX_PROBES_PER_RUN ? "" : ` (the ${s.plan} plan's default)`}`,
    ],
    ["Private targets (ALLOW_PRIVATE_TARGETS)", env.ALLOW_PRIVATE_TARGETS ?? ""],
    ["Plain-http webhooks (ALLOW_HTTP_WEBHOOKS)", env.ALLOW_HTTP_WEBHOOKS ?? ""],
    ["Public metrics (METRICS_PUBLIC)", env.METRICS_PUBLIC ?? ""],
    ["Probe queue", env.PROBE_QUEUE ? "bound" : "not bound"],
    [
      "Console sessions",
      `end after ${SESSION_IDLE_MS / 3_600_000} h idle, ${SESSION_ABSOLUTE_MS / 3_600_000} h at most`,
    ],
    ["Failed sign-ins allowed", `${SIGN_IN_LIMIT} per client per 15 minutes`],
    ["Single sign-on issuer (OIDC_ISSUER)", oidc?.issuer ?? "off"],
    ["Single sign-on client (OIDC_CLIENT_ID)", oidc?.clientId ?? ""],
    ["Client secret (OIDC_CLIENT_SECRET)", env.OIDC_CLIENT_SECRET ? "set (not shown)" : "not set"],
    ["Bearer token audience (OIDC_AUDIENCE)", oidc?.audience ?? ""],
    ["Groups claim (OIDC_GROUPS_CLAIM)", oidc?.groupsClaim ?? ""],
    ["Admin groups (OIDC_ADMIN_GROUPS)", oidc?.adminGroups.join(", ") ?? ""],
    ["Incident groups (OIDC_INCIDENT_GROUPS)", oidc?.incidentGroups.join(", ") ?? ""],
    ["Allowed e-mail addresses (OIDC_ALLOWED_EMAILS)", oidc?.allowedEmails.join(", ") ?? ""],
    ["Applied migration", (await appliedMigration(c.env.DB)) ?? "none"],
  ];
  const usage = usageLines(await readUsage(c.env.DB, dayKey(Date.now())), s.plan);
  return page(c, "Settings", SettingsScreen({ rows, usage: usageRows(usage), plan: s.plan }));
});
