import { Hono } from "hono";
import { requireScope } from "../../auth/middleware";
import { listAudit } from "../../db/audit";
import type { AppEnv } from "../../env";
import { readQuery } from "../../http/input";
import { AuditQuery } from "../../schemas/tokens";

/** The audit log, newest first; page with `before=<id of the last entry seen>`. */
export const audit = new Hono<AppEnv>().get("/", requireScope("admin"), async (c) => {
  const { limit, before } = readQuery(c, AuditQuery);
  return c.json({ data: await listAudit(c.env.DB, limit ?? 100, before) });
});
