import type { Context } from "hono";

export const PAGE_CACHE_CONTROL = "public, max-age=30, stale-while-revalidate=60";

export type RenderedPage = { body: string | Uint8Array<ArrayBuffer>; etag: string };

let isolateTag: string | null = null;

/**
 * A strong ETag for a page rendered from exactly `inputs` by this isolate's
 * code: same tag, same bytes. The isolate's random tag stands in for the code
 * version (randomness is not allowed at global scope, hence the lazy start).
 * Hashing a large page would cost more than rendering it.
 */
export function inputsEtag(inputs: string): string {
  isolateTag ??= crypto.randomUUID().slice(0, 8);
  return `"${isolateTag}-${inputs.replace(/[^\w.-]/g, "_")}"`;
}

export async function strongEtag(body: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(body)));
  let hex = "";
  for (const b of digest.subarray(0, 16)) hex += b.toString(16).padStart(2, "0");
  return `"${hex}"`;
}

function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(",").some((t) => {
    const tag = t.trim();
    return tag === "*" || tag === etag || tag === `W/${etag}`;
  });
}

/** A public page with a strong ETag; a matching If-None-Match gets 304. */
export function sendPage(c: Context, page: RenderedPage, contentType = "text/html; charset=utf-8"): Response {
  const headers = { ETag: page.etag, "Cache-Control": PAGE_CACHE_CONTROL, Vary: "Accept-Encoding" };
  if (matches(c.req.header("if-none-match"), page.etag)) return c.body(null, 304, headers);
  return c.body(page.body, 200, { ...headers, "Content-Type": contentType });
}

/** A small LRU of rendered pages, so repeat views within a minute cost no rendering. */
export class PageCache {
  private readonly entries = new Map<string, RenderedPage>();
  constructor(private readonly max = 64) {}

  get(key: string): RenderedPage | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, page: RenderedPage): void {
    this.entries.set(key, page);
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as string);
  }
}
