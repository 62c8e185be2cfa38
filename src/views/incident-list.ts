import { formatDuration } from "../domain/time-text";
import type { IncidentListItem } from "../models/detail";
import { html, type VNode } from "./html";
import { Time } from "./time";
import { IMPACT_LABEL, INCIDENT_STATUS_LABEL } from "./words";

type Props = { items: readonly IncidentListItem[]; tz: string; link: (id: string) => string };

export function IncidentList({ items, tz, link }: Props): VNode {
  return html`<ul class="incident-list">
    ${items.map(
      (i) => html`<li class=${`impact-${i.impact}`}>
        <a href=${link(i.id)}>${i.name}</a>
        <p class="meta">
          <span class="tag">${INCIDENT_STATUS_LABEL[i.status]}</span>
          <span class="tag">${IMPACT_LABEL[i.impact]}</span>
          <span><${Time} iso=${i.beganAt} tz=${tz} />${i.endedAt && !i.ongoing ? html` to <${Time} iso=${i.endedAt} tz=${tz} />` : null}</span>
          <span>${i.ongoing ? (i.maintenance && i.status === "scheduled" ? "upcoming" : `ongoing for ${formatDuration(i.durationMs)}`) : `lasted ${formatDuration(i.durationMs)}`}</span>
        </p>
        ${i.latest ? html`<div class="prose latest" dangerouslySetInnerHTML=${{ __html: i.latest.html }}></div>` : null}
      </li>`,
    )}
  </ul>`;
}
