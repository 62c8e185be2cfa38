import { html, render, type VNode } from "../html";
import { ErrorSummary, Field, type FieldError } from "./chrome";

export type SignInProps = { pageName: string; errors: readonly FieldError[]; notice?: string | null };

function SignInDocument({ pageName, errors, notice }: SignInProps): VNode {
  return html`<html lang="en">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="robots" content="noindex" />
      <title>Sign in · ${pageName} console</title>
      <link rel="stylesheet" href="/style.css" />
      <link rel="stylesheet" href="/console.css" />
      <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
    </head>
    <body class="console">
      <header class="site-header"><a class="brand" href="/"><span>${pageName}</span></a></header>
      <main id="main" class="narrow">
        <h1>Sign in to the console</h1>
        ${notice ? html`<p class="flash" role="status">${notice}</p>` : null}
        <${ErrorSummary} errors=${errors} />
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
