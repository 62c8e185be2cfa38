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
import { chrome, consoleForm, flash, localeFor, session } from "./guard";
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
    localeFor(c).t("c.t.components"),
    ComponentsScreen({ l: localeFor(c), rows: ordered(list), groups, values, errors, csrf: chrome(c).csrf }),
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
  const l = localeFor(c);
  const body = html`<${ComponentForm} action=${`/admin/components/${id}`} groups=${groups} values=${initial} errors=${errors} csrf=${csrf} submit=${l.t("c.saveComponent")} l=${l} />
    <h2>${l.t("c.delete")}</h2>
    <p>${l.t("c.componentDeleteText")}</p>
    <${PostButton} action=${`/admin/components/${id}/delete`} csrf=${csrf} label=${l.t("c.deleteNamed", { name: current.displayName })} danger=${true} />`;
  return page(c, l.t("c.t.component", { name: current.displayName }), body, errors.length ? 400 : 200);
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
    l: localeFor(c),
    tokens,
    values,
    scopes,
    errors,
    csrf: chrome(c).csrf,
    tz: readSettings(c.env).timeZone,
  });
  return page(c, localeFor(c).t("c.t.tokens"), body, errors.length ? 400 : 200);
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
        localeFor(c).t("c.t.tokenCreated", { name: input.name }),
        SecretOnce({
          l: localeFor(c),
          label: localeFor(c).t("c.secret.token"),
          secret: made.token,
          next: "/admin/tokens",
        }),
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
  return page(
    c,
    localeFor(c).t("c.t.audit"),
    AuditScreen({ l: localeFor(c), rows: shown, action, next, tz: readSettings(c.env).timeZone }),
  );
});

export const consoleSettings = new Hono<AppEnv>().use(session("admin")).get("/", async (c) => {
  const s = readSettings(c.env);
  const env = c.env;
  const oidc = oidcConfig(env);
  const l = localeFor(c);
  const rows: [string, string][] = [
    [l.t("c.s.pageName"), s.pageName],
    [l.t("c.s.pageUrl"), s.pageUrl],
    [l.t("c.s.timeZone"), s.timeZone],
    [l.t("c.s.language"), s.language],
    [l.t("c.s.preview"), l.t("c.s.days", { count: s.maintenancePreviewDays })],
    [l.t("c.s.origins"), env.ALLOWED_ORIGINS ?? ""],
    [l.t("c.s.plan"), s.plan],
    [
      l.t("c.s.probes"),
      env.MAX_PROBES_PER_RUN
        ? String(s.maxProbesPerRun)
        : l.t("c.s.planDefault", { n: s.maxProbesPerRun, plan: s.plan }),
    ],
    [
      l.t("c.s.incidentChanges"),
      Number.isFinite(s.maxIncidentChangesPerRun)
        ? env.MAX_INCIDENT_CHANGES_PER_RUN
          ? String(s.maxIncidentChangesPerRun)
          : l.t("c.s.planDefault", { n: s.maxIncidentChangesPerRun, plan: s.plan })
        : l.t("c.s.noLimit"),
    ],
    [l.t("c.s.private"), env.ALLOW_PRIVATE_TARGETS ?? ""],
    [l.t("c.s.httpWebhooks"), env.ALLOW_HTTP_WEBHOOKS ?? ""],
    [l.t("c.s.metrics"), env.METRICS_PUBLIC ?? ""],
    [l.t("c.s.queue"), env.PROBE_QUEUE ? l.t("c.s.bound") : l.t("c.s.notBound")],
    [
      l.t("c.s.sessions"),
      l.t("c.s.sessionsValue", { idle: SESSION_IDLE_MS / 3_600_000, max: SESSION_ABSOLUTE_MS / 3_600_000 }),
    ],
    [l.t("c.s.signIns"), l.t("c.s.signInsValue", { n: SIGN_IN_LIMIT })],
    [l.t("c.s.issuer"), oidc?.issuer ?? l.t("c.s.off")],
    [l.t("c.s.client"), oidc?.clientId ?? ""],
    [l.t("c.s.secret"), env.OIDC_CLIENT_SECRET ? l.t("c.s.secretSet") : l.t("c.s.secretNotSet")],
    [l.t("c.s.audience"), oidc?.audience ?? ""],
    [l.t("c.s.groupsClaim"), oidc?.groupsClaim ?? ""],
    [l.t("c.s.adminGroups"), oidc?.adminGroups.join(", ") ?? ""],
    [l.t("c.s.incidentGroups"), oidc?.incidentGroups.join(", ") ?? ""],
    [l.t("c.s.emails"), oidc?.allowedEmails.join(", ") ?? ""],
    [l.t("c.s.migration"), (await appliedMigration(c.env.DB)) ?? l.t("c.s.none")],
  ];
  const usage = usageLines(await readUsage(c.env.DB, dayKey(Date.now())), s.plan);
  return page(
    c,
    localeFor(c).t("c.t.settings"),
    SettingsScreen({ l: localeFor(c), rows, usage: usageRows(usage, localeFor(c)), plan: s.plan }),
  );
});
