import { localeOf, REFERENCE_LANGUAGE } from "../../i18n/locale";
import { html, render, type VNode } from "../html";
import { ErrorSummary, Field, type FieldError } from "./chrome";

/** The console speaks English until its own catalogue entries exist. */
const EN = localeOf(REFERENCE_LANGUAGE);

export type SignInProps = {
  pageName: string;
  errors: readonly FieldError[];
  notice?: string | null;
  /** Single sign-on is set up: offer it first. */
  sso?: boolean;
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

function SignInDocument({ pageName, errors, notice, sso }: SignInProps): VNode {
  const ssoErrors = errors.filter((e) => e.path === "sso");
  return html`<html lang="en">
    <${Head} title=${`Sign in · ${pageName} console`} />
    <body class="console">
      <header class="site-header"><a class="brand" href="/"><span>${pageName}</span></a></header>
      <main id="main" class="narrow">
        <h1>Sign in to the console</h1>
        ${notice ? html`<p class="flash" role="status">${notice}</p>` : null}
        <${ErrorSummary} errors=${errors} l=${EN} />
        ${
          sso
            ? html`<p><a class="button" id="f-sso" href="/admin/oidc/start">Sign in with single sign-on</a></p>
                ${ssoErrors.map((e) => html`<p class="field-error">${e.message}</p>`)}
                <h2>Or with an API token</h2>`
            : null
        }
        <form method="post" action="/admin/sign-in">
          <${Field}
            name="token"
            label="API token"
            type="password"
            autocomplete="current-password"
            required=${true}
            errors=${errors}
            hint="A token with the incidents or admin scope (npm run token, or the ADMIN_TOKEN secret)."
          />
          <button type="submit">Sign in</button>
        </form>
      </main>
    </body>
  </html>`;
}

export function renderSignIn(props: SignInProps): string {
  return `<!doctype html>${render(SignInDocument(props))}`;
}

/** After single sign-on: the session cookie is set; the browser goes on to the console by itself. */
export function renderSignedIn({ pageName, name }: { pageName: string; name: string }): string {
  const next = "/admin?done=signed_in";
  return `<!doctype html>${render(html`<html lang="en">
    <${Head} title=${`Signed in · ${pageName} console`} refresh=${next} />
    <body class="console">
      <header class="site-header"><a class="brand" href="/"><span>${pageName}</span></a></header>
      <main id="main" class="narrow">
        <h1>Signed in as ${name}</h1>
        <p><a class="button" href=${next}>Continue to the console</a></p>
      </main>
    </body>
  </html>`)}`;
}

/** Signed out of the console; the browser goes on to end the provider's session too. */
export function renderSignedOut({ pageName, next }: { pageName: string; next: string }): string {
  return `<!doctype html>${render(html`<html lang="en">
    <${Head} title=${`Signed out · ${pageName} console`} refresh=${next} />
    <body class="console">
      <header class="site-header"><a class="brand" href="/"><span>${pageName}</span></a></header>
      <main id="main" class="narrow">
        <h1>Signed out of the console</h1>
        <p><a class="button" href=${next}>Sign out at the identity provider too</a></p>
      </main>
    </body>
  </html>`)}`;
}
