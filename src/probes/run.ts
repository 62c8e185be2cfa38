import { DEFAULT_EXPECTED, parseStatusEntry, type StatusRange } from "../domain/expected-status";
import type { Monitor } from "../domain/monitor";
import type { ProbeResult } from "../domain/monitor-state";
import type { FetchLike } from "../net/fetch";
import { checkHeartbeat } from "./heartbeat";
import { probeHttp } from "./http";
import { type ConnectLike, probeTcp } from "./tcp";

export type ProbeDeps = {
  fetch: FetchLike;
  connect: ConnectLike;
  now: () => number;
  /** Why a target may not be reached (the private-target guard); none refuses nothing. */
  refuse?: (url: string) => string | null;
};

/** Runs one monitor's check. Never throws: every failure is a result. */
export async function runProbe(m: Monitor, deps: ProbeDeps): Promise<ProbeResult> {
  // Results carry the run's clock, so a replayed run records its own time.
  const at = deps.now();
  return { ...(await check(m, deps)), at };
}

async function check(m: Monitor, deps: ProbeDeps): Promise<ProbeResult> {
  try {
    const c = m.config;
    if (m.kind === "heartbeat") {
      return checkHeartbeat(
        m.lastHeartbeatAt,
        m.createdAt,
        m.intervalSeconds,
        Number(c.graceSeconds ?? 60),
        deps.now(),
      );
    }
    if (m.kind === "tcp") {
      const refusal = deps.refuse?.(tcpUrl(String(c.host), Number(c.port)));
      if (refusal) return refused(refusal, deps.now());
      return await probeTcp(
        {
          host: String(c.host),
          port: Number(c.port),
          timeoutMs: Number(c.timeoutMs ?? 10_000),
          degradedAfterMs: (c.degradedAfterMs as number | null) ?? null,
        },
        deps.connect,
      );
    }
    const expected = ((c.expectedStatus as (string | number)[] | undefined) ?? [])
      .map(parseStatusEntry)
      .filter((r): r is StatusRange => r !== null);
    return await probeHttp(
      {
        url: String(c.url),
        method: String(c.method ?? "GET"),
        headers: (c.headers as Record<string, string> | undefined) ?? {},
        body: (c.body as string | null | undefined) ?? null,
        expected: expected.length ? expected : DEFAULT_EXPECTED,
        bodyContains: (c.bodyContains as string | null | undefined) ?? null,
        bodyNotContains: (c.bodyNotContains as string | null | undefined) ?? null,
        timeoutMs: Number(c.timeoutMs ?? 10_000),
        degradedAfterMs: (c.degradedAfterMs as number | null | undefined) ?? null,
        followRedirects: Boolean(c.followRedirects),
        refuse: deps.refuse,
      },
      deps.fetch,
    );
  } catch (err) {
    return {
      at: deps.now(),
      health: "down",
      latencyMs: null,
      statusCode: null,
      reason: "error",
      detail: err instanceof Error ? err.message.slice(0, 120) : "the check failed",
    };
  }
}

/** A host and port in the URL form the target guard reads. */
export function tcpUrl(host: string, port: number): string {
  return `http://${host.includes(":") && !host.startsWith("[") ? `[${host}]` : host}:${port}`;
}

function refused(detail: string, at: number): ProbeResult {
  return { at, health: "down", latencyMs: null, statusCode: null, reason: "error", detail };
}
