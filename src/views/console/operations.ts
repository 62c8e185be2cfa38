/** The console's monitor and webhook screens. */
import { localeOf, REFERENCE_LANGUAGE } from "../../i18n/locale";
import type { Catalogue } from "../../models/console";
import { html, type VNode } from "../html";
import { Time } from "../time";
import { Csrf, ErrorSummary, Field, type FieldError, PostButton } from "./chrome";
import { levelLabel } from "./incidents";

/** The console speaks English until its own catalogue entries exist. */
const EN = localeOf(REFERENCE_LANGUAGE);

export type MonitorRowView = {
  id: string;
  name: string;
  kind: string;
  target: string;
  status: string;
  enabled: boolean;
  reason: string | null;
};
export type SampleView = {
  at: string;
  health: string;
  latencyMs: number | null;
  statusCode: number | null;
  reason: string | null;
};
export type CheckView = {
  health: string;
  latencyMs: number | null;
  statusCode: number | null;
  detail: string | null;
};

const HEALTH: Record<string, string> = { up: "Up", degraded: "Degraded", down: "Down" };

export function MonitorList({ rows }: { rows: MonitorRowView[] }): VNode {
  if (rows.length === 0) return html`<p>No monitors yet.</p>`;
  return html`<div class="table-wrap"><table class="list">
    <thead><tr><th scope="col">Monitor</th><th scope="col">Checks</th><th scope="col">State</th></tr></thead>
    <tbody>${rows.map(
      (m) => html`<tr>
        <td><a href=${`/admin/monitors/${m.id}`}>${m.name}</a></td>
        <td>${m.kind} ${m.target}</td>
        <td>${m.enabled ? (HEALTH[m.status] ?? m.status) : "Paused"}${m.reason && m.status !== "up" ? html` <span class="meta">${m.reason}</span>` : null}</td>
      </tr>`,
    )}</tbody>
  </table></div>`;
}

export function MonitorForm(props: {
  action: string;
  catalogue: Catalogue;
  values: Record<string, string>;
  errors: readonly FieldError[];
  csrf: string;
  submit: string;
  kindFixed?: boolean;
}): VNode {
  const { catalogue, values, errors } = props;
  const levels = catalogue.levels.map((l) => ({
    value: String(l.value),
    label: levelLabel(l, catalogue.levels),
  }));
  return html`<${ErrorSummary} errors=${errors} l=${EN} />
    <form method="post" action=${props.action} novalidate>
      <${Csrf} token=${props.csrf} />
      <${Field} name="name" label="Name" value=${values.name} errors=${errors} required=${true} />
      ${
        props.kindFixed
          ? html`<input type="hidden" name="kind" value=${values.kind} />`
          : html`<${Field} name="kind" label="Check" value=${values.kind} errors=${errors} options=${[
              { value: "http", label: "HTTP(S) request" },
              { value: "tcp", label: "TCP connection" },
              { value: "heartbeat", label: "Heartbeat (your job pings Beacon)" },
            ]} />`
      }
      <${Field} name="url" label="URL (HTTP checks)" type="url" value=${values.url} errors=${errors} />
      <${Field} name="host" label="Host (TCP checks)" value=${values.host} errors=${errors} />
      <${Field} name="port" label="Port (TCP checks)" type="number" value=${values.port} errors=${errors} />
      <${Field} name="interval" label="Check every" value=${values.interval} errors=${errors} options=${[1, 2, 5, 10, 15, 30, 60].map((m) => ({ value: String(m), label: m === 1 ? "minute" : `${m} minutes` }))} />
      <${Field} name="failureThreshold" label="Failures in a row before an incident opens" type="number" value=${values.failureThreshold} errors=${errors} />
      <${Field} name="component" label="Component it reports on" value=${values.component} errors=${errors} options=${[{ value: "", label: "None (no incidents)" }, ...catalogue.components.map((c) => ({ value: c.id, label: c.name }))]} />
      <${Field} name="severity" label="When it fails, the component shows" value=${values.severity} errors=${errors} options=${levels} />
      <button type="submit">${props.submit}</button>
    </form>`;
}

