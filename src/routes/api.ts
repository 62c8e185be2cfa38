import { Hono } from "hono";
import { cors } from "hono/cors";
import type { AppEnv } from "../env";
import { alertmanager } from "./api/alertmanager";
import { audit } from "./api/audit";
import { components } from "./api/components";
import { heartbeats } from "./api/heartbeats";
import { impactTypes } from "./api/impact-types";
import { incidents } from "./api/incidents";
import { monitors } from "./api/monitors";
import { openapi } from "./api/openapi";
import { phases } from "./api/phases";
import { severities } from "./api/severities";
import { subscribers } from "./api/subscribers";
import { templates } from "./api/templates";
import { tokens } from "./api/tokens";
import { usage } from "./api/usage";
import { webhooks } from "./api/webhooks";

function allowedOrigins(env: Env): string[] {
  return (env.ALLOWED_ORIGINS ?? "")
    .split(",")
    .map((o) => o.trim().replace(/\/+$/, ""))
    .filter(Boolean);
}

/** The SCS Status Page API and Beacon's extensions, under /api. */
export const api = new Hono<AppEnv>()
  .use(async (c, next) => {
    const origins = allowedOrigins(c.env);
    // The Statuspage-compatible API is public to every origin and sets its own header.
    if (origins.length === 0 || c.req.path.startsWith("/api/v2/")) return next();
    // Other origins get no CORS headers at all, credentials included.
    if (!origins.includes(c.req.header("origin") ?? "")) return next();
    return cors({
      origin: (origin) => (origins.includes(origin) ? origin : null),
      allowMethods: ["GET", "POST", "PATCH", "DELETE", "OPTIONS"],
      allowHeaders: ["Authorization", "Content-Type"],
      exposeHeaders: ["WWW-Authenticate", "Link"],
      // The SCS web UI sends credentials; allowed only for the listed origins, never for "*".
      credentials: true,
      maxAge: 600,
    })(c, next);
  })
  .route("/components", components)
  .route("/impacttypes", impactTypes)
  .route("/severities", severities)
  .route("/phases", phases)
  .route("/incidents", incidents)
  .route("/templates", templates)
  .route("/tokens", tokens)
  .route("/audit", audit)
  .route("/usage", usage)
  .route("/monitors", monitors)
  .route("/webhooks", webhooks)
  .route("/subscribers", subscribers)
  .route("/integrations/alertmanager", alertmanager)
  .route("/heartbeats", heartbeats)
  .route("/openapi.json", openapi);
