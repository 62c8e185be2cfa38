import { Hono } from "hono";
import type { AppEnv } from "../../env";
import { openApiDocument } from "../../openapi/document";
import { readSettings } from "../../settings";

export const openapi = new Hono<AppEnv>().get("/", (c) => {
  c.header("Cache-Control", "public, max-age=300");
  return c.json(openApiDocument(readSettings(c.env).pageUrl || new URL(c.req.url).origin));
});
