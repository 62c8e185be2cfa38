import type { ComponentPageModel } from "../models/detail";
import { DayStrip } from "./day-strip";
import { html, type VNode } from "./html";
import { IncidentList } from "./incident-list";
import { LatencyChart } from "./latency-chart";
import { Notices } from "./notice";
import { StatusBadge } from "./status-badge";

type Props = { model: ComponentPageModel; tz: string; link: (path: string) => string };

const MONITOR_STATUS = { up: "Passing", degraded: "Slow", down: "Failing" } as const;

export function ComponentPage({ model, tz, link }: Props): VNode {
  const c = model.component;
  return html`<article class="component-page" aria-labelledby="component-title">
    <${Notices} dataAsOf=${model.dataAsOf} checksDelayedSince=${null} tz=${tz} />
    <p class="crumbs"><a href=${link("/")}>Status</a>${model.groupName ? html` · ${model.groupName}` : null}</p>
    <div class="component-head">
      <h1 id="component-title">${c.name}</h1>
      <${StatusBadge} status=${model.status} />
    </div>
    ${c.description ? html`<p>${c.description}</p>` : null}
    <section aria-labelledby="history-h">
      <h2 id="history-h">Last 90 days</h2>
      <${DayStrip} name=${c.name} finished=${model.strip.finished} today=${model.strip.today} uptime=${model.uptime} uptimeDays=${model.uptimeDays} />
    </section>
    ${
      model.monitors.length
        ? html`<section aria-labelledby="monitors-h">
          <h2 id="monitors-h">Checks</h2>
          ${model.monitors.map(
            (m) => html`<article class="monitor" aria-labelledby=${`mon-${m.id}`}>
              <h3 id=${`mon-${m.id}`}>${m.name}</h3>
              <p class="meta">
                <span class="tag">${m.enabled ? MONITOR_STATUS[m.status] : "Paused"}</span>
                <span>${m.kind.toUpperCase()} check</span>
                ${m.lastReason ? html`<span>Last problem: ${m.lastReason}</span>` : null}
              </p>
              <${LatencyChart} id=${`chart-${m.id}`} name=${m.name} summary=${m.summary} />
            </article>`,
          )}
        </section>`
        : null
    }
    ${
      model.members.length
        ? html`<section aria-labelledby="members-h">
          <h2 id="members-h">Components in this group</h2>
          <ul class="members">
            ${model.members.map((m) => html`<li><a href=${link(`/components/${m.id}`)}>${m.name}</a> <${StatusBadge} status=${m.status} /></li>`)}
          </ul>
        </section>`
        : null
    }
    <section aria-labelledby="incidents-h">
      <h2 id="incidents-h">Incidents that touched ${c.name}</h2>
      ${
        model.incidents.length
          ? html`<${IncidentList} items=${model.incidents} tz=${tz} link=${(id: string) => link(`/incidents/${id}`)} />`
          : html`<p>None on record.</p>`
      }
    </section>
  </article>`;
}
