import type { Locale } from "../i18n/locale";
import type { StripDay, StripRun } from "../models/history";
import { html, render, type VNode } from "./html";

type Cell = StripDay & { span?: number };

export type Tooltips = "all" | "none";

/**
 * One day of a bar, or a run of equal days (`span` wide, by a class: the CSP
 * allows no inline style). The text alternative is the cell's own text,
 * moved out of sight by the stylesheet; a day with incidents links to that
 * day's list. With `tooltips` ("all"), every cell repeats its text in
 * `title` for pointer users, as on a component's page; the home page's cells
 * do not ("none"): there the copies made the page a quarter heavier and its
 * first paint measurably later, and each day's text is a click away.
 */
export function DayCell({ level, label, day, span = 1 }: Cell, tooltips: Tooltips = "all"): VNode {
  const cls = span > 1 ? `l-${level} w${span}` : `l-${level}`;
  const title = tooltips === "all" ? label : undefined;
  return html`<li class=${cls} title=${title}>${day ? html`<a href=${`/history?day=${day}`}>${label}</a>` : label}</li>`;
}

const encoder = new TextEncoder();
const SLOT = /<!--strip:([\w@.-]+)-->/;

/**
 * The finished days of every bar, rendered by Preact and encoded once per
 * array of days: a home page of 50 bars holds 4,450 finished cells, and the
 * arrays change only when a bar's history does (the route's history cache
 * hands out the same array until then). A page is rendered with a marker for
 * each bar, and `splice` puts the bytes in. A marker the current render did
 * not place is an error, never an empty bar. (Escaped user text can never
 * contain "<!--", so a marker cannot be forged.)
 */
export class StripRenderer {
  private readonly rendered: Record<Tooltips, WeakMap<readonly Cell[], Uint8Array>> = {
    all: new WeakMap(),
    none: new WeakMap(),
  };
  private readonly placed = new Map<string, Uint8Array>();

  /** Starts a page: markers of earlier pages no longer count. */
  begin(): void {
    this.placed.clear();
  }

  /** The marker for a bar's finished days, rendering them the first time this array is seen. */
  slot(name: string, days: readonly Cell[], tooltips: Tooltips = "all"): string {
    const rendered = this.rendered[tooltips];
    let bytes = rendered.get(days);
    if (!bytes) {
      bytes = encoder.encode(render(html`${days.map((d) => DayCell(d, tooltips))}`));
      rendered.set(days, bytes);
    }
    this.placed.set(name, bytes);
    return `<!--strip:${name}-->`;
  }

  /** The page as bytes, every marker replaced by its bar's finished days. */
  splice(page: string): Uint8Array<ArrayBuffer> {
    const parts = page.split(new RegExp(SLOT, "g"));
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (const [i, part] of parts.entries()) {
      // split() with a capture group alternates text and captured names.
      const chunk = i % 2 === 0 ? encoder.encode(part) : this.placed.get(part);
      if (!chunk) throw new Error(`the strip renderer has no finished days for "${part}"`);
      chunks.push(chunk);
      size += chunk.byteLength;
    }
    const out = new Uint8Array(size);
    let offset = 0;
    for (const chunk of chunks) {
      out.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return out;
  }
}

export type DayStripProps = {
  name: string;
  /** Days (a component's page) or runs of days (the home page). */
  finished: readonly (StripDay | StripRun)[];
  today: StripDay;
  uptime: string;
  l: Locale;
  /** Days behind the uptime figure when fewer than 90, said beside it so it does not read as 90. */
  uptimeDays?: number | null;
  /** Leaves the finished days to the renderer's splice, under this name; without it they are rendered here. */
  renderer?: { strips: StripRenderer; slot: string };
  /** Which cells carry a tooltip: all of them unless told. */
  tooltips?: Tooltips;
};

export function DayStrip({
  name,
  finished,
  today,
  uptime,
  uptimeDays,
  renderer,
  tooltips,
  l,
}: DayStripProps): VNode {
  const label = l.t("strip.label", { name });
  return html`
    ${
      renderer
        ? html`<ol class="strip" aria-label=${label} dangerouslySetInnerHTML=${{ __html: renderer.strips.slot(renderer.slot, finished, tooltips) + render(DayCell(today, tooltips)) }}></ol>`
        : html`<ol class="strip" aria-label=${label}>${finished.map((d) => DayCell(d, tooltips))}${DayCell(today, tooltips)}</ol>`
    }
    <p class="strip-legend">${uptimeDays ? l.t("strip.uptimeOver", { uptime, count: uptimeDays }) : l.t("strip.uptime", { uptime })}</p>`;
}
