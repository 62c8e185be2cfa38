import type { DayLevel } from "../domain/uptime";
import { html, render, type VNode } from "./html";

export type DayCellProps = { level: DayLevel; label: string };

/** One day of a bar. The text alternative is in the cell and repeated in `title` for pointer users. */
export function DayCell({ level, label }: DayCellProps): VNode {
  return html`<li class=${`d l-${level}`} title=${label}><span class="vh">${label}</span></li>`;
}

/** Cells as markup, so a page can reuse the 89 finished days until the data changes. */
export function renderCells(cells: readonly DayCellProps[]): string {
  return cells.map((c) => render(DayCell(c))).join("");
}

export type DayStripProps = { name: string; cellsHtml: string; uptime: string };

export function DayStrip({ name, cellsHtml, uptime }: DayStripProps): VNode {
  return html`<div class="history">
    <ol class="strip" aria-label=${`Daily status of ${name}, last 90 days`} dangerouslySetInnerHTML=${{ __html: cellsHtml }}></ol>
    <p class="strip-legend"><span>90 days ago</span><span>${uptime} uptime</span><span>Today</span></p>
  </div>`;
}
