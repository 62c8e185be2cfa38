import type { Locale } from "../i18n/locale";
import type { MonthGroup } from "../models/detail";
import { html, type VNode } from "./html";
import { IncidentList } from "./incident-list";

type Props = {
  /** Set when the page lists one day's incidents ("26 November 2026"). */
  day?: string | null;
  months: MonthGroup[];
  tz: string;
  newer: string | null;
  older: string | null;
  link: (path: string) => string;
  l: Locale;
};

export function HistoryPage({ day, months, tz, newer, older, link, l }: Props): VNode {
  return html`<div class="history-page">
    <h1>${day ? l.t("history.dayTitle", { day }) : l.t("history.title")}</h1>
    ${day ? html`<p><a href=${link("/history")}>${l.t("history.all")}</a></p>` : null}
    ${
      months.length
        ? months.map(
            (m, n) => html`<section aria-labelledby=${`month-${n}`}>
            <h2 id=${`month-${n}`}>${m.month}</h2>
            <${IncidentList} items=${m.items} tz=${tz} l=${l} link=${(id: string) => link(`/incidents/${id}`)} />
          </section>`,
          )
        : html`<p>${day ? l.t("history.noneDay") : l.t("history.none")}</p>`
    }
    <nav class="pager" aria-label=${l.t("history.pages")}>
      ${newer ? html`<a href=${newer} rel="prev">${l.t("history.newer")}</a>` : null}
      ${older ? html`<a href=${older} rel="next">${l.t("history.older")}</a>` : null}
    </nav>
  </div>`;
}
