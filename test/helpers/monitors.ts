import { inject } from "vitest";
import type { Monitor } from "../../src/domain/monitor";
import { INITIAL_STATE } from "../../src/domain/monitor-state";

export const upstream = () => inject("upstream");
export const httpUrl = (path: string) => `http://127.0.0.1:${upstream().http}${path}`;

/** A monitor object as the scheduler sees it, for probe-level tests. */
export function monitor(
  kind: Monitor["kind"],
  config: Record<string, unknown>,
  extra: Partial<Monitor> = {},
): Monitor {
  return {
    id: crypto.randomUUID(),
    displayName: "Test monitor",
    kind,
    config,
    intervalSeconds: 60,
    failureThreshold: 3,
    recoveryThreshold: 2,
    componentId: null,
    impactTypeId: null,
    severity: 100,
    degradedSeverity: null,
    enabled: true,
    heartbeatHash: null,
    lastHeartbeatAt: null,
    state: INITIAL_STATE,
    createdAt: new Date().toISOString(),
    updatedAt: new Date().toISOString(),
    deletedAt: null,
    ...extra,
  };
}

export async function setSwitch(name: string, status: number): Promise<void> {
  await fetch(httpUrl(`/switch/${name}?status=${status}`), { method: "POST" });
}
