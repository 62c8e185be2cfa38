import { type StatusRange, statusExpected } from "../domain/expected-status";
import type { ProbeResult } from "../domain/monitor-state";
import { classifyError } from "./classify";
import { withTimeout } from "./timeout";

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

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
};

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
    res = await fetcher(p.url, {
      method: p.method,
      headers: p.headers,
      body: p.body && p.method !== "GET" && p.method !== "HEAD" ? p.body : undefined,
      redirect: p.followRedirects ? "follow" : "manual",
      signal,
      cache: "no-store",
    });
  } catch (err) {
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
