import { Hono } from "hono";
import { listAudit } from "../../db/audit";
import type { AppEnv } from "../../env";
import { documented, readQueryOf } from "../../http/operation";
import { OPS } from "../../openapi/operations";

/** The audit log, newest first; page with `before=<id of the last entry seen>`. */
export const audit = new Hono<AppEnv>().get("/", documented(OPS.listAudit), async (c) => {
  const { limit, before } = readQueryOf(c, OPS.listAudit);
  return c.json({ data: await listAudit(c.env.DB, limit ?? 100, before) });
});
