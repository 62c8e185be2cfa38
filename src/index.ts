import { Hono } from "hono";
import type { AppEnv } from "./env";
import { onError, onNotFound } from "./http/errors";
import { securityHeaders } from "./http/security-headers";
import { deliverNow } from "./notify/deliver-now";
import { api } from "./routes/api";
import { consoleApp } from "./routes/console";
import { formats } from "./routes/formats";
import { health } from "./routes/health";
import { pages } from "./routes/pages";
import { statuspage } from "./routes/statuspage";
import { subscribePages } from "./routes/subscribe";
import { probeQueued } from "./scheduled/monitors";
import { anchored, liveProbeDeps, type ProbeQueueMessage, runTick } from "./scheduled/run";
import { readSettings } from "./settings";
import { countingDeps, flushUsage, metered, pendingMark } from "./usage/meter";

const app = new Hono<AppEnv>();

app.use(securityHeaders);
app.route("/healthz", health);
app.route("/api/v2", statuspage);
app.route("/api", api);
app.route("/admin", consoleApp);
app.route("/subscribe", subscribePages);
app.route("/", formats);
app.route("/", pages);
app.notFound(onNotFound);
app.onError(onError);

// Every entry point works on metered bindings; the budget meter adds what it spent to the day.
export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext) {
    const mark = pendingMark();
    const response = await app.fetch(request, metered(env), ctx);
    // Only a request that wrote pays for recording it; a page view stays at one D1 query.
    if (pendingMark() > mark) await flushUsage(env, readSettings(env).plan, Date.now());
    return response;
  },
  async queue(batch, rawEnv) {
    const env = metered(rawEnv);
    for (const message of batch.messages) {
      const { minute, at, ids } = message.body;
      const changed = await probeQueued(env, minute, ids, anchored(liveProbeDeps(), at));
      message.ack();
      // Incidents the batch opened or resolved are announced now, not at the next cron run.
      if (changed > 0) await deliverNow(env, readSettings(env).pageUrl || "http://localhost");
    }
    await flushUsage(rawEnv, readSettings(rawEnv).plan, Date.now());
  },
  async scheduled(controller, env) {
    const io = countingDeps(liveProbeDeps());
    // Number(): a scheduled() call over a service binding (the local trigger) may pass a Date.
    const outcome = await runTick(metered(env), Number(controller.scheduledTime), io.deps);
    await flushUsage(
      env,
      readSettings(env).plan,
      Date.now(),
      outcome.claimed ? { subrequests: io.count() + (outcome.smtpConnections ?? 0), cpuMs: null } : null,
    );
    const when = new Date(outcome.minute * 60_000).toISOString();
    if (outcome.refused) return;
    console.log(
      outcome.claimed
        ? `cron ${when} ran: ${outcome.probed} probed, ${outcome.queued} queued`
        : `cron ${when} skipped: already ran`,
    );
  },
} satisfies ExportedHandler<Env, ProbeQueueMessage>;
