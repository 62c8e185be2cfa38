/** The admin screens: components, tokens, webhooks, audit and settings. */
import { localeOf, REFERENCE_LANGUAGE } from "../../i18n/locale";
import type { Choice, UsageRow } from "../../models/console";
import { html, type VNode } from "../html";
import { Time } from "../time";
import { Csrf, ErrorSummary, Field, type FieldError, PostButton } from "./chrome";

/** The console speaks English until its own catalogue entries exist. */
const EN = localeOf(REFERENCE_LANGUAGE);

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
}: {
  row: ComponentRow;
  csrf: string;
  first: boolean;
  last: boolean;
}): VNode {
  return html`${first ? null : html`<${PostButton} action=${`/admin/components/${row.id}/up`} csrf=${csrf} label=${`Move “${row.name}” up`} />`}
    ${last ? null : html`<${PostButton} action=${`/admin/components/${row.id}/down`} csrf=${csrf} label=${`Move “${row.name}” down`} />`}`;
}

export function ComponentsScreen(props: {
  rows: ComponentRow[];
  groups: Choice[];
  values: Record<string, string>;
  errors: readonly FieldError[];
  csrf: string;
}): VNode {
  const { rows, groups, values, errors, csrf } = props;
  const siblings = (r: ComponentRow) => rows.filter((x) => x.group === r.group);
  return html`
    ${
      rows.length === 0
        ? html`<p>No components yet.</p>`
        : html`<ul class="rows">${rows.map((r) => {
            const sib = siblings(r);
            return html`<li class=${r.depth ? "member" : undefined}>
            ${r.depth ? html`<span aria-hidden="true">↳ </span>` : null}<strong>${r.name}</strong>
            <span class="row-actions">
              <a href=${`/admin/components/${r.id}`}>Edit<span class="vh"> ${r.name}</span></a>
              <${Move} row=${r} csrf=${csrf} first=${sib[0]?.id === r.id} last=${sib.at(-1)?.id === r.id} />
            </span>
          </li>`;
          })}</ul>`
    }
    <h2>New component</h2>
    <${ComponentForm} action="/admin/components" groups=${groups} values=${values} errors=${errors} csrf=${csrf} submit="Create component" />`;
}

