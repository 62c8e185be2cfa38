/**
 * The console's frame and form parts: one stylesheet pair, no script, every
 * form a plain POST that carries the session's CSRF token.
 */
import type { Scope } from "../../domain/scopes";
import type { Key } from "../../i18n/catalogue";
import { type Locale, languageNames } from "../../i18n/locale";
import { word } from "../../i18n/words";
import { html, render, type VNode } from "../html";
import { IconSprite } from "../icons";

export type FieldError = { path: string; message: string };

/** What every console page knows about who is signed in, and the language it speaks. */
export type Chrome = {
  pageName: string;
  who: string;
  scopes: readonly Scope[];
  csrf: string;
  /** The current path, to mark the current screen in the menu. */
  path: string;
  l: Locale;
};

type NavItem = { href: string; label: Key; scope: Scope };

const NAV: readonly NavItem[] = [
  { href: "/admin", label: "c.nav.dashboard", scope: "incidents" },
  { href: "/admin/incidents/new", label: "c.nav.newIncident", scope: "incidents" },
  { href: "/admin/maintenance", label: "c.nav.maintenance", scope: "incidents" },
  { href: "/admin/templates", label: "c.nav.templates", scope: "incidents" },
  { href: "/admin/components", label: "c.nav.components", scope: "admin" },
  { href: "/admin/monitors", label: "c.nav.monitors", scope: "admin" },
  { href: "/admin/webhooks", label: "c.nav.webhooks", scope: "admin" },
  { href: "/admin/subscribers", label: "c.nav.subscribers", scope: "admin" },
  { href: "/admin/tokens", label: "c.nav.tokens", scope: "admin" },
  { href: "/admin/audit", label: "c.nav.audit", scope: "admin" },
  { href: "/admin/settings", label: "c.nav.settings", scope: "admin" },
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

/** Fixed messages after a redirect, by `?done=`; never text from the request. */
export const FLASH: Record<string, Key> = {
  signed_in: "c.flash.signed_in",
  signed_out: "c.flash.signed_out",
  created: "c.flash.created",
  saved: "c.flash.saved",
  posted: "c.flash.posted",
  deleted: "c.flash.deleted",
  resolved: "c.flash.resolved",
  revoked: "c.flash.revoked",
  cancelled: "c.flash.cancelled",
  ended: "c.flash.ended",
  moved: "c.flash.moved",
  queued: "c.flash.queued",
  paused: "c.flash.paused",
  resumed: "c.flash.resumed",
  disabled: "c.flash.disabled",
  enabled: "c.flash.enabled",
};

export type ConsolePage = { title: string; chrome: Chrome; flash?: string | null; body: VNode };

function ConsoleDocument({ title, chrome, flash, body }: ConsolePage): VNode {
  const { l } = chrome;
  const items = NAV.filter((n) => canSee(chrome.scopes, n.scope));
  const key = flash && Object.hasOwn(FLASH, flash) ? FLASH[flash] : undefined;
  const message = key ? word(l, key) : undefined;
  return html`<html lang=${l.lang}>
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="robots" content="noindex" />
      <title>${l.t("c.title", { title, page: chrome.pageName })}</title>
      <link rel="stylesheet" href="/style.css" />
      <link rel="stylesheet" href="/console.css" />
      <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
    </head>
    <body class="console">
      <a class="skip" href="#main">${l.t("layout.skip")}</a>
      <${IconSprite} />
      <header class="site-header">
        <a class="brand" href="/admin"><span>${l.t("c.brand", { page: chrome.pageName })}</span></a>
        <div class="who">
          <span>${l.t("c.signedInAs", { who: chrome.who })}</span>
          <a href="/">${l.t("c.publicPage")}</a>
          ${languageNames().map(
            (x) =>
              html`<a href=${`${chrome.path}?lang=${x.code}`} hreflang=${x.code} lang=${x.code} aria-current=${x.code === l.lang ? "true" : undefined}>${x.name}</a>`,
          )}
          <${PostButton} action="/admin/sign-out" csrf=${chrome.csrf} label=${l.t("c.signOut")} />
        </div>
      </header>
      <nav aria-label=${l.t("c.nav.label")} class="console-nav">
        <ul>${items.map(
          (n) =>
            html`<li><a href=${n.href} aria-current=${current(chrome.path, n.href) ? "page" : undefined}>${word(l, n.label)}</a></li>`,
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
