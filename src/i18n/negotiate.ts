/**
 * Which language a request gets: `?lang=`, then Accept-Language (quality
 * values honoured, "de-DE" matching "de"), then the page's default.
 */
import { isLanguage } from "./locale";

export type Chosen = {
  lang: string;
  /** Where the choice came from: only "query" is carried along in links; "header" means the answer varies by Accept-Language. */
  from: "query" | "header" | "default";
};

type Range = { tag: string; q: number; order: number };

function ranges(header: string): Range[] {
  const out: Range[] = [];
  for (const [order, part] of header.split(",").entries()) {
    const [rawTag, ...params] = part.trim().split(";");
    const tag = (rawTag ?? "").trim().toLowerCase();
    if (!tag || !/^([a-z]{1,8}(-[a-z0-9]{1,8})*|\*)$/.test(tag)) continue;
    let q = 1;
    for (const p of params) {
      const [k, val] = p.trim().split("=");
      if (k?.trim().toLowerCase() === "q") {
        const n = Number(val);
        q = Number.isFinite(n) && n >= 0 && n <= 1 ? n : 0;
      }
    }
    if (q > 0) out.push({ tag, q, order });
  }
  return out.sort((a, b) => b.q - a.q || a.order - b.order);
}

/** The best catalogue for an Accept-Language header, or null when none is acceptable. */
export function fromAcceptLanguage(header: string | undefined, fallback: string): string | null {
  if (!header) return null;
  for (const { tag } of ranges(header.slice(0, 1_000))) {
    if (tag === "*") return fallback;
    const primary = tag.split("-")[0] as string;
    if (isLanguage(tag)) return tag;
    if (isLanguage(primary)) return primary;
  }
  return null;
}

export function chooseLanguage(
  query: string | undefined,
  acceptLanguage: string | undefined,
  fallback: string,
): Chosen {
  if (query && isLanguage(query)) return { lang: query, from: "query" };
  const header = fromAcceptLanguage(acceptLanguage, fallback);
  if (header) return { lang: header, from: "header" };
  return { lang: fallback, from: "default" };
}
