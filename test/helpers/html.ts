import { parseDocument } from "htmlparser2";

type Node = {
  type?: string;
  name?: string;
  data?: string;
  attribs?: Record<string, string>;
  children?: Node[];
};

function walk(node: Node, visit: (n: Node) => void): void {
  visit(node);
  for (const child of node.children ?? []) walk(child, visit);
}

export function textOf(node: Node): string {
  let out = "";
  walk(node, (n) => {
    if (n.type === "text") out += n.data ?? "";
  });
  return out;
}

/** One cell of a strip: a day, or (on the home page) a run of `span` equal days. */
export type StripCell = { level: string; span: number; title: string; text: string; href: string | null };

/** The cells of the day strips on a page, as a parser reads them, keyed by the strip's label. */
export function stripCells(html: string): Map<string, StripCell[]> {
  const strips = new Map<string, StripCell[]>();
  walk(parseDocument(html) as unknown as Node, (n) => {
    if (n.name !== "ol" || !n.attribs?.class?.split(" ").includes("strip")) return;
    const cells: StripCell[] = [];
    for (const li of n.children ?? []) {
      if (li.name !== "li") continue;
      let href: string | null = null;
      walk(li, (x) => {
        if (x.name === "a") href = x.attribs?.href ?? null;
      });
      const classes = (li.attribs?.class ?? "").split(" ");
      const width = classes.find((c) => /^w\d+$/.test(c));
      cells.push({
        level: (classes.find((c) => c.startsWith("l-")) ?? "").replace(/^l-/, ""),
        span: width ? Number(width.slice(1)) : 1,
        title: li.attribs?.title ?? "",
        text: textOf(li),
        href,
      });
    }
    strips.set(n.attribs["aria-label"] ?? "", cells);
  });
  return strips;
}
