/** The public subscription pages: subscribe, manage, and the answers after each step. */
import type { FieldError } from "../http/problem";
import type { Locale } from "../i18n/locale";
import { ErrorSummary, Field } from "./console/chrome";
import { html, type VNode } from "./html";

export type Choice = { id: string; name: string };

function ComponentChoice({
  components,
  chosen,
  l,
}: {
  components: readonly Choice[];
  chosen: readonly string[];
  l: Locale;
}): VNode {
  return html`<fieldset class="choices">
    <legend>${l.t("subscribe.components")}</legend>
    <ul>${components.map(
      (c) =>
        html`<li><label><input type="checkbox" name="components" value=${c.id} checked=${chosen.includes(c.id)} /> ${c.name}</label></li>`,
    )}</ul>
  </fieldset>`;
}

export function SubscribeForm(props: {
  pageName: string;
  components: readonly Choice[];
  errors: readonly FieldError[];
  email: string;
  chosen: readonly string[];
  sent: boolean;
  /** Where the form posts: /subscribe, with the visitor's chosen language. */
  action: string;
  l: Locale;
}): VNode {
  const { l } = props;
  return html`<h1>${l.t("subscribe.heading", { page: props.pageName })}</h1>
    ${props.sent ? html`<p class="notice" role="status">${l.t("subscribe.sent")}</p>` : null}
    <p>${l.t("subscribe.intro")}</p>
    <${ErrorSummary} errors=${props.errors} l=${l} />
    <form method="post" action=${props.action} class="subscribe" novalidate>
      <${Field} name="email" label=${l.t("subscribe.email")} type="email" autocomplete="email" required=${true} value=${props.email} errors=${props.errors} />
      ${props.components.length > 0 ? html`<${ComponentChoice} components=${props.components} chosen=${props.chosen} l=${l} />` : null}
      <button type="submit">${l.t("subscribe.submit")}</button>
    </form>
    <p class="meta">${l.t("subscribe.privacy")}</p>`;
}

export function ManageForm(props: {
  email: string;
  components: readonly Choice[];
  chosen: readonly string[];
  action: string;
  leave: string;
  saved: boolean;
  l: Locale;
}): VNode {
  const { l } = props;
  return html`<h1>${l.t("subscribe.manageTitle")}</h1>
    ${props.saved ? html`<p class="notice" role="status">${l.t("subscribe.saved")}</p>` : null}
    <p>${l.t("subscribe.goesTo", { email: props.email })}</p>
    ${
      props.components.length > 0
        ? html`<form method="post" action=${props.action}>
            <${ComponentChoice} components=${props.components} chosen=${props.chosen} l=${l} />
            <button type="submit">${l.t("subscribe.save")}</button>
          </form>`
        : null
    }
    <form method="post" action=${props.leave}>
      <button type="submit" class="danger">${l.t("subscribe.leave")}</button>
    </form>`;
}

/** A short answer: confirmed, left, or why a link does not work. */
export function Message({ title, text, l }: { title: string; text: string; l: Locale }): VNode {
  return html`<h1>${title}</h1><p>${text}</p><p><a href="/">${l.t("error.back")}</a></p>`;
}
