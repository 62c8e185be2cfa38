import type { ProbeReason } from "../domain/monitor-state";

/**
 * Maps a failed fetch or connect to a short reason. workerd's messages are
 * terse: a refused connection is "Network connection lost", a name that does
 * not resolve surfaces as an "internal error" locally and as a DNS error on
 * Cloudflare.
 */
export function classifyError(err: unknown): { reason: ProbeReason; detail: string } {
  const name = err instanceof Error ? err.name : "";
  const message = err instanceof Error ? err.message : String(err);
  if (name === "TimeoutError" || name === "AbortError" || /timed? ?out|aborted/i.test(message)) {
    return { reason: "timeout", detail: "no answer within the timeout" };
  }
  if (/tls|ssl|certificate|handshake/i.test(message))
    return { reason: "tls", detail: `TLS failed: ${short(message)}` };
  if (/dns|resolve|lookup|not known|ENOTFOUND|internal error/i.test(message)) {
    return { reason: "dns", detail: "the host name did not resolve" };
  }
  if (/refused|connection lost|ECONNREFUSED|cannot connect|connect/i.test(message)) {
    return { reason: "refused", detail: "the connection was refused" };
  }
  return { reason: "error", detail: short(message) };
}

function short(text: string): string {
  // Never echo anything that could carry a secret from a URL or header.
  return text.replace(/https?:\/\/\S+/g, "<url>").slice(0, 120);
}
