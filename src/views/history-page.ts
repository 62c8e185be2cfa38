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
};

export function HistoryPage({ day, months, tz, newer, older, link }: Props): VNode {
  return html`<div class="history-page">
    <h1>${day ? `Incidents on ${day}` : "Incident history"}</h1>
    ${day ? html`<p><a href=${link("/history")}>All history</a></p>` : null}
    ${
      months.length
        ? months.map(
            (m, n) => html`<section aria-labelledby=${`month-${n}`}>
            <h2 id=${`month-${n}`}>${m.month}</h2>
            <${IncidentList} items=${m.items} tz=${tz} link=${(id: string) => link(`/incidents/${id}`)} />
          </section>`,
          )
        : html`<p>${day ? "No incidents or maintenance on this day." : "No incidents or maintenance on record."}</p>`
    }
    <nav class="pager" aria-label="Pages">
      ${newer ? html`<a href=${newer} rel="prev">Newer</a>` : null}
      ${older ? html`<a href=${older} rel="next">Older</a>` : null}
    </nav>
  </div>`;
}
