import type { Context } from "hono";

export const PAGE_CACHE_CONTROL = "public, max-age=30, stale-while-revalidate=60";

export type RenderedPage = {
  body: string | Uint8Array<ArrayBuffer>;
  etag: string;
  /** The body gzipped, made once for a page that is served many times (see `sendPage`). */
  gzip?: Promise<Uint8Array<ArrayBuffer>>;
};

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

async function gzipped(body: string | Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  const stream = new Blob([body]).stream().pipeThrough(new CompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Whether the client takes gzip (and did not refuse it with q=0). */
export function acceptsGzip(header: string | undefined): boolean {
  return (header ?? "").split(",").some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(";");
    if (coding !== "gzip" && coding !== "*") return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    return !q || Number(q.slice(2)) > 0;
  });
}

/**
 * What the client itself accepts: Cloudflare (and the local runtime, which
 * copies it) rewrites Accept-Encoding on the way in and keeps the client's
 * own in `cf.clientAcceptEncoding`.
 */
function clientAcceptEncoding(c: Context): string | undefined {
  const cf = c.req.raw.cf as { clientAcceptEncoding?: string } | undefined;
  return cf?.clientAcceptEncoding ?? c.req.header("accept-encoding");
}

/**
 * A public page with a strong ETag; a matching If-None-Match gets 304. With
 * `reused` (a page served from a cache many times), a client that takes gzip
 * gets bytes compressed once for all of them, rather than by the runtime on
 * every answer; that representation has its own ETag.
 */
export async function sendPage(
  c: Context,
  page: RenderedPage,
  contentType = "text/html; charset=utf-8",
  reused = false,
  /** The language the body is in: said in Content-Language, and the answer varies by Accept-Language. */
  language?: string,
): Promise<Response> {
  const gzip = reused && acceptsGzip(clientAcceptEncoding(c));
  const etag = gzip ? `${page.etag.slice(0, -1)}-gz"` : page.etag;
  const headers: Record<string, string> = {
    ETag: etag,
    "Cache-Control": PAGE_CACHE_CONTROL,
    Vary: language ? "Accept-Encoding, Accept-Language" : "Accept-Encoding",
  };
  if (language) headers["Content-Language"] = language;
  if (matches(c.req.header("if-none-match"), etag)) return c.body(null, 304, headers);
  if (!gzip) return c.body(page.body, 200, { ...headers, "Content-Type": contentType });
  page.gzip ??= gzipped(page.body);
  // Headers the route set on the context (CORS, say) go with it.
  const all = new Headers(c.res.headers);
  for (const [k, v] of Object.entries({
    ...headers,
    "Content-Type": contentType,
    "Content-Encoding": "gzip",
  }))
    all.set(k, v);
  return new Response(await page.gzip, {
    status: 200,
    headers: all,
    // The bytes are gzip already: the runtime must send them as they are.
    encodeBody: "manual",
  });
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
