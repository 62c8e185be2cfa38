/**
 * The console's frame and form parts: one stylesheet pair, no script, every
 * form a plain POST that carries the session's CSRF token.
 */
import type { Scope } from "../../domain/scopes";
import type { Locale } from "../../i18n/locale";
import { html, render, type VNode } from "../html";
import { IconSprite } from "../icons";

export type FieldError = { path: string; message: string };

/** What every console page knows about who is signed in. */
export type Chrome = {
  pageName: string;
  who: string;
  scopes: readonly Scope[];
  csrf: string;
  /** The current path, to mark the current screen in the menu. */
  path: string;
};

type NavItem = { href: string; label: string; scope: Scope };

const NAV: readonly NavItem[] = [
  { href: "/admin", label: "Dashboard", scope: "incidents" },
  { href: "/admin/incidents/new", label: "New incident", scope: "incidents" },
  { href: "/admin/maintenance", label: "Maintenance", scope: "incidents" },
  { href: "/admin/templates", label: "Templates", scope: "incidents" },
  { href: "/admin/components", label: "Components", scope: "admin" },
  { href: "/admin/monitors", label: "Monitors", scope: "admin" },
  { href: "/admin/webhooks", label: "Webhooks", scope: "admin" },
  { href: "/admin/subscribers", label: "Subscribers", scope: "admin" },
  { href: "/admin/tokens", label: "Tokens", scope: "admin" },
  { href: "/admin/audit", label: "Audit log", scope: "admin" },
  { href: "/admin/settings", label: "Settings", scope: "admin" },
];

export function canSee(scopes: readonly Scope[], scope: Scope): boolean {
  return scopes.includes("admin") || scopes.includes(scope);
}

function current(path: string, href: string): boolean {
  return href === "/admin" ? path === "/admin" : path === href || path.startsWith(`${href}/`);
}

export function Csrf({ token }: { token: string }): VNode {
  return html`<input type="hidden" name="_csrf" value=${token} />`;
}

/** A one-button form: delete, revoke, pause. */
export function PostButton(props: {
  action: string;
  csrf: string;
  label: string;
  danger?: boolean;
  name?: string;
}): VNode {
  return html`<form method="post" action=${props.action} class="inline">
    <${Csrf} token=${props.csrf} />
    <button type="submit" class=${props.danger ? "danger" : "secondary"}>${props.label}</button>
  </form>`;
}

/** The form's errors, first, with links to the fields they concern. */
export function ErrorSummary({ errors, l }: { errors: readonly FieldError[]; l: Locale }): VNode | null {
  if (errors.length === 0) return null;
  return html`<div class="error-summary" role="alert" tabindex="-1" id="errors">
    <h2>${l.t("form.errorSummary", { count: errors.length })}</h2>
    <ul>${errors.map((e) => html`<li><a href=${`#f-${fieldId(e.path)}`}>${e.message}</a> (${e.path})</li>`)}</ul>
  </div>`;
}

export function fieldId(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]/g, "-");
}

export function errorFor(errors: readonly FieldError[], name: string): string | null {
  return errors.find((e) => e.path === name)?.message ?? null;
}

type FieldProps = {
  name: string;
  label: string;
  value?: string;
  errors?: readonly FieldError[];
  hint?: string;
  type?: string;
  required?: boolean;
  rows?: number;
  options?: readonly { value: string; label: string }[];
  autocomplete?: string;
};

/** A labelled input, textarea or select with its hint and error tied to it. */
export function Field(p: FieldProps): VNode {
  const id = `f-${fieldId(p.name)}`;
  const error = errorFor(p.errors ?? [], p.name);
  const described =
    [p.hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  const common = {
    id,
    name: p.name,
    "aria-describedby": described,
    "aria-invalid": error ? "true" : undefined,
  };
  let control: VNode;
  if (p.options) {
    control = html`<select ...${common}>${p.options.map(
      (o) => html`<option value=${o.value} selected=${o.value === (p.value ?? "")}>${o.label}</option>`,
    )}</select>`;
  } else if (p.rows) {
    control = html`<textarea ...${common} rows=${p.rows} required=${p.required}>${p.value ?? ""}</textarea>`;
  } else {
    control = html`<input ...${common} type=${p.type ?? "text"} value=${p.value ?? ""} required=${p.required} autocomplete=${p.autocomplete} />`;
  }
  return html`<div class=${error ? "field invalid" : "field"}>
    <label for=${id}>${p.label}</label>
    ${p.hint ? html`<p class="hint" id=${`${id}-hint`}>${p.hint}</p>` : null}
    ${error ? html`<p class="field-error" id=${`${id}-error`}>${error}</p>` : null}
    ${control}
  </div>`;
}

/** Fixed messages after a redirect; never text from the request. */
export const FLASH: Record<string, string> = {
  signed_in: "You are signed in.",
  created: "Created.",
  saved: "Saved.",
  posted: "Update posted.",
  deleted: "Deleted.",
  resolved: "Resolved.",
  revoked: "Revoked.",
  cancelled: "Cancelled.",
  ended: "Ended.",
  moved: "Moved.",
  queued: "Queued for delivery.",
  paused: "Paused.",
  resumed: "Resumed.",
  disabled: "Disabled.",
  enabled: "Enabled.",
};

export type ConsolePage = { title: string; chrome: Chrome; flash?: string | null; body: VNode };

function ConsoleDocument({ title, chrome, flash, body }: ConsolePage): VNode {
  const items = NAV.filter((n) => canSee(chrome.scopes, n.scope));
  const message = flash ? FLASH[flash] : undefined;
  return html`<html lang="en">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="robots" content="noindex" />
      <title>${title} · ${chrome.pageName} console</title>
      <link rel="stylesheet" href="/style.css" />
      <link rel="stylesheet" href="/console.css" />
      <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
    </head>
    <body class="console">
      <a class="skip" href="#main">Skip to content</a>
      <${IconSprite} />
      <header class="site-header">
        <a class="brand" href="/admin"><span>${chrome.pageName} console</span></a>
        <div class="who">
          <span>Signed in as ${chrome.who}</span>
          <a href="/">Public page</a>
          <${PostButton} action="/admin/sign-out" csrf=${chrome.csrf} label="Sign out" />
        </div>
      </header>
      <nav aria-label="Console" class="console-nav">
        <ul>${items.map(
          (n) =>
            html`<li><a href=${n.href} aria-current=${current(chrome.path, n.href) ? "page" : undefined}>${n.label}</a></li>`,
        )}</ul>
      </nav>
      <main id="main">
        ${message ? html`<p class="flash" role="status">${message}</p>` : null}
        <h1>${title}</h1>
        ${body}
      </main>
    </body>
  </html>`;
}

export function renderConsole(page: ConsolePage): string {
  return `<!doctype html>${render(ConsoleDocument(page))}`;
}
