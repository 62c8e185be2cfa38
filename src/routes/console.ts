/**
 * The operator console under /admin: server-rendered forms, no script.
 * Every write goes through src/actions/, as the API's do.
 */
import { Hono } from "hono";
import type { AppEnv } from "../env";
import { dashboard } from "./console/dashboard";
import { consoleBase } from "./console/guard";
import { consoleIncidents } from "./console/incidents";
import { consoleMaintenance } from "./console/maintenance";
import { signIn } from "./console/sign-in";
import { consoleTemplates } from "./console/templates";

export const consoleApp = new Hono<AppEnv>()
  .use(consoleBase)
  .route("/", signIn)
  .route("/incidents", consoleIncidents)
  .route("/maintenance", consoleMaintenance)
  .route("/templates", consoleTemplates)
  .route("/", dashboard);
