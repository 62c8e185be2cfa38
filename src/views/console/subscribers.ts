import type { Locale } from "../../i18n/locale";
import type { SubscriberSummary } from "../../models/subscribers";
import { html, type VNode } from "../html";
import { Time } from "../time";
import { rich } from "../words";
import { PostButton } from "./chrome";

export type SubscriberRowView = {
  id: string;
  email: string;
  components: string;
  createdAt: string;
  confirmedAt: string | null;
  failures: number;
  quarantinedAt: string | null;
  lastError: string | null;
};

export function SubscribersScreen(props: {
  summary: SubscriberSummary;
  byComponent: { name: string; count: number }[];
  rows: SubscriberRowView[];
  csrf: string;
  tz: string;
  mailConfigured: boolean;
  l: Locale;
}): VNode {
  const s = props.summary;
  const { l } = props;
  return html`
    ${props.mailConfigured ? null : html`<p class="flash" role="status">${l.t("c.mailNotSet")}</p>`}
    <dl class="facts">
      <dt>${l.t("c.subs.total")}</dt><dd>${l.number(s.total)}</dd>
      <dt>${l.t("c.subs.confirmed")}</dt><dd>${l.number(s.confirmed)}</dd>
      <dt>${l.t("c.subs.pending")}</dt><dd>${l.number(s.pending)}</dd>
      <dt>${l.t("c.subs.quarantined")}</dt><dd>${l.number(s.quarantined)}</dd>
    </dl>
    <h2>${l.t("c.subs.byComponent")}</h2>
    <ul class="rows">${props.byComponent.map((b) => html`<li>${b.name}: ${b.count}</li>`)}</ul>
    <p class="actions"><a class="button secondary" href="/admin/subscribers.csv">${l.t("c.subs.csv")}</a></p>
    <div class="table-wrap"><table class="list">
      <thead><tr><th scope="col">${l.t("c.th.address")}</th><th scope="col">${l.t("c.th.components")}</th><th scope="col">${l.t("c.th.subscribed")}</th><th scope="col">${l.t("c.th.state")}</th><th scope="col">${l.t("c.th.remove")}</th></tr></thead>
      <tbody>${props.rows.map(
        (r) => html`<tr>
          <td>${r.email}</td>
          <td>${r.components}</td>
          <td><${Time} iso=${r.createdAt} tz=${props.tz} l=${l} /></td>
          <td>${r.quarantinedAt ? l.t("c.subs.quarantinedAfter", { count: r.failures, error: r.lastError ?? "" }) : r.confirmedAt ? l.t("c.subs.confirmedState") : l.t("c.subs.waiting")}</td>
          <td><${PostButton} action=${`/admin/subscribers/${r.id}/remove`} csrf=${props.csrf} label=${l.t("c.subs.removeNamed", { email: r.email })} danger=${true} /></td>
        </tr>`,
      )}</tbody>
    </table></div>
    ${props.rows.length === 0 ? html`<p>${rich(l, "c.subs.none", { link: html`<a href="/subscribe">/subscribe</a>` })}</p>` : null}`;
}
