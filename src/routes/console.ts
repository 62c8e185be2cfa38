/**
 * The operator console under /admin: server-rendered forms, no script.
 * Every write goes through src/actions/, as the API's do.
 */
import { Hono } from "hono";
import type { AppEnv } from "../env";
import { dashboard } from "./console/dashboard";
import { consoleBase } from "./console/guard";
import { consoleIncidents } from "./console/incidents";
import { signIn } from "./console/sign-in";

export const consoleApp = new Hono<AppEnv>()
  .use(consoleBase)
  .route("/", signIn)
  .route("/incidents", consoleIncidents)
  .route("/", dashboard);
