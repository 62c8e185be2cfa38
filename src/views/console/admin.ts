/** The admin screens: components, tokens, webhooks, audit and settings. */
import type { Locale } from "../../i18n/locale";
import type { Choice, UsageRow } from "../../models/console";
import { html, type VNode } from "../html";
import { Time } from "../time";
import { Csrf, ErrorSummary, Field, type FieldError, PostButton } from "./chrome";

export type ComponentRow = {
  id: string;
  name: string;
  description: string | null;
  group: string | null;
  depth: 0 | 1;
};

function Move({
  row,
  csrf,
  first,
  last,
  l,
}: {
  row: ComponentRow;
  csrf: string;
  first: boolean;
  last: boolean;
  l: Locale;
}): VNode {
  return html`${first ? null : html`<${PostButton} action=${`/admin/components/${row.id}/up`} csrf=${csrf} label=${l.t("c.moveUp", { name: row.name })} />`}
    ${last ? null : html`<${PostButton} action=${`/admin/components/${row.id}/down`} csrf=${csrf} label=${l.t("c.moveDown", { name: row.name })} />`}`;
}

export function ComponentsScreen(props: {
  rows: ComponentRow[];
  groups: Choice[];
  values: Record<string, string>;
  errors: readonly FieldError[];
  csrf: string;
  l: Locale;
}): VNode {
  const { rows, groups, values, errors, csrf, l } = props;
  const siblings = (r: ComponentRow) => rows.filter((x) => x.group === r.group);
  return html`
    ${
      rows.length === 0
        ? html`<p>${l.t("c.noComponentsYet")}</p>`
        : html`<ul class="rows">${rows.map((r) => {
            const sib = siblings(r);
            return html`<li class=${r.depth ? "member" : undefined}>
            ${r.depth ? html`<span aria-hidden="true">↳ </span>` : null}<strong>${r.name}</strong>
            <span class="row-actions">
              <a href=${`/admin/components/${r.id}`}>${l.t("c.edit")}<span class="vh"> ${r.name}</span></a>
              <${Move} l=${l} row=${r} csrf=${csrf} first=${sib[0]?.id === r.id} last=${sib.at(-1)?.id === r.id} />
            </span>
          </li>`;
          })}</ul>`
    }
    <h2>${l.t("c.newComponent")}</h2>
    <${ComponentForm} action="/admin/components" groups=${groups} values=${values} errors=${errors} csrf=${csrf} submit=${l.t("c.createComponent")} l=${l} />`;
}

export function ComponentForm(props: {
  action: string;
  groups: Choice[];
  values: Record<string, string>;
  errors: readonly FieldError[];
  csrf: string;
  submit: string;
  l: Locale;
}): VNode {
  const { values, errors, l } = props;
  return html`<${ErrorSummary} errors=${errors} l=${l} />
    <form method="post" action=${props.action} novalidate>
      <${Csrf} token=${props.csrf} />
      <${Field} name="name" label=${l.t("c.f.name")} value=${values.name} errors=${errors} required=${true} />
      <${Field} name="description" label=${l.t("c.f.componentDescription")} value=${values.description} errors=${errors} />
      <${Field} name="group" label=${l.t("c.f.group")} value=${values.group ?? ""} errors=${errors} options=${[{ value: "", label: l.t("c.noGroup") }, ...props.groups.map((g) => ({ value: g.id, label: g.name }))]} />
      <button type="submit">${props.submit}</button>
    </form>`;
}

export type TokenRowView = {
  id: string;
  name: string;
  scopes: string[];
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
};

export function TokensScreen(props: {
  tokens: TokenRowView[];
  values: Record<string, string>;
  scopes: string[];
  errors: readonly FieldError[];
  csrf: string;
  tz: string;
  l: Locale;
}): VNode {
  const { tokens, values, errors, csrf, tz, l } = props;
  return html`
    <div class="table-wrap"><table class="list">
      <thead><tr><th scope="col">${l.t("c.th.name")}</th><th scope="col">${l.t("c.th.scopes")}</th><th scope="col">${l.t("c.th.lastUsed")}</th><th scope="col">${l.t("c.th.expires")}</th><th scope="col">${l.t("c.th.state")}</th></tr></thead>
      <tbody>${tokens.map(
        (t) => html`<tr>
          <td>${t.name}</td>
          <td>${t.scopes.join(", ")}</td>
          <td>${t.lastUsedAt ? html`<${Time} iso=${t.lastUsedAt} tz=${tz} l=${l} />` : l.t("c.never")}</td>
          <td>${t.expiresAt ? html`<${Time} iso=${t.expiresAt} tz=${tz} l=${l} />` : l.t("c.never")}</td>
          <td>${t.revokedAt ? l.t("c.revoked") : html`<${PostButton} action=${`/admin/tokens/${t.id}/revoke`} csrf=${csrf} label=${l.t("c.revoke", { name: t.name })} danger=${true} />`}</td>
        </tr>`,
      )}</tbody>
    </table></div>
    <h2>${l.t("c.newToken")}</h2>
    <${ErrorSummary} errors=${errors} l=${l} />
    <form method="post" action="/admin/tokens" novalidate>
      <${Csrf} token=${csrf} />
      <${Field} name="name" label=${l.t("c.f.name")} value=${values.name} errors=${errors} required=${true} hint=${l.t("c.f.tokenHint")} />
      <fieldset id="f-scopes">
        <legend>${l.t("c.f.scopes")}</legend>
        ${errors.find((e) => e.path === "scopes") ? html`<p class="field-error">${errors.find((e) => e.path === "scopes")?.message}</p>` : null}
        ${["incidents", "admin", "metrics"].map(
          (s) =>
            html`<div><input type="checkbox" name="scopes" value=${s} id=${`scope-${s}`} checked=${props.scopes.includes(s)} /> <label for=${`scope-${s}`}>${s}</label></div>`,
        )}
      </fieldset>
      <${Field} name="days" label=${l.t("c.f.expiresAfter")} value=${values.days ?? ""} errors=${errors} options=${[
        { value: "", label: l.t("c.expires.never") },
        { value: "1", label: l.t("c.expires.day") },
        { value: "30", label: l.t("c.expires.30") },
        { value: "90", label: l.t("c.expires.90") },
        { value: "365", label: l.t("c.expires.year") },
      ]} />
      <button type="submit">${l.t("c.createToken")}</button>
    </form>`;
}

