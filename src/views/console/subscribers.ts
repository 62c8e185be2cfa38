import { localeOf, REFERENCE_LANGUAGE } from "../../i18n/locale";
import type { SubscriberSummary } from "../../models/subscribers";
import { html, type VNode } from "../html";
import { Time } from "../time";
import { PostButton } from "./chrome";

/** The console speaks English until its own catalogue entries exist. */
const EN = localeOf(REFERENCE_LANGUAGE);

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
}): VNode {
  const s = props.summary;
  return html`
    ${props.mailConfigured ? null : html`<p class="flash" role="status">Mail is not set up (SMTP_HOST, MAIL_FROM): nothing is sent until it is.</p>`}
    <dl class="facts">
      <dt>Subscribers</dt><dd>${s.total}</dd>
      <dt>Confirmed</dt><dd>${s.confirmed}</dd>
      <dt>Waiting for confirmation</dt><dd>${s.pending}</dd>
      <dt>Quarantined (mail refused)</dt><dd>${s.quarantined}</dd>
    </dl>
    <h2>Confirmed, by component</h2>
    <ul class="rows">${props.byComponent.map((b) => html`<li>${b.name}: ${b.count}</li>`)}</ul>
    <p class="actions"><a class="button secondary" href="/admin/subscribers.csv">Export as CSV</a></p>
    <div class="table-wrap"><table class="list">
      <thead><tr><th scope="col">Address</th><th scope="col">Components</th><th scope="col">Subscribed</th><th scope="col">State</th><th scope="col">Remove</th></tr></thead>
      <tbody>${props.rows.map(
        (r) => html`<tr>
          <td>${r.email}</td>
          <td>${r.components}</td>
          <td><${Time} iso=${r.createdAt} tz=${props.tz} l=${EN} /></td>
          <td>${r.quarantinedAt ? `quarantined after ${r.failures} refusals: ${r.lastError ?? ""}` : r.confirmedAt ? "confirmed" : "waiting for confirmation"}</td>
          <td><${PostButton} action=${`/admin/subscribers/${r.id}/remove`} csrf=${props.csrf} label=${`Remove ${r.email}`} danger=${true} /></td>
        </tr>`,
      )}</tbody>
    </table></div>
    ${props.rows.length === 0 ? html`<p>No subscribers yet. Visitors subscribe at <a href="/subscribe">/subscribe</a>.</p>` : null}`;
}
