import type { Locale } from "../i18n/locale";
import { html, type VNode } from "./html";

export type ErrorPageProps = { status: number; title: string; message: string; l: Locale };

export function ErrorPage({ status, title, message, l }: ErrorPageProps): VNode {
  return html`<section class="error-page" aria-labelledby="error-title">
    <h1 id="error-title">${title}</h1>
    <p>${message}</p>
    <p class="error-status">${l.t("error.status", { status: String(status) })}</p>
    <p><a href="/">${l.t("error.back")}</a></p>
  </section>`;
}
