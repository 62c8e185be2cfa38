import type { Locale } from "../../i18n/locale";
import { html, render, type VNode } from "../html";
import { ErrorSummary, Field, type FieldError } from "./chrome";

export type SignInProps = {
  pageName: string;
  errors: readonly FieldError[];
  notice?: string | null;
  /** Single sign-on is set up: offer it first. */
  sso?: boolean;
  l: Locale;
};

function Head({ title, refresh }: { title: string; refresh?: string }): VNode {
  return html`<head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="robots" content="noindex" />
      ${refresh ? html`<meta http-equiv="refresh" content=${`0;url=${refresh}`} />` : null}
      <title>${title}</title>
      <link rel="stylesheet" href="/style.css" />
      <link rel="stylesheet" href="/console.css" />
      <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
    </head>`;
}

function SignInDocument({ pageName, errors, notice, sso, l }: SignInProps): VNode {
  const ssoErrors = errors.filter((e) => e.path === "sso");
  return html`<html lang=${l.lang}>
    <${Head} title=${l.t("c.title", { title: l.t("c.signIn.title"), page: pageName })} />
    <body class="console">
      <header class="site-header"><a class="brand" href="/"><span>${pageName}</span></a></header>
      <main id="main" class="narrow">
        <h1>${l.t("c.signIn.heading")}</h1>
        ${notice ? html`<p class="flash" role="status">${notice}</p>` : null}
        <${ErrorSummary} errors=${errors} l=${l} />
        ${
          sso
            ? html`<p><a class="button" id="f-sso" href="/admin/oidc/start">${l.t("c.signIn.sso")}</a></p>
                ${ssoErrors.map((e) => html`<p class="field-error">${e.message}</p>`)}
                <h2>${l.t("c.signIn.orToken")}</h2>`
            : null
        }
        <form method="post" action="/admin/sign-in">
          <${Field}
            name="token"
            label=${l.t("c.signIn.token")}
            type="password"
            autocomplete="current-password"
            required=${true}
            errors=${errors}
            hint=${l.t("c.signIn.tokenHint")}
          />
          <button type="submit">${l.t("c.signIn.submit")}</button>
        </form>
      </main>
    </body>
  </html>`;
}

export function renderSignIn(props: SignInProps): string {
  return `<!doctype html>${render(SignInDocument(props))}`;
}

/** After single sign-on: the session cookie is set; the browser goes on to the console by itself. */
export function renderSignedIn({ pageName, name, l }: { pageName: string; name: string; l: Locale }): string {
  const next = "/admin?done=signed_in";
  return `<!doctype html>${render(html`<html lang=${l.lang}>
    <${Head} title=${l.t("c.title", { title: l.t("c.signedIn.title"), page: pageName })} refresh=${next} />
    <body class="console">
      <header class="site-header"><a class="brand" href="/"><span>${pageName}</span></a></header>
      <main id="main" class="narrow">
        <h1>${l.t("c.signedIn.heading", { name })}</h1>
        <p><a class="button" href=${next}>${l.t("c.signedIn.continue")}</a></p>
      </main>
    </body>
  </html>`)}`;
}

/** Signed out of the console; the browser goes on to end the provider's session too. */
export function renderSignedOut({
  pageName,
  next,
  l,
}: {
  pageName: string;
  next: string;
  l: Locale;
}): string {
  return `<!doctype html>${render(html`<html lang=${l.lang}>
    <${Head} title=${l.t("c.title", { title: l.t("c.signedOut.title"), page: pageName })} refresh=${next} />
    <body class="console">
      <header class="site-header"><a class="brand" href="/"><span>${pageName}</span></a></header>
      <main id="main" class="narrow">
        <h1>${l.t("c.signedOut.heading")}</h1>
        <p><a class="button" href=${next}>${l.t("c.signedOut.provider")}</a></p>
      </main>
    </body>
  </html>`)}`;
}
