import type { ProbeResult } from "../domain/monitor-state";
import { classifyError } from "./classify";

type Socket = { opened: Promise<unknown>; closed: Promise<unknown>; close(): Promise<void> };
export type ConnectLike = (address: { hostname: string; port: number }) => Socket;

export type TcpProbe = { host: string; port: number; timeoutMs: number; degradedAfterMs: number | null };

/** Opens a TCP connection within the timeout, then closes it. */
export async function probeTcp(p: TcpProbe, connect: ConnectLike): Promise<ProbeResult> {
  const started = Date.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(Object.assign(new Error("timed out"), { name: "TimeoutError" })),
      p.timeoutMs,
    );
  });
  let socket: Socket | null = null;
  try {
    socket = connect({ hostname: p.host, port: p.port });
    // Whichever loses the race must not surface as an unhandled rejection.
    socket.closed.catch(() => {});
    await Promise.race([socket.opened, timeout]);
    const latencyMs = Date.now() - started;
    if (p.degradedAfterMs && latencyMs > p.degradedAfterMs) {
      return {
        at: started,
        health: "degraded",
        latencyMs,
        statusCode: null,
        reason: "slow",
        detail: `connected in ${latencyMs} ms`,
      };
    }
    return { at: started, health: "up", latencyMs, statusCode: null, reason: null, detail: null };
  } catch (err) {
    socket?.opened.catch(() => {});
    const { reason, detail } = classifyError(err);
    return { at: started, health: "down", latencyMs: null, statusCode: null, reason, detail };
  } finally {
    clearTimeout(timer);
    socket?.close().catch(() => {});
  }
}
