import { parseDocument } from "htmlparser2";
import { describe, expect, it } from "vitest";
import type { StripDay } from "../../src/models/history";
import { DayStrip, StripRenderer } from "../../src/views/day-strip";
import { render } from "../../src/views/html";

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
      const span = (node.children as { name?: string; children?: { data?: string }[] }[]).find(
        (c) => c.name === "span",
      );
      found.push({
        cls: node.attribs?.class ?? "",
        title: node.attribs?.title ?? "",
        text: span?.children?.map((t) => t.data ?? "").join("") ?? "",
      });
    }
    for (const child of (node.children ?? []) as (typeof node)[]) walk(child);
  };
  walk(doc as never);
  return found;
}

describe("the day strip", () => {
  it("renders the same cells with and without the renderer's reuse, text escaped and in the title", () => {
    const direct = render(DayStrip({ name: "API", finished: DAYS, today: TODAY, uptime: "99.9%" }));
    const reused = render(
      DayStrip({ name: "API", finished: DAYS, today: TODAY, uptime: "99.9%", renderer: new StripRenderer() }),
    );
    expect(reused).toBe(direct);
    const parsed = cells(direct);
    expect(parsed).toEqual(
      [...DAYS, TODAY].map((d) => ({ cls: `l-${d.level}`, title: d.label, text: d.label })),
    );
    expect(direct).not.toContain("<b>");
  });

  it("renders one array of finished days once, and a new array anew", () => {
    const renderer = new StripRenderer();
    const first = renderer.finished(DAYS);
    expect(renderer.finished(DAYS)).toBe(first);
    const changed = [
      ...DAYS.slice(0, 2),
      { level: "ok" as const, label: "1 May 2026: 100% uptime, no incidents" },
    ];
    expect(renderer.finished(changed)).not.toBe(first);
    expect(cells(renderer.finished(changed)).at(-1)?.cls).toBe("l-ok");
  });
});
