// A second, tiny Worker that owns `/cdn-cgi/handler/scheduled` in the local
// runner. Miniflare hands that request to the assets proxy in front of Beacon,
// which cannot forward `scheduled()`, and it passes `time` to `Date` as
// milliseconds where wrangler documents epoch seconds. This Worker converts the
// time and calls Beacon's scheduled handler through a service binding.
export const TRIGGER_WORKER_SCRIPT = `
export default {
  async scheduled(controller, env) {
    const t = controller.scheduledTime;
    // No real cron fires before 1973: a smaller value is epoch seconds.
    const scheduledTime = new Date(t < 1e11 ? t * 1000 : t);
    const result = await env.BEACON.scheduled({ scheduledTime, cron: controller.cron || "* * * * *" });
    // Over RPC a failing handler throws; a plain Fetcher reports the outcome.
    if (result && result.outcome && result.outcome !== "ok") throw new Error("scheduled: " + result.outcome);
  },
};
`;

/** @param {string} target the name of the Worker to trigger @param {string} compatibilityDate */
export function triggerWorkerOptions(target, compatibilityDate) {
  return {
    name: `${target}-trigger`,
    modules: true,
    script: TRIGGER_WORKER_SCRIPT,
    compatibilityDate,
    routes: ["*/cdn-cgi/handler/scheduled*"],
    serviceBindings: { BEACON: target },
  };
}
