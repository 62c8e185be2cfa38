import type { IncidentSummary, MaintenanceSummary } from "../models/home";
import { html, type VNode } from "./html";
import { Time } from "./time";
import { IMPACT_LABEL, INCIDENT_STATUS_LABEL } from "./words";

type CardProps = { incident: IncidentSummary; tz: string; link: string };

export function IncidentCard({ incident, tz, link }: CardProps): VNode {
  return html`<article class=${`card impact-${incident.impact}`} aria-labelledby=${`i-${incident.id}`}>
    <h3 id=${`i-${incident.id}`}><a href=${link}>${incident.name}</a></h3>
    <p class="meta">
      <span class="tag">${INCIDENT_STATUS_LABEL[incident.status]}</span>
      <span class="tag">${IMPACT_LABEL[incident.impact]}</span>
      <span>Since <${Time} iso=${incident.beganAt} tz=${tz} /></span>
    </p>
    ${
      incident.latest
        ? html`<div class="update">
          <p><strong>${incident.latest.title}</strong> · <${Time} iso=${incident.latest.createdAt} tz=${tz} /></p>
          <div class="prose" dangerouslySetInnerHTML=${{ __html: incident.latest.html }}></div>
        </div>`
        : null
    }
    ${
      incident.affected.length
        ? html`<p class="affected">Affects: ${incident.affected.map((a) => a.name).join(", ")}</p>`
        : null
    }
  </article>`;
}

type MaintenanceProps = { maintenance: MaintenanceSummary; tz: string; link: string };

export function MaintenanceCard({ maintenance, tz, link }: MaintenanceProps): VNode {
  return html`<article class="card impact-maintenance" aria-labelledby=${`m-${maintenance.id}`}>
    <h3 id=${`m-${maintenance.id}`}><a href=${link}>${maintenance.name}</a></h3>
    <p class="meta">
      <span class="tag">${INCIDENT_STATUS_LABEL[maintenance.status]}</span>
      <span><${Time} iso=${maintenance.beganAt} tz=${tz} /> to ${maintenance.endedAt ? html`<${Time} iso=${maintenance.endedAt} tz=${tz} />` : "until further notice"}</span>
    </p>
    ${
      maintenance.latest
        ? html`<div class="update"><div class="prose" dangerouslySetInnerHTML=${{ __html: maintenance.latest.html }}></div></div>`
        : null
    }
    ${
      maintenance.affected.length
        ? html`<p class="affected">Affects: ${maintenance.affected.map((a) => a.name).join(", ")}</p>`
        : null
    }
  </article>`;
}
