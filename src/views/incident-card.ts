import type { Locale } from "../i18n/locale";
import { impactLabel, phaseLabel } from "../i18n/words";
import type { IncidentSummary, MaintenanceSummary } from "../models/home";
import { html, type VNode } from "./html";
import { Time } from "./time";
import { rich } from "./words";

type CardProps = { incident: IncidentSummary; tz: string; link: string; l: Locale };

export function IncidentCard({ incident, tz, link, l }: CardProps): VNode {
  return html`<article class=${`card impact-${incident.impact}`} aria-labelledby=${`i-${incident.id}`}>
    <h3 id=${`i-${incident.id}`} lang=${l.written}><a href=${link}>${incident.name}</a></h3>
    <p class="meta">
      <span class="tag">${phaseLabel(l, incident.status)}</span>
      <span class="tag">${impactLabel(l, incident.impact)}</span>
      <span>${rich(l, "card.since", { time: html`<${Time} iso=${incident.beganAt} tz=${tz} l=${l} />` })}</span>
    </p>
    ${
      incident.latest
        ? html`<div class="update">
          <p><strong lang=${l.written}>${incident.latest.title}</strong> · <${Time} iso=${incident.latest.createdAt} tz=${tz} l=${l} /></p>
          <div class="prose" lang=${l.written} dangerouslySetInnerHTML=${{ __html: incident.latest.html }}></div>
        </div>`
        : null
    }
    ${incident.affected.length ? html`<p class="affected">${l.t("card.affects", { names: incident.affected.map((a) => a.name).join(", ") })}</p>` : null}
  </article>`;
}

type MaintenanceProps = { maintenance: MaintenanceSummary; tz: string; link: string; l: Locale };

/** "from to until", or "from until further notice". */
export function Window({
  from,
  to,
  tz,
  l,
}: {
  from: string;
  to: string | null;
  tz: string;
  l: Locale;
}): VNode {
  return rich(l, "card.window", {
    from: html`<${Time} iso=${from} tz=${tz} l=${l} />`,
    to: to ? html`<${Time} iso=${to} tz=${tz} l=${l} />` : l.t("card.untilFurther"),
  });
}

export function MaintenanceCard({ maintenance, tz, link, l }: MaintenanceProps): VNode {
  return html`<article class="card impact-maintenance" aria-labelledby=${`m-${maintenance.id}`}>
    <h3 id=${`m-${maintenance.id}`} lang=${l.written}><a href=${link}>${maintenance.name}</a></h3>
    <p class="meta">
      <span class="tag">${phaseLabel(l, maintenance.status)}</span>
      <span><${Window} from=${maintenance.beganAt} to=${maintenance.endedAt} tz=${tz} l=${l} /></span>
    </p>
    ${
      maintenance.latest
        ? html`<div class="update"><div class="prose" lang=${l.written} dangerouslySetInnerHTML=${{ __html: maintenance.latest.html }}></div></div>`
        : null
    }
    ${maintenance.affected.length ? html`<p class="affected">${l.t("card.affects", { names: maintenance.affected.map((a) => a.name).join(", ") })}</p>` : null}
  </article>`;
}
