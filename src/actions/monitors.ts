/** Monitors: checked (targets, references, secret headers) and committed with an audit row. */
import type { Context } from "hono";
import * as v from "valibot";
import { newToken, sha256Hex } from "../auth/secrets";
import { getComponent } from "../db/components";
import { getImpactType } from "../db/impact-types";
import { deleteMonitor, getMonitor, insertMonitor, updateMonitor } from "../db/monitors";
import type { Monitor } from "../domain/monitor";
import { INITIAL_STATE } from "../domain/monitor-state";
import { iso } from "../domain/time";
import type { AppEnv } from "../env";
import { commit } from "../http/commit";
import { validate } from "../http/input";
import { badField, notFound } from "../http/problem";
import { targetRefusal } from "../net/targets";
import type { OPS } from "../openapi/operations";
import { tcpUrl } from "../probes/run";
import { MonitorInput } from "../schemas/monitors";
import { readSettings } from "../settings";

type Ctx = Context<AppEnv>;
export type MonitorPatch = v.InferOutput<(typeof OPS.updateMonitor)["body"]>;

const COMMON = [
  "displayName",
  "kind",
  "intervalSeconds",
  "failureThreshold",
  "recoveryThreshold",
  "component",
  "impactType",
  "severity",
  "degradedSeverity",
  "enabled",
] as const;

/** Header names that carry secrets: their values are write-only. */
export const SECRET_HEADER =
  /^(authorization|proxy-authorization|cookie)$|key|token|secret|password|passwd|auth|session|signature|credential/i;

function configOf(input: MonitorInput): Record<string, unknown> {
  const config: Record<string, unknown> = { ...input };
  for (const key of COMMON) delete config[key];
  return config;
}

/** Back to input shape, secret header values included, for merging a PATCH. */
export function inputOf(m: Monitor): Record<string, unknown> {
  return {
    ...m.config,
    displayName: m.displayName,
    kind: m.kind,
    intervalSeconds: m.intervalSeconds,
    failureThreshold: m.failureThreshold,
    recoveryThreshold: m.recoveryThreshold,
    component: m.componentId,
    impactType: m.impactTypeId,
    severity: m.severity,
    degradedSeverity: m.degradedSeverity,
    enabled: m.enabled,
  };
}

/** Monitors must not reach private addresses unless the settings allow them. */
function checkTarget(env: Env, input: MonitorInput): void {
  const allowed = readSettings(env).privateTargets;
  if (input.kind === "http") {
    const refusal = targetRefusal(input.url, allowed);
    if (refusal) throw badField("url", refusal);
  } else if (input.kind === "tcp") {
    const refusal = targetRefusal(tcpUrl(input.host, input.port), allowed);
    if (refusal) throw badField("host", refusal);
  }
}

/**
 * Secret headers belong to the host they were given for: when a PATCH moves
 * the URL to another origin, they are dropped unless it sends them again.
 */
function headersFor(current: Monitor, patch: Record<string, unknown>, merged: Record<string, unknown>) {
  const headers = { ...((current.config.headers as Record<string, string> | undefined) ?? {}) };
  const given = v.is(v.record(v.string(), v.unknown()), patch.headers) ? patch.headers : {};
  if (
    typeof merged.url === "string" &&
    typeof current.config.url === "string" &&
    origin(merged.url) !== origin(current.config.url)
  ) {
    for (const name of Object.keys(headers))
      if (SECRET_HEADER.test(name) && !(name in given)) delete headers[name];
  }
  // Headers merge by name, and null removes one, so secret values need not be sent again.
  for (const [name, value] of Object.entries(given)) {
    if (value === null) delete headers[name];
    else headers[name] = value as string;
  }
  return headers;
}

function origin(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

async function checkReferences(db: D1Database, input: MonitorInput): Promise<void> {
  if (input.component) {
    const c = await getComponent(db, input.component);
    if (!c || c.deletedAt) throw badField("component", `component ${input.component} does not exist`);
  }
  if (input.impactType) {
    const t = await getImpactType(db, input.impactType);
    if (!t || t.deletedAt) throw badField("impactType", `impact type ${input.impactType} does not exist`);
  }
}

function toMonitor(
  input: MonitorInput,
  base: Pick<Monitor, "id" | "createdAt" | "state" | "heartbeatHash" | "lastHeartbeatAt">,
  now: string,
): Monitor {
  return {
    ...base,
    displayName: input.displayName,
    kind: input.kind,
    config: configOf(input),
    intervalSeconds: input.intervalSeconds,
    failureThreshold: input.failureThreshold,
    recoveryThreshold: input.recoveryThreshold,
    componentId: input.component ?? null,
    impactTypeId: input.impactType ?? null,
    severity: input.severity,
    degradedSeverity: input.degradedSeverity ?? null,
    enabled: input.enabled,
    updatedAt: now,
    deletedAt: null,
  };
}

export async function loadMonitor(db: D1Database, id: string): Promise<Monitor> {
  const m = await getMonitor(db, id);
  if (!m) throw notFound(`Monitor ${id}`);
  return m;
}

/** Creates a monitor; a heartbeat monitor's ping secret is returned only now. */
export async function createMonitor(
  c: Ctx,
  input: MonitorInput,
): Promise<{ id: string; heartbeatSecret: string | null }> {
  checkTarget(c.env, input);
  await checkReferences(c.env.DB, input);
  const now = iso(Date.now());
  const secret = input.kind === "heartbeat" ? newToken("hb_") : null;
  const monitor = toMonitor(
    input,
    {
      id: crypto.randomUUID(),
      createdAt: now,
      state: INITIAL_STATE,
      heartbeatHash: secret ? await sha256Hex(secret) : null,
      lastHeartbeatAt: null,
    },
    now,
  );
  await commit(c, [insertMonitor(c.env.DB, monitor)], { action: "monitor.create", resourceId: monitor.id });
  return { id: monitor.id, heartbeatSecret: secret };
}

/** Changes a monitor: the patch merges over its current input and is validated whole. */
export async function patchMonitor(c: Ctx, id: string, patch: Record<string, unknown>): Promise<void> {
  const current = await loadMonitor(c.env.DB, id);
  const merged: Record<string, unknown> = { ...inputOf(current), ...patch };
  if (current.kind === "http") merged.headers = headersFor(current, patch, merged);
  if (patch.kind !== undefined && patch.kind !== current.kind) {
    throw badField("kind", "cannot change; create a new monitor instead");
  }
  const input = validate(MonitorInput, merged);
  checkTarget(c.env, input);
  await checkReferences(c.env.DB, input);
  const next = toMonitor(input, current, iso(Date.now()));
  await commit(c, [updateMonitor(c.env.DB, next)], { action: "monitor.update", resourceId: id });
}

export async function removeMonitor(c: Ctx, id: string): Promise<void> {
  await loadMonitor(c.env.DB, id);
  await commit(c, [deleteMonitor(c.env.DB, id, iso(Date.now()))], {
    action: "monitor.delete",
    resourceId: id,
  });
}
