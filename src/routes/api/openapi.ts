import { Hono } from "hono";
import type { AppEnv } from "../../env";
import { documented } from "../../http/operation";
import { openApiDocument } from "../../openapi/document";
import { OPS } from "../../openapi/operations";
import { readSettings } from "../../settings";

export const openapi = new Hono<AppEnv>().get("/", documented(OPS.getOpenApi), (c) => {
  c.header("Cache-Control", "public, max-age=300");
  return c.json(openApiDocument(readSettings(c.env).pageUrl || new URL(c.req.url).origin));
});
