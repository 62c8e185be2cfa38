import { parseDocument } from "htmlparser2";
import { describe, expect, it } from "vitest";
import { localeOf } from "../../src/i18n/locale";
import type { StripDay } from "../../src/models/history";
import { DayStrip, StripRenderer } from "../../src/views/day-strip";
import { render } from "../../src/views/html";
import { textOf } from "../helpers/html";

const DAYS: StripDay[] = [
  { level: "ok", label: "12 May 2026: 100% uptime, no incidents" },
  { level: "major", label: `tricky <b>"quotes"</b> & 'apostrophes'` },
  { level: "nodata", label: "1 May 2026: no data" },
];
const TODAY: StripDay = { level: "minor", label: "13 May 2026: 99.90% uptime, 1 incident (today, so far)" };

/** Each cell of the strip as the parser reads it: class, title and its text. */
function cells(markup: string) {
  const doc = parseDocument(markup);
  const found: { cls: string; title: string; text: string }[] = [];
  const walk = (node: {
    type?: string;
    name?: string;
    attribs?: Record<string, string>;
    children?: unknown[];
  }) => {
    if (node.name === "li") {
      found.push({
        cls: node.attribs?.class ?? "",
        title: node.attribs?.title ?? "",
        text: textOf(node as never),
      });
    }
    for (const child of (node.children ?? []) as (typeof node)[]) walk(child);
  };
  walk(doc as never);
  return found;
}

describe("the day strip", () => {
  it("renders the same cells with and without the renderer's splice, text escaped and in the title", () => {
    const direct = render(
      DayStrip({ name: "API", finished: DAYS, today: TODAY, uptime: "99.9%", l: localeOf("en") }),
    );
    const strips = new StripRenderer();
    strips.begin();
    const marked = render(
      DayStrip({
        name: "API",
        finished: DAYS,
        today: TODAY,
        uptime: "99.9%",
        l: localeOf("en"),
        renderer: { strips, slot: "api" },
      }),
    );
    expect(new TextDecoder().decode(strips.splice(marked))).toBe(direct);
    const parsed = cells(direct);
    expect(parsed).toEqual(
      [...DAYS, TODAY].map((d) => ({ cls: `l-${d.level}`, title: d.label, text: d.label })),
    );
    expect(direct).not.toContain("<b>");
  });

  it("draws a run of equal days as one cell as wide as its days, and links a day with incidents", () => {
    const runs = [
      { level: "nodata" as const, label: "1 Mar 2026 – 9 Mar 2026: no data", span: 9 },
      { level: "ok" as const, label: "10 Mar 2026 – 28 May 2026: 100% uptime, no incidents", span: 79 },
      {
        level: "major" as const,
        label: "29 May 2026: 98.00% uptime, 1 incident",
        day: "2026-05-29",
        span: 1,
      },
    ];
    const markup = render(
      DayStrip({ name: "API", finished: runs, today: TODAY, uptime: "99.9%", l: localeOf("en") }),
    );
    expect(cells(markup).map((c) => c.cls)).toEqual(["l-nodata w9", "l-ok w79", "l-major", "l-minor"]);
    expect(markup).toContain('<a href="/history?day=2026-05-29">29 May 2026: 98.00% uptime, 1 incident</a>');
    expect(markup.slice(0, markup.indexOf("</ol>"))).not.toContain("<span>");
  });

  it("renders an array of finished days once, a new array anew, and fails loudly on a marker it did not place", () => {
    const strips = new StripRenderer();
    strips.begin();
    const first = strips.splice(strips.slot("api", DAYS));
    const again = strips.splice(strips.slot("api", DAYS));
    expect(again).toEqual(first);
    const changed = [
      ...DAYS.slice(0, 2),
      { level: "ok" as const, label: "1 May 2026: 100% uptime, no incidents" },
    ];
    expect(cells(new TextDecoder().decode(strips.splice(strips.slot("api", changed)))).at(-1)?.cls).toBe(
      "l-ok",
    );
    strips.begin();
    expect(() => strips.splice("<ol><!--strip:api--></ol>")).toThrow(/no finished days for "api"/);
  });

  it("repeats each cell's text as its tooltip unless told not to, as the home page does", () => {
    const runs = [
      { level: "ok" as const, label: "1 – 28 May 2026: 100% uptime, no incidents", span: 28 },
      { level: "ok" as const, label: "29 May 2026: 100% uptime, 1 incident", day: "2026-05-29" },
      ...DAYS.slice(1),
    ];
    const all = cells(
      render(DayStrip({ name: "API", finished: runs, today: TODAY, uptime: "99.9%", l: localeOf("en") })),
    );
    expect(all.every((c) => c.title === c.text)).toBe(true);
    const strips = new StripRenderer();
    strips.begin();
    const home = render(
      DayStrip({
        name: "API",
        finished: runs,
        today: TODAY,
        uptime: "99.9%",
        tooltips: "none",
        l: localeOf("en"),
        renderer: { strips, slot: "api" },
      }),
    );
    const homeCells = cells(new TextDecoder().decode(strips.splice(home)));
    expect(homeCells.map((c) => c.title)).toEqual(["", "", "", "", ""]);
    // The text alternative stays in every cell.
    expect(homeCells.map((c) => c.text)).toEqual([...runs, TODAY].map((d) => d.label));
    // The same finished days, asked for with every tooltip, are rendered with every tooltip.
    strips.begin();
    const full = strips.splice(strips.slot("api", runs));
    expect(cells(new TextDecoder().decode(full)).every((c) => c.title === c.text)).toBe(true);
  });
});
