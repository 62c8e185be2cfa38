import type { MonitorState } from "./monitor-state";

export type MonitorKind = "http" | "tcp" | "heartbeat";

export type Monitor = {
  id: string;
  displayName: string;
  kind: MonitorKind;
  /** The kind-specific fields, as validated. */
  config: Record<string, unknown>;
  intervalSeconds: number;
  failureThreshold: number;
  recoveryThreshold: number;
  componentId: string | null;
  impactTypeId: string | null;
  severity: number;
  degradedSeverity: number | null;
  enabled: boolean;
  heartbeatHash: string | null;
  lastHeartbeatAt: string | null;
  state: MonitorState;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
};