export function MonitorDetail(props: {
  id: string;
  status: string;
  enabled: boolean;
  reason: string | null;
  samples: SampleView[];
  check: CheckView | null;
  csrf: string;
  tz: string;
  form: VNode;
}): VNode {
  const { id, csrf, check } = props;
  return html`
    <p>State: <strong>${props.enabled ? (HEALTH[props.status] ?? props.status) : "Paused"}</strong>${props.reason ? html` <span class="meta">(${props.reason})</span>` : null}</p>
    <div class="actions">
      <${PostButton} action=${`/admin/monitors/${id}/check`} csrf=${csrf} label="Check now" />
      <${PostButton} action=${`/admin/monitors/${id}/${props.enabled ? "pause" : "resume"}`} csrf=${csrf} label=${props.enabled ? "Pause" : "Resume"} />
      <${PostButton} action=${`/admin/monitors/${id}/delete`} csrf=${csrf} label="Delete monitor" danger=${true} />
    </div>
    ${
      check
        ? html`<section class="preview" aria-label="Result of the check" role="status">
          <h2>Check now: ${HEALTH[check.health] ?? check.health}</h2>
          <p>${check.statusCode ? `HTTP ${check.statusCode} · ` : ""}${check.latencyMs !== null ? `${check.latencyMs} ms` : "no answer"}${check.detail ? ` · ${check.detail}` : ""}</p>
          <p class="meta">A test only: it changes no state and opens no incident.</p>
        </section>`
        : null
    }
    <h2>Recent results</h2>
    ${
      props.samples.length === 0
        ? html`<p>No results in the last hour.</p>`
        : html`<div class="table-wrap"><table class="list">
          <thead><tr><th scope="col">When</th><th scope="col">Result</th><th scope="col">Latency</th><th scope="col">Status</th></tr></thead>
          <tbody>${props.samples.map(
            (s) =>
              html`<tr><td><${Time} iso=${s.at} tz=${props.tz} l=${EN} /></td><td>${HEALTH[s.health] ?? s.health}${s.reason ? ` (${s.reason})` : ""}</td><td>${s.latencyMs ?? "–"}${s.latencyMs !== null ? " ms" : ""}</td><td>${s.statusCode ?? "–"}</td></tr>`,
          )}</tbody>
        </table></div>`
    }
    <h2>Edit</h2>
    ${props.form}`;
}

export type WebhookRowView = {
  id: string;
  url: string;
  format: string;
  enabled: boolean;
  disabledReason: string | null;
};
export type DeliveryView = {
  id: number;
  event: string;
  status: string;
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: string;
};

export function WebhooksScreen(props: {
  rows: WebhookRowView[];
  events: readonly string[];
  values: Record<string, string>;
  chosen: string[];
  errors: readonly FieldError[];
  csrf: string;
}): VNode {
  const { rows, values, errors, csrf } = props;
  return html`
    ${
      rows.length === 0
        ? html`<p>No webhooks yet.</p>`
        : html`<ul class="rows">${rows.map(
            (w) =>
              html`<li><a href=${`/admin/webhooks/${w.id}`}>${w.url}</a> <span class="meta">${w.format}${w.enabled ? "" : ` · disabled${w.disabledReason ? `: ${w.disabledReason}` : ""}`}</span></li>`,
          )}</ul>`
    }
    <h2>New webhook</h2>
    <${ErrorSummary} errors=${errors} l=${EN} />
    <form method="post" action="/admin/webhooks" novalidate>
      <${Csrf} token=${csrf} />
      <${Field} name="url" label="URL" type="url" value=${values.url} errors=${errors} required=${true} />
      <${Field} name="format" label="Format" value=${values.format} errors=${errors} options=${[
        { value: "statuspage", label: "Statuspage JSON (signed, Standard Webhooks)" },
        { value: "slack", label: "Slack" },
        { value: "discord", label: "Discord" },
      ]} />
      <fieldset id="f-events">
        <legend>Events</legend>
        ${errors.find((e) => e.path === "events") ? html`<p class="field-error">${errors.find((e) => e.path === "events")?.message}</p>` : null}
        ${props.events.map(
          (e) =>
            html`<div><input type="checkbox" name="events" value=${e} id=${`ev-${e}`} checked=${props.chosen.includes(e)} /> <label for=${`ev-${e}`}>${e}</label></div>`,
        )}
      </fieldset>
      <button type="submit">Create webhook</button>
    </form>`;
}

export function WebhookDetail(props: {
  id: string;
  enabled: boolean;
  reason: string | null;
  deliveries: DeliveryView[];
  csrf: string;
  tz: string;
}): VNode {
  const { id, csrf } = props;
  return html`
    <p>${props.enabled ? "Enabled" : `Disabled${props.reason ? `: ${props.reason}` : ""}`}</p>
    <div class="actions">
      <${PostButton} action=${`/admin/webhooks/${id}/${props.enabled ? "disable" : "enable"}`} csrf=${csrf} label=${props.enabled ? "Disable" : "Enable"} />
      <${PostButton} action=${`/admin/webhooks/${id}/delete`} csrf=${csrf} label="Delete webhook" danger=${true} />
    </div>
    <h2>Deliveries</h2>
    ${
      props.deliveries.length === 0
        ? html`<p>Nothing delivered yet.</p>`
        : html`<div class="table-wrap"><table class="list">
          <thead><tr><th scope="col">Event</th><th scope="col">State</th><th scope="col">Attempts</th><th scope="col">Last answer</th><th scope="col">Queued</th><th scope="col"><span class="vh">Action</span></th></tr></thead>
          <tbody>${props.deliveries.map(
            (d) => html`<tr>
              <td>${d.event}</td><td>${d.status}</td><td>${d.attempts}</td>
              <td>${d.lastStatus ?? ""} ${d.lastError ?? ""}</td>
              <td><${Time} iso=${d.createdAt} tz=${props.tz} l=${EN} /></td>
              <td><${PostButton} action=${`/admin/webhooks/${id}/deliveries/${d.id}/redeliver`} csrf=${csrf} label=${`Redeliver ${d.id}`} /></td>
            </tr>`,
          )}</tbody>
        </table></div>`
    }`;
}
