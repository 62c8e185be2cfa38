import type { ConsoleSession } from "./auth/session";
import type { Caller } from "./domain/scopes";
import type { Operation } from "./openapi/operations";

/** The one environment type every Hono app and handler in Beacon uses. */
export type AppEnv = {
  Bindings: Env;
  Variables: {
    /** Set by `requireScope` once a bearer token has been verified. */
    caller: Caller;
    /** The API operation the route declared (`documented`). */
    operation: Operation;
    /** Set by the console's session guard. */
    session: ConsoleSession;
  };
};

declare global {
  namespace Cloudflare {
    interface Env {
      /**
       * Secrets live outside wrangler.toml, so `wrangler types` cannot see them.
       * ADMIN_TOKEN is the bootstrap admin token (`wrangler secret put ADMIN_TOKEN`).
       */
      ADMIN_TOKEN?: string;
      /** The OpenID provider's client secret, optional (`wrangler secret put OIDC_CLIENT_SECRET`). */
      OIDC_CLIENT_SECRET?: string;
      /** The SMTP password for subscriber mail, optional (`wrangler secret put SMTP_PASSWORD`). */
      SMTP_PASSWORD?: string;
      /**
       * Optional Queue for probes (see README, "Monitors at scale"). Not in
       * wrangler.toml by default, so `wrangler types` cannot see it.
       */
      PROBE_QUEUE?: Queue<import("./scheduled/run").ProbeQueueMessage>;
    }
  }
}
