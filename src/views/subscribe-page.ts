/** The public subscription pages: subscribe, manage, and the answers after each step. */
import type { FieldError } from "../http/problem";
import { ErrorSummary, Field } from "./console/chrome";
import { html, type VNode } from "./html";

export type Choice = { id: string; name: string };

function ComponentChoice({
  components,
  chosen,
}: {
  components: readonly Choice[];
  chosen: readonly string[];
}): VNode {
  return html`<fieldset class="choices">
    <legend>Components (none ticked: all of them)</legend>
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
}): VNode {
  return html`<h1>Subscribe to ${props.pageName}</h1>
    ${
      props.sent
        ? html`<p class="notice" role="status">Check your inbox: if the address can receive news from us, a message with a confirmation link is on its way. Nothing else is sent until you confirm.</p>`
        : null
    }
    <p>Get an e-mail when an incident starts, changes or ends, and when maintenance is scheduled, starts or ends. Every message has a link to change what you receive or to leave.</p>
    <${ErrorSummary} errors=${props.errors} />
    <form method="post" action="/subscribe" class="subscribe" novalidate>
      <${Field} name="email" label="E-mail address" type="email" autocomplete="email" required=${true} value=${props.email} errors=${props.errors} />
      ${props.components.length > 0 ? html`<${ComponentChoice} components=${props.components} chosen=${props.chosen} />` : null}
      <button type="submit">Subscribe</button>
    </form>
    <p class="meta">We keep only the address, the components you choose, when you subscribed and confirmed, and whether our mail reaches you. Unconfirmed addresses are deleted after 48 hours; leaving deletes the address.</p>`;
}

export function ManageForm(props: {
  email: string;
  components: readonly Choice[];
  chosen: readonly string[];
  action: string;
  leave: string;
  saved: boolean;
}): VNode {
  return html`<h1>Your subscription</h1>
    ${props.saved ? html`<p class="notice" role="status">Saved.</p>` : null}
    <p>News goes to ${props.email}.</p>
    ${
      props.components.length > 0
        ? html`<form method="post" action=${props.action}>
            <${ComponentChoice} components=${props.components} chosen=${props.chosen} />
            <button type="submit">Save</button>
          </form>`
        : null
    }
    <form method="post" action=${props.leave}>
      <button type="submit" class="danger">Unsubscribe and delete my address</button>
    </form>`;
}

/** A short answer: confirmed, left, or why a link does not work. */
export function Message({ title, text }: { title: string; text: string }): VNode {
  return html`<h1>${title}</h1><p>${text}</p><p><a href="/">Back to the status page</a></p>`;
}
