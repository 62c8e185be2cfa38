import { type StatusRange, statusExpected } from "../domain/expected-status";
import type { ProbeResult } from "../domain/monitor-state";
import type { FetchLike } from "../net/fetch";
import { withTimeout } from "../net/timeout";
import { classifyError } from "./classify";

export type HttpProbe = {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | null;
  expected: StatusRange[];
  bodyContains: string | null;
  bodyNotContains: string | null;
  timeoutMs: number;
  degradedAfterMs: number | null;
  followRedirects: boolean;
  /** Why a URL may not be reached (the private-target guard), checked on every hop. */
  refuse?: (url: string) => string | null;
};

export const MAX_REDIRECTS = 5;

/**
 * Fetches with redirects followed by hand, so that each hop passes the target
 * guard and a hop to another origin carries none of the monitor's headers
 * (they may hold credentials for the first host only).
 */
async function fetchFollowing(p: HttpProbe, fetcher: FetchLike, signal: AbortSignal): Promise<Response> {
  let url = p.url;
  let headers = p.headers;
  let method = p.method;
  let body = p.body && method !== "GET" && method !== "HEAD" ? p.body : undefined;
  for (let hop = 0; ; hop++) {
    const refusal = p.refuse?.(url);
    if (refusal) throw new TargetRefused(refusal);
    const res = await fetcher(url, { method, headers, body, redirect: "manual", signal, cache: "no-store" });
    const location = res.headers.get("location");
    if (!p.followRedirects || res.status < 300 || res.status > 399 || !location || hop >= MAX_REDIRECTS) {
      return res;
    }
    await res.body?.cancel();
    const next = new URL(location, url);
    if (next.origin !== new URL(url).origin) headers = {};
    // 303, and 301/302 after a POST, turn into a GET without a body (as browsers do).
    if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === "POST")) {
      method = "GET";
      body = undefined;
    }
    url = next.href;
  }
}

class TargetRefused extends Error {
  override name = "TargetRefused";
}

export const MAX_BODY_BYTES = 1024 * 1024;

/** Reads at most MAX_BODY_BYTES of a body and cancels the rest. */
async function readBounded(res: Response): Promise<string> {
  if (!res.body) return "";
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  let size = 0;
  try {
    while (size < MAX_BODY_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      const chunk = value.subarray(0, MAX_BODY_BYTES - size);
      size += chunk.byteLength;
      text += decoder.decode(chunk, { stream: true });
    }
    return text + decoder.decode();
  } finally {
    reader.cancel().catch(() => {});
  }
}

/** Cloudflare answers a fetch to a raw IP address with its own error 1003. */
function isCloudflare1003(status: number, text: string): boolean {
  return status === 403 && /error code: 1003/i.test(text);
}

export function probeHttp(p: HttpProbe, fetcher: FetchLike): Promise<ProbeResult> {
  return withTimeout(p.timeoutMs, (signal) => probeWithin(p, fetcher, signal));
}

async function probeWithin(p: HttpProbe, fetcher: FetchLike, signal: AbortSignal): Promise<ProbeResult> {
  const started = Date.now();
  const result = (partial: Partial<ProbeResult> & Pick<ProbeResult, "health">): ProbeResult => ({
    at: started,
    latencyMs: null,
    statusCode: null,
    reason: null,
    detail: null,
    ...partial,
  });
  let res: Response;
  try {
    res = await fetchFollowing(p, fetcher, signal);
  } catch (err) {
    if (err instanceof TargetRefused) return result({ health: "down", reason: "error", detail: err.message });
    const { reason, detail } = classifyError(err);
    return result({ health: "down", reason, detail, latencyMs: reason === "timeout" ? p.timeoutMs : null });
  }
  const latencyMs = Date.now() - started;
  const needsBody = Boolean(p.bodyContains || p.bodyNotContains) || res.status === 403;
  let text = "";
  try {
    if (needsBody) text = await readBounded(res);
    else await res.body?.cancel();
  } catch (err) {
    const { reason, detail } = classifyError(err);
    return result({ health: "down", reason, detail, latencyMs, statusCode: res.status });
  }
  if (isCloudflare1003(res.status, text)) {
    return result({
      health: "down",
      reason: "status",
      detail: "Cloudflare refuses fetches to raw IP addresses (error 1003); use a host name",
      latencyMs,
      statusCode: res.status,
    });
  }
  if (!statusExpected(res.status, p.expected)) {
    return result({
      health: "down",
      reason: "status",
      detail: `HTTP ${res.status}`,
      latencyMs,
      statusCode: res.status,
    });
  }
  if (p.bodyContains && !text.includes(p.bodyContains)) {
    return result({
      health: "down",
      reason: "keyword",
      detail: "the expected text is missing",
      latencyMs,
      statusCode: res.status,
    });
  }
  if (p.bodyNotContains && text.includes(p.bodyNotContains)) {
    return result({
      health: "down",
      reason: "keyword",
      detail: "an unwanted text is present",
      latencyMs,
      statusCode: res.status,
    });
  }
  if (p.degradedAfterMs && latencyMs > p.degradedAfterMs) {
    return result({
      health: "degraded",
      reason: "slow",
      detail: `answered in ${latencyMs} ms`,
      latencyMs,
      statusCode: res.status,
    });
  }
  return result({ health: "up", latencyMs, statusCode: res.status });
}
