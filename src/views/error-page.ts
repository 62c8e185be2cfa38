import { html, type VNode } from "./html";

export type ErrorPageProps = { status: number; title: string; message: string };

export function ErrorPage({ status, title, message }: ErrorPageProps): VNode {
  return html`<section class="error-page" aria-labelledby="error-title">
    <h1 id="error-title">${title}</h1>
    <p>${message}</p>
    <p class="error-status">HTTP ${status}</p>
    <p><a href="/">Back to the status page</a></p>
  </section>`;
}
