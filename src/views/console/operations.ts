/** The console's monitor and webhook screens. */
import type { Locale } from "../../i18n/locale";
import type { Catalogue } from "../../models/console";
import { html, type VNode } from "../html";
import { Time } from "../time";
import { Csrf, ErrorSummary, Field, type FieldError, PostButton } from "./chrome";
import { health, levelLabel } from "./incidents";

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

export function MonitorList({ rows, l }: { rows: MonitorRowView[]; l: Locale }): VNode {
  if (rows.length === 0) return html`<p>${l.t("c.noMonitors")}</p>`;
  return html`<div class="table-wrap"><table class="list">
    <thead><tr><th scope="col">${l.t("c.th.monitor")}</th><th scope="col">${l.t("c.th.checks")}</th><th scope="col">${l.t("c.th.state")}</th></tr></thead>
    <tbody>${rows.map(
      (m) => html`<tr>
        <td><a href=${`/admin/monitors/${m.id}`}>${m.name}</a></td>
        <td>${m.kind} ${m.target}</td>
        <td>${m.enabled ? health(l, m.status) : l.t("c.paused")}${m.reason && m.status !== "up" ? html` <span class="meta">${m.reason}</span>` : null}</td>
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
  l: Locale;
}): VNode {
  const { catalogue, values, errors, l } = props;
  const levels = catalogue.levels.map((x) => ({
    value: String(x.value),
    label: levelLabel(l, x, catalogue.levels),
  }));
  return html`<${ErrorSummary} errors=${errors} l=${l} />
    <form method="post" action=${props.action} novalidate>
      <${Csrf} token=${props.csrf} />
      <${Field} name="name" label=${l.t("c.f.name")} value=${values.name} errors=${errors} required=${true} />
      ${
        props.kindFixed
          ? html`<input type="hidden" name="kind" value=${values.kind} />`
          : html`<${Field} name="kind" label=${l.t("c.f.check")} value=${values.kind} errors=${errors} options=${[
              { value: "http", label: l.t("c.kind.http") },
              { value: "tcp", label: l.t("c.kind.tcp") },
              { value: "heartbeat", label: l.t("c.kind.heartbeat") },
            ]} />`
      }
      <${Field} name="url" label=${l.t("c.f.url")} type="url" value=${values.url} errors=${errors} />
      <${Field} name="host" label=${l.t("c.f.host")} value=${values.host} errors=${errors} />
      <${Field} name="port" label=${l.t("c.f.port")} type="number" value=${values.port} errors=${errors} />
      <${Field} name="interval" label=${l.t("c.f.interval")} value=${values.interval} errors=${errors} options=${[1, 2, 5, 10, 15, 30, 60].map((m) => ({ value: String(m), label: l.t("c.every", { count: m }) }))} />
      <${Field} name="failureThreshold" label=${l.t("c.f.threshold")} type="number" value=${values.failureThreshold} errors=${errors} />
      <${Field} name="component" label=${l.t("c.f.component")} value=${values.component} errors=${errors} options=${[{ value: "", label: l.t("c.noneNoIncidents") }, ...catalogue.components.map((c) => ({ value: c.id, label: c.name }))]} />
      <${Field} name="severity" label=${l.t("c.f.severity")} value=${values.severity} errors=${errors} options=${levels} />
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
  l: Locale;
}): VNode {
  const { id, csrf, check, l } = props;
  return html`
    <p>${l.t("c.state")} <strong>${props.enabled ? health(l, props.status) : l.t("c.paused")}</strong>${props.reason ? html` <span class="meta">(${props.reason})</span>` : null}</p>
    <div class="actions">
      <${PostButton} action=${`/admin/monitors/${id}/check`} csrf=${csrf} label=${l.t("c.checkNow")} />
      <${PostButton} action=${`/admin/monitors/${id}/${props.enabled ? "pause" : "resume"}`} csrf=${csrf} label=${props.enabled ? l.t("c.pause") : l.t("c.resume")} />
      <${PostButton} action=${`/admin/monitors/${id}/delete`} csrf=${csrf} label=${l.t("c.deleteMonitor")} danger=${true} />
    </div>
    ${
      check
        ? html`<section class="preview" aria-label=${l.t("c.checkResult")} role="status">
          <h2>${l.t("c.checkNowResult", { health: health(l, check.health) })}</h2>
          <p>${check.statusCode ? `HTTP ${check.statusCode} · ` : ""}${check.latencyMs !== null ? `${check.latencyMs} ms` : l.t("c.noAnswer")}${check.detail ? ` · ${check.detail}` : ""}</p>
          <p class="meta">${l.t("c.testOnly")}</p>
        </section>`
        : null
    }
    <h2>${l.t("c.recent")}</h2>
    ${
      props.samples.length === 0
        ? html`<p>${l.t("c.noRecent")}</p>`
        : html`<div class="table-wrap"><table class="list">
          <thead><tr><th scope="col">${l.t("c.th.when")}</th><th scope="col">${l.t("c.th.result")}</th><th scope="col">${l.t("c.th.latency")}</th><th scope="col">${l.t("c.th.status")}</th></tr></thead>
          <tbody>${props.samples.map(
            (s) =>
              html`<tr><td><${Time} iso=${s.at} tz=${props.tz} l=${l} /></td><td>${health(l, s.health)}${s.reason ? ` (${s.reason})` : ""}</td><td>${s.latencyMs ?? "–"}${s.latencyMs !== null ? " ms" : ""}</td><td>${s.statusCode ?? "–"}</td></tr>`,
          )}</tbody>
        </table></div>`
    }
    <h2>${l.t("c.editHeading")}</h2>
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
  l: Locale;
}): VNode {
  const { rows, values, errors, csrf, l } = props;
  return html`
    ${
      rows.length === 0
        ? html`<p>${l.t("c.noWebhooks")}</p>`
        : html`<ul class="rows">${rows.map(
            (w) =>
              html`<li><a href=${`/admin/webhooks/${w.id}`}>${w.url}</a> <span class="meta">${w.format}${w.enabled ? "" : ` · ${w.disabledReason ? l.t("c.disabledBecause", { reason: w.disabledReason }) : l.t("c.disabledShort")}`}</span></li>`,
          )}</ul>`
    }
    <h2>${l.t("c.newWebhook")}</h2>
    <${ErrorSummary} errors=${errors} l=${l} />
    <form method="post" action="/admin/webhooks" novalidate>
      <${Csrf} token=${csrf} />
      <${Field} name="url" label=${l.t("c.f.webhookUrl")} type="url" value=${values.url} errors=${errors} required=${true} />
      <${Field} name="format" label=${l.t("c.f.format")} value=${values.format} errors=${errors} options=${[
        { value: "statuspage", label: l.t("c.format.statuspage") },
        { value: "slack", label: "Slack" },
        { value: "discord", label: "Discord" },
      ]} />
      <fieldset id="f-events">
        <legend>${l.t("c.f.events")}</legend>
        ${errors.find((e) => e.path === "events") ? html`<p class="field-error">${errors.find((e) => e.path === "events")?.message}</p>` : null}
        ${props.events.map(
          (e) =>
            html`<div><input type="checkbox" name="events" value=${e} id=${`ev-${e}`} checked=${props.chosen.includes(e)} /> <label for=${`ev-${e}`}>${e}</label></div>`,
        )}
      </fieldset>
      <button type="submit">${l.t("c.createWebhook")}</button>
    </form>`;
}

