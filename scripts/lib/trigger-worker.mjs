// A second, tiny Worker that owns `/cdn-cgi/handler/scheduled` in the local
// runner, in place of Miniflare's open trigger. It answers only to the admin
// token (as the API does: `Authorization: Bearer`), takes `time` in epoch
// seconds as wrangler documents it (or milliseconds), and calls Beacon's
// scheduled handler through a service binding. Beacon itself refuses runs
// far ahead of the wall clock. Deployed Workers have no such route.
export const TRIGGER_WORKER_SCRIPT = `
async function digest(text) {
  return crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
}

async function authorised(request, token) {
  const header = request.headers.get("Authorization") || "";
  const match = /^Bearer\\s+(\\S+)$/i.exec(header);
  if (!match || !token) return false;
  const [a, b] = await Promise.all([digest(match[1]), digest(token)]);
  return crypto.subtle.timingSafeEqual(a, b);
}

function problem(status, title) {
  return new Response(JSON.stringify({ type: "about:blank", title, status }), {
    status,
    headers: {
      "Content-Type": "application/problem+json",
      "Cache-Control": "no-store",
      ...(status === 401 ? { "WWW-Authenticate": 'Bearer realm="beacon"' } : {}),
    },
  });
}

export default {
  async fetch(request, env) {
    if (!(await authorised(request, env.ADMIN_TOKEN))) {
      return problem(401, "The local cron trigger needs the admin token as Authorization: Bearer");
    }
    const url = new URL(request.url);
    const given = url.searchParams.get("time");
    const t = given === null ? Date.now() : Number(given);
    if (!Number.isFinite(t) || t < 0) return problem(400, "time must be epoch seconds or milliseconds");
    // No real cron fires before 1973: a smaller value is epoch seconds.
    const scheduledTime = new Date(t < 1e11 ? t * 1000 : t);
    const cron = url.searchParams.get("cron") || "* * * * *";
    const result = await env.BEACON.scheduled({ scheduledTime, cron });
    const outcome = (result && result.outcome) || "ok";
    return new Response(JSON.stringify({ outcome, scheduledTime: scheduledTime.toISOString() }), {
      status: outcome === "ok" ? 200 : 500,
      headers: { "Content-Type": "application/json", "Cache-Control": "no-store" },
    });
  },
};
`;

/**
 * @param {string} target the name of the Worker to trigger
 * @param {string} compatibilityDate
 * @param {string} adminToken the token a trigger request must carry
 */
export function triggerWorkerOptions(target, compatibilityDate, adminToken) {
  return {
    name: `${target}-trigger`,
    modules: true,
    script: TRIGGER_WORKER_SCRIPT,
    compatibilityDate,
    routes: ["*/cdn-cgi/handler/scheduled*"],
    serviceBindings: { BEACON: target },
    bindings: { ADMIN_TOKEN: adminToken },
  };
}
