import type { Locale } from "../i18n/locale";
import type { ComponentPageModel } from "../models/detail";
import { DayStrip } from "./day-strip";
import { html, type VNode } from "./html";
import { IncidentList } from "./incident-list";
import { LatencyChart } from "./latency-chart";
import { Notices } from "./notice";
import { StatusBadge } from "./status-badge";

type Props = { model: ComponentPageModel; tz: string; link: (path: string) => string; l: Locale };

export function ComponentPage({ model, tz, link, l }: Props): VNode {
  const c = model.component;
  return html`<article class="component-page" aria-labelledby="component-title">
    <${Notices} dataAsOf=${model.dataAsOf} checksDelayedSince=${null} tz=${tz} l=${l} />
    <p class="crumbs"><a href=${link("/")}>${l.t("nav.status")}</a>${model.groupName ? html` · ${model.groupName}` : null}</p>
    <div class="component-head">
      <h1 id="component-title">${c.name}</h1>
      <${StatusBadge} status=${model.status} l=${l} />
    </div>
    ${c.description ? html`<p lang=${l.written}>${c.description}</p>` : null}
    <section aria-labelledby="history-h">
      <h2 id="history-h">${l.t("component.last90")}</h2>
      <${DayStrip} name=${c.name} finished=${model.strip.finished} today=${model.strip.today} uptime=${model.uptime} uptimeDays=${model.uptimeDays} l=${l} />
    </section>
    ${
      model.monitors.length
        ? html`<section aria-labelledby="monitors-h">
          <h2 id="monitors-h">${l.t("component.checks")}</h2>
          ${model.monitors.map(
            (m) => html`<article class="monitor" aria-labelledby=${`mon-${m.id}`}>
              <h3 id=${`mon-${m.id}`}>${m.name}</h3>
              <p class="meta">
                <span class="tag">${m.enabled ? l.t(`monitor.${m.status}`) : l.t("monitor.paused")}</span>
                <span>${l.t("monitor.kind", { kind: m.kind.toUpperCase() })}</span>
                ${m.lastReason ? html`<span>${l.t("monitor.lastProblem", { reason: m.lastReason })}</span>` : null}
              </p>
              <${LatencyChart} id=${`chart-${m.id}`} name=${m.name} summary=${m.summary} l=${l} />
            </article>`,
          )}
        </section>`
        : null
    }
    ${
      model.members.length
        ? html`<section aria-labelledby="members-h">
          <h2 id="members-h">${l.t("component.members")}</h2>
          <ul class="members">
            ${model.members.map((m) => html`<li><a href=${link(`/components/${m.id}`)}>${m.name}</a> <${StatusBadge} status=${m.status} l=${l} /></li>`)}
          </ul>
        </section>`
        : null
    }
    <section aria-labelledby="incidents-h">
      <h2 id="incidents-h">${l.t("component.incidents", { name: c.name })}</h2>
      ${
        model.incidents.length
          ? html`<${IncidentList} items=${model.incidents} tz=${tz} l=${l} link=${(id: string) => link(`/incidents/${id}`)} />`
          : html`<p>${l.t("component.none")}</p>`
      }
    </section>
  </article>`;
}
