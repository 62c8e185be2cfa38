import { Hono } from "hono";
import {
  createMonitor,
  inputOf,
  loadMonitor,
  patchMonitor,
  removeMonitor,
  SECRET_HEADER,
} from "../../actions/monitors";
import { listMonitors } from "../../db/monitors";
import type { Monitor } from "../../domain/monitor";
import type { AppEnv } from "../../env";
import { documented, readBody, readParamOf, readQueryOf } from "../../http/operation";
import { OPS } from "../../openapi/operations";

/** The monitor as an API client sees it (its input shape, and its state): secret header values never leave. */
export function monitorOut(m: Monitor) {
  const input = inputOf(m);
  const headers = input.headers as Record<string, string> | undefined;
  const secretHeaders: string[] = [];
  if (headers) {
    const shown: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) {
      if (SECRET_HEADER.test(name)) secretHeaders.push(name);
      else shown[name] = value;
    }
    input.headers = shown;
  }
  return {
    id: m.id,
    ...input,
    ...(m.kind === "http" ? { secretHeaders } : {}),
    status: m.state.status,
    lastReason: m.state.lastReason,
    incident: m.state.incidentId,
    lastHeartbeatAt: m.kind === "heartbeat" ? m.lastHeartbeatAt : undefined,
    createdAt: m.createdAt,
    updatedAt: m.updatedAt,
  };
}

/** Monitors: admin only. A heartbeat monitor's ping secret is shown once, at creation. */
export const monitors = new Hono<AppEnv>()
  .get("/", documented(OPS.listMonitors), async (c) => {
    const { limit } = readQueryOf(c, OPS.listMonitors);
    return c.json({ data: (await listMonitors(c.env.DB, limit ?? 500)).map(monitorOut) });
  })
  .post("/", documented(OPS.createMonitor), async (c) => {
    const { id, heartbeatSecret } = await createMonitor(c, await readBody(c, OPS.createMonitor));
    return c.json(heartbeatSecret ? { id, heartbeatSecret } : { id }, 201);
  })
  .get("/:monitorId", documented(OPS.getMonitor), async (c) => {
    const id = readParamOf(c, OPS.getMonitor, "monitorId");
    return c.json({ data: monitorOut(await loadMonitor(c.env.DB, id)) });
  })
  .patch("/:monitorId", documented(OPS.updateMonitor), async (c) => {
    const id = readParamOf(c, OPS.updateMonitor, "monitorId");
    await patchMonitor(c, id, await readBody(c, OPS.updateMonitor));
    return c.body(null, 204);
  })
  .delete("/:monitorId", documented(OPS.deleteMonitor), async (c) => {
    await removeMonitor(c, readParamOf(c, OPS.deleteMonitor, "monitorId"));
    return c.body(null, 204);
  });
