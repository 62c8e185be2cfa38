import type { Locale } from "../i18n/locale";
import { impactLabel, phaseLabel } from "../i18n/words";
import type { IncidentListItem } from "../models/detail";
import { html, type VNode } from "./html";
import { Time } from "./time";
import { rich } from "./words";

type Props = { items: readonly IncidentListItem[]; tz: string; link: (id: string) => string; l: Locale };

function span(i: IncidentListItem, l: Locale): string {
  if (!i.ongoing) return l.t("list.lasted", { duration: l.duration(i.durationMs) });
  if (i.maintenance && i.status === "scheduled") return l.t("list.upcoming");
  return l.t("list.ongoing", { duration: l.duration(i.durationMs) });
}

export function IncidentList({ items, tz, link, l }: Props): VNode {
  return html`<ul class="incident-list">
    ${items.map(
      (i) => html`<li class=${`impact-${i.impact}`}>
        <a href=${link(i.id)} lang=${l.written}>${i.name}</a>
        <p class="meta">
          <span class="tag">${phaseLabel(l, i.status)}</span>
          <span class="tag">${impactLabel(l, i.impact)}</span>
          <span>${
            i.endedAt && !i.ongoing
              ? rich(l, "card.window", {
                  from: html`<${Time} iso=${i.beganAt} tz=${tz} l=${l} />`,
                  to: html`<${Time} iso=${i.endedAt} tz=${tz} l=${l} />`,
                })
              : html`<${Time} iso=${i.beganAt} tz=${tz} l=${l} />`
          }</span>
          <span>${span(i, l)}</span>
        </p>
        ${i.latest ? html`<div class="prose latest" lang=${l.written} dangerouslySetInnerHTML=${{ __html: i.latest.html }}></div>` : null}
      </li>`,
    )}
  </ul>`;
}
