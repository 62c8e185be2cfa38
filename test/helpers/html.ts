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

/** A group on the home page: whether its members are shown at first, its summary, and the members' names and bars. */
export type GroupFold = { open: boolean; summary: string; members: string[]; bars: number };

/** The groups of a home page, keyed by the group's name, as a parser reads them. */
export function groupFolds(html: string): Map<string, GroupFold> {
  const groups = new Map<string, GroupFold>();
  walk(parseDocument(html) as unknown as Node, (n) => {
    if (n.name !== "li" || n.attribs?.class !== "group") return;
    const head = (n.children ?? []).find((c) => c.name === "h3");
    const details = (n.children ?? []).find((c) => c.name === "details");
    if (!head || !details) return;
    const name = textOf((head.children ?? []).find((c) => c.name === "a") ?? {});
    const members: string[] = [];
    let summary = "";
    let bars = 0;
    walk(details, (x) => {
      if (x.name === "summary") summary = textOf(x);
      if (x.name === "li" && x.attribs?.class === "component") {
        const a = (x.children ?? []).find((c) => c.name === "h3")?.children?.find((c) => c.name === "a");
        members.push(textOf(a ?? {}));
      }
      if (x.name === "ol" && x.attribs?.class === "strip") bars += 1;
    });
    groups.set(name, { open: details.attribs?.open !== undefined, summary, members, bars });
  });
  return groups;
}