/** A secret shown once, right after it was made. */
export function SecretOnce({
  label,
  secret,
  next,
  l,
}: {
  label: string;
  secret: string;
  next: string;
  l: Locale;
}): VNode {
  return html`<p>${l.t("c.secretOnce", { what: label })}</p>
    <p class="secret" aria-label=${label}>${secret}</p>
    <p><a class="button" href=${next}>${l.t("c.done")}</a></p>`;
}

export type AuditRowView = {
  id: number;
  at: string;
  tokenName: string;
  action: string;
  path: string;
  resourceId: string | null;
  detail: string | null;
  subject: string | null;
  email: string | null;
};

/** A token's name, or a signed-in person's name with their e-mail and subject. */
function Who({ row, l }: { row: AuditRowView; l: Locale }): VNode {
  if (!row.subject) return html`${row.tokenName}`;
  return html`${row.tokenName} <span class="meta">${row.email ?? ""} (${l.t("c.sso", { subject: row.subject })})</span>`;
}

export function AuditScreen(props: {
  rows: AuditRowView[];
  action: string;
  next: string | null;
  tz: string;
  l: Locale;
}): VNode {
  const { l } = props;
  return html`<form method="get" action="/admin/audit" class="template-pick">
      <${Field} name="action" label=${l.t("c.f.actionPrefix")} value=${props.action} hint=${l.t("c.f.actionHint")} />
      <button type="submit" class="secondary">${l.t("c.filter")}</button>
    </form>
    <div class="table-wrap"><table class="list">
      <thead><tr><th scope="col">${l.t("c.th.when")}</th><th scope="col">${l.t("c.th.who")}</th><th scope="col">${l.t("c.th.action")}</th><th scope="col">${l.t("c.th.resource")}</th><th scope="col">${l.t("c.th.detail")}</th></tr></thead>
      <tbody>${props.rows.map(
        (r) =>
          html`<tr><td><${Time} iso=${r.at} tz=${props.tz} l=${l} /></td><td><${Who} row=${r} l=${l} /></td><td>${r.action}</td><td>${r.resourceId ?? ""}</td><td>${r.detail ?? ""} <span class="meta">${r.path}</span></td></tr>`,
      )}</tbody>
    </table></div>
    ${props.rows.length === 0 ? html`<p>${l.t("c.noEntries")}</p>` : null}
    ${props.next ? html`<p class="pager"><a href=${props.next}>${l.t("c.olderEntries")}</a></p>` : null}`;
}

/** Today's spending against the plan: the budget meter. */
export function UsageTable({ rows, plan, l }: { rows: UsageRow[]; plan: string; l: Locale }): VNode {
  return html`<div class="table-wrap"><table class="list">
      <caption>${l.t("c.usageCaption", { plan })}</caption>
      <thead><tr><th scope="col">${l.t("c.th.what")}</th><th scope="col">${l.t("c.th.spent")}</th><th scope="col">${l.t("c.th.limit")}</th><th scope="col">${l.t("c.th.share")}</th></tr></thead>
      <tbody>${rows.map(
        (r) =>
          html`<tr class=${r.warning ? "over" : undefined}><td>${r.label}</td><td>${r.value}</td><td>${r.limit}</td><td>${r.percent}${r.warning ? l.t("c.over80") : ""}</td></tr>`,
      )}</tbody>
    </table></div>`;
}

export function SettingsScreen({
  rows,
  usage,
  plan,
  l,
}: {
  rows: [string, string][];
  usage: UsageRow[];
  plan: string;
  l: Locale;
}): VNode {
  return html`<p>${l.t("c.settingsIntro")}</p>
    <dl class="facts">${rows.map(([k, v]) => html`<dt>${k}</dt><dd>${v || l.t("c.notSet")}</dd>`)}</dl>
    <h2>${l.t("c.usage")}</h2>
    <${UsageTable} rows=${usage} plan=${plan} l=${l} />
    <p class="hint">${l.t("c.usageHint")}</p>`;
}
