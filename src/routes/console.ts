/**
 * The operator console under /admin: server-rendered forms, no script.
 * Every write goes through src/actions/, as the API's do.
 */
import { Hono } from "hono";
import type { AppEnv } from "../env";
import { consoleAudit, consoleComponents, consoleSettings, consoleTokens } from "./console/admin";
import { dashboard } from "./console/dashboard";
import { consoleBase } from "./console/guard";
import { consoleIncidents } from "./console/incidents";
import { consoleMaintenance } from "./console/maintenance";
import { oidcSignIn } from "./console/oidc";
import { consoleMonitors, consoleWebhooks } from "./console/operations";
import { signIn } from "./console/sign-in";
import { consoleSubscribers, consoleSubscribersCsv } from "./console/subscribers";
import { consoleTemplates } from "./console/templates";

export const consoleApp = new Hono<AppEnv>()
  .use(consoleBase)
  .route("/", signIn)
  .route("/oidc", oidcSignIn)
  .route("/incidents", consoleIncidents)
  .route("/maintenance", consoleMaintenance)
  .route("/templates", consoleTemplates)
  .route("/components", consoleComponents)
  .route("/tokens", consoleTokens)
  .route("/monitors", consoleMonitors)
  .route("/webhooks", consoleWebhooks)
  .route("/subscribers.csv", consoleSubscribersCsv)
  .route("/subscribers", consoleSubscribers)
  .route("/audit", consoleAudit)
  .route("/settings", consoleSettings)
  .route("/", dashboard);
