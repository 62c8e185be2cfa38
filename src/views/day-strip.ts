import type { DayLevel } from "../domain/uptime";
import { html, render, type VNode } from "./html";

export type DayCellProps = { level: DayLevel; label: string };

/** One day of a bar. The text alternative is in the cell and repeated in `title` for pointer users. */
export function DayCell({ level, label }: DayCellProps): VNode {
  return html`<li class=${`l-${level}`} title=${label}><span>${label}</span></li>`;
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", '"': "&quot;" };

/** Escapes as Preact does: enough for text and double-quoted attributes. */
function escapeText(text: string): string {
  return text.replace(/[&<"]/g, (ch) => ESCAPES[ch] ?? ch);
}

/**
 * Cells as markup, so a page can reuse the 89 finished days until the data
 * changes. Thousands of cells are built at once after every change, so this
 * writes the same markup as `DayCell` directly (a test holds them equal).
 */
export function renderCells(cells: readonly DayCellProps[]): string {
  let out = "";
  for (const c of cells) {
    const text = escapeText(c.label);
    out += `<li class="l-${c.level}" title="${text}"><span>${text}</span></li>`;
  }
  return out;
}

/** The same cell through Preact, for the test that holds the two equal. */
export function renderCellWithPreact(cell: DayCellProps): string {
  return render(DayCell(cell));
}

export type DayStripProps = { name: string; cellsHtml: string; uptime: string };

export function DayStrip({ name, cellsHtml, uptime }: DayStripProps): VNode {
  return html`<div class="history">
    <ol class="strip" aria-label=${`Daily status of ${name}, last 90 days`} dangerouslySetInnerHTML=${{ __html: cellsHtml }}></ol>
    <p class="strip-legend"><span>90 days ago</span><span>${uptime} uptime</span><span>Today</span></p>
  </div>`;
}