export function WebhookDetail(props: {
  id: string;
  enabled: boolean;
  reason: string | null;
  deliveries: DeliveryView[];
  csrf: string;
  tz: string;
  l: Locale;
}): VNode {
  const { id, csrf, l } = props;
  return html`
    <p>${props.enabled ? l.t("c.enabledState") : props.reason ? l.t("c.disabledStateBecause", { reason: props.reason }) : l.t("c.disabledState")}</p>
    <div class="actions">
      <${PostButton} action=${`/admin/webhooks/${id}/${props.enabled ? "disable" : "enable"}`} csrf=${csrf} label=${props.enabled ? l.t("c.disable") : l.t("c.enable")} />
      <${PostButton} action=${`/admin/webhooks/${id}/delete`} csrf=${csrf} label=${l.t("c.deleteWebhook")} danger=${true} />
    </div>
    <h2>${l.t("c.deliveries")}</h2>
    ${
      props.deliveries.length === 0
        ? html`<p>${l.t("c.noDeliveries")}</p>`
        : html`<div class="table-wrap"><table class="list">
          <thead><tr><th scope="col">${l.t("c.th.event")}</th><th scope="col">${l.t("c.th.state")}</th><th scope="col">${l.t("c.th.attempts")}</th><th scope="col">${l.t("c.th.lastAnswer")}</th><th scope="col">${l.t("c.th.queued")}</th><th scope="col"><span class="vh">${l.t("c.th.action")}</span></th></tr></thead>
          <tbody>${props.deliveries.map(
            (d) => html`<tr>
              <td>${d.event}</td><td>${d.status}</td><td>${d.attempts}</td>
              <td>${d.lastStatus ?? ""} ${d.lastError ?? ""}</td>
              <td><${Time} iso=${d.createdAt} tz=${props.tz} l=${l} /></td>
              <td><${PostButton} action=${`/admin/webhooks/${id}/deliveries/${d.id}/redeliver`} csrf=${csrf} label=${l.t("c.redeliver", { id: String(d.id) })} /></td>
            </tr>`,
          )}</tbody>
        </table></div>`
    }`;
}
