import { Hono } from "hono";
import type { AppEnv } from "./env";
import { onError, onNotFound } from "./http/errors";
import { securityHeaders } from "./http/security-headers";
import { api } from "./routes/api";
import { health } from "./routes/health";
import { pages } from "./routes/pages";
import { runTick } from "./scheduled/run";

const app = new Hono<AppEnv>();

app.use(securityHeaders);
app.route("/healthz", health);
app.route("/api", api);
app.route("/", pages);
app.notFound(onNotFound);
app.onError(onError);

export default {
  fetch: app.fetch,
  async scheduled(controller, env) {
    const outcome = await runTick(env, controller.scheduledTime);
    console.log(
      `cron ${new Date(outcome.minute * 60_000).toISOString()} ${outcome.claimed ? "ran" : "skipped: already ran"}`,
    );
  },
} satisfies ExportedHandler<Env>;
