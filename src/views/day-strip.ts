import type { StripDay } from "../models/history";
import { html, render, type VNode } from "./html";

/**
 * One day of a bar. The text alternative is in the cell and repeated in
 * `title` for pointer users; a day with incidents links to that day's list.
 */
export function DayCell({ level, label, day }: StripDay): VNode {
  const text = html`<span>${label}</span>`;
  return html`<li class=${`l-${level}`} title=${label}>${day ? html`<a href=${`/history?day=${day}`}>${text}</a>` : text}</li>`;
}

/**
 * The finished days of bars as markup, rendered by Preact once per array:
 * a home page of 50 bars holds 4,450 finished cells, which change only with
 * the snapshot. The route that renders owns the renderer; the arrays come
 * from its history cache, so a new snapshot means new arrays and new markup.
 */
export class StripRenderer {
  private readonly memo = new WeakMap<readonly StripDay[], string>();

  finished(days: readonly StripDay[]): string {
    let markup = this.memo.get(days);
    if (markup === undefined) {
      markup = render(html`${days.map((d) => DayCell(d))}`);
      this.memo.set(days, markup);
    }
    return markup;
  }
}

export type DayStripProps = {
  name: string;
  finished: readonly StripDay[];
  today: StripDay;
  uptime: string;
  /** Days behind the uptime figure when fewer than 90, said beside it so it does not read as 90. */
  uptimeDays?: number | null;
  /** Reuses the finished days' markup across views; without it they are rendered here. */
  renderer?: StripRenderer;
};

export function DayStrip({ name, finished, today, uptime, uptimeDays, renderer }: DayStripProps): VNode {
  const label = `Daily status of ${name}, last 90 days`;
  return html`<div class="history">
    ${
      renderer
        ? html`<ol class="strip" aria-label=${label} dangerouslySetInnerHTML=${{ __html: renderer.finished(finished) + render(DayCell(today)) }}></ol>`
        : html`<ol class="strip" aria-label=${label}>${finished.map((d) => DayCell(d))}${DayCell(today)}</ol>`
    }
    <p class="strip-legend"><span>90 days ago</span><span>${uptime} uptime${uptimeDays ? ` over ${uptimeDays === 1 ? "1 day" : `${uptimeDays} days`}` : ""}</span><span>Today</span></p>
  </div>`;
}