export function ComponentForm(props: {
  action: string;
  groups: Choice[];
  values: Record<string, string>;
  errors: readonly FieldError[];
  csrf: string;
  submit: string;
}): VNode {
  const { values, errors } = props;
  return html`<${ErrorSummary} errors=${errors} l=${EN} />
    <form method="post" action=${props.action} novalidate>
      <${Csrf} token=${props.csrf} />
      <${Field} name="name" label="Name" value=${values.name} errors=${errors} required=${true} />
      <${Field} name="description" label="Description" value=${values.description} errors=${errors} />
      <${Field} name="group" label="Group" value=${values.group ?? ""} errors=${errors} options=${[{ value: "", label: "No group (top level)" }, ...props.groups.map((g) => ({ value: g.id, label: g.name }))]} />
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
}): VNode {
  const { tokens, values, errors, csrf, tz } = props;
  return html`
    <div class="table-wrap"><table class="list">
      <thead><tr><th scope="col">Name</th><th scope="col">Scopes</th><th scope="col">Last used</th><th scope="col">Expires</th><th scope="col">State</th></tr></thead>
      <tbody>${tokens.map(
        (t) => html`<tr>
          <td>${t.name}</td>
          <td>${t.scopes.join(", ")}</td>
          <td>${t.lastUsedAt ? html`<${Time} iso=${t.lastUsedAt} tz=${tz} l=${EN} />` : "never"}</td>
          <td>${t.expiresAt ? html`<${Time} iso=${t.expiresAt} tz=${tz} l=${EN} />` : "never"}</td>
          <td>${t.revokedAt ? "revoked" : html`<${PostButton} action=${`/admin/tokens/${t.id}/revoke`} csrf=${csrf} label=${`Revoke “${t.name}”`} danger=${true} />`}</td>
        </tr>`,
      )}</tbody>
    </table></div>
    <h2>New token</h2>
    <${ErrorSummary} errors=${errors} l=${EN} />
    <form method="post" action="/admin/tokens" novalidate>
      <${Csrf} token=${csrf} />
      <${Field} name="name" label="Name" value=${values.name} errors=${errors} required=${true} hint="Who or what uses it, e.g. “on-call phone” or “Alertmanager”." />
      <fieldset id="f-scopes">
        <legend>Scopes</legend>
        ${errors.find((e) => e.path === "scopes") ? html`<p class="field-error">${errors.find((e) => e.path === "scopes")?.message}</p>` : null}
        ${["incidents", "admin", "metrics"].map(
          (s) =>
            html`<div><input type="checkbox" name="scopes" value=${s} id=${`scope-${s}`} checked=${props.scopes.includes(s)} /> <label for=${`scope-${s}`}>${s}</label></div>`,
        )}
      </fieldset>
      <${Field} name="days" label="Expires after" value=${values.days ?? ""} errors=${errors} options=${[
        { value: "", label: "Never" },
        { value: "1", label: "1 day" },
        { value: "30", label: "30 days" },
        { value: "90", label: "90 days" },
        { value: "365", label: "1 year" },
      ]} />
      <button type="submit">Create token</button>
    </form>`;
}

/** A secret shown once, right after it was made. */
export function SecretOnce({ label, secret, next }: { label: string; secret: string; next: string }): VNode {
  return html`<p>Copy the ${label} now: it is shown only once, and Beacon keeps only what it needs to check it.</p>
    <p class="secret" aria-label=${label}>${secret}</p>
    <p><a class="button" href=${next}>Done</a></p>`;
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
function Who({ row }: { row: AuditRowView }): VNode {
  if (!row.subject) return html`${row.tokenName}`;
  return html`${row.tokenName} <span class="meta">${row.email ?? ""} (single sign-on, subject ${row.subject})</span>`;
}

export function AuditScreen(props: {
  rows: AuditRowView[];
  action: string;
  next: string | null;
  tz: string;
}): VNode {
  return html`<form method="get" action="/admin/audit" class="template-pick">
      <${Field} name="action" label="Action starts with" value=${props.action} hint="e.g. incident, token.revoke" />
      <button type="submit" class="secondary">Filter</button>
    </form>
    <div class="table-wrap"><table class="list">
      <thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">Action</th><th scope="col">Resource</th><th scope="col">Detail</th></tr></thead>
      <tbody>${props.rows.map(
        (r) =>
          html`<tr><td><${Time} iso=${r.at} tz=${props.tz} l=${EN} /></td><td><${Who} row=${r} /></td><td>${r.action}</td><td>${r.resourceId ?? ""}</td><td>${r.detail ?? ""} <span class="meta">${r.path}</span></td></tr>`,
      )}</tbody>
    </table></div>
    ${props.rows.length === 0 ? html`<p>No entries.</p>` : null}
    ${props.next ? html`<p class="pager"><a href=${props.next}>Older entries</a></p>` : null}`;
}

/** Today's spending against the plan: the budget meter. */
export function UsageTable({ rows, plan }: { rows: UsageRow[]; plan: string }): VNode {
  return html`<div class="table-wrap"><table class="list">
      <caption>Today (UTC) against the ${plan} plan</caption>
      <thead><tr><th scope="col">What</th><th scope="col">Spent</th><th scope="col">Limit</th><th scope="col">Share</th></tr></thead>
      <tbody>${rows.map(
        (r) =>
          html`<tr class=${r.warning ? "over" : undefined}><td>${r.label}</td><td>${r.value}</td><td>${r.limit}</td><td>${r.percent}${r.warning ? " (over 80 %)" : ""}</td></tr>`,
      )}</tbody>
    </table></div>`;
}

export function SettingsScreen({
  rows,
  usage,
  plan,
}: {
  rows: [string, string][];
  usage: UsageRow[];
  plan: string;
}): VNode {
  return html`<p>What this Worker runs with. Change these in wrangler.toml (or the local runner's environment) and redeploy.</p>
    <dl class="facts">${rows.map(([k, v]) => html`<dt>${k}</dt><dd>${v || "(not set)"}</dd>`)}</dl>
    <h2>Usage</h2>
    <${UsageTable} rows=${usage} plan=${plan} />
    <p class="hint">Counted by Beacon itself: D1 rows written as D1 reports them, KV puts and deletes, and the external requests of each cron run. CPU cannot be read inside a Worker; <code>npm run bench</code> measures it.</p>`;
}
