// Demo data for a new local state, written through the Worker's own API so it
// passes the same validation as any operator's data. It is added only when D1
// holds no components and no incidents yet, so starting twice on the same
// DATA_DIR adds nothing twice.

import { impactTypes } from "./impact-types.mjs";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * @param {URL} baseUrl where the Worker listens
 * @param {Awaited<ReturnType<import("miniflare").Miniflare["getD1Database"]>>} db
 * @param {string} adminToken
 * @param {string | null} demoBase where the demo endpoints listen, for the demo monitors
 * @returns {Promise<boolean>} whether anything was added
 */
export async function seedDemo(baseUrl, db, adminToken, demoBase) {
  const existing = await db
    .prepare("SELECT (SELECT COUNT(*) FROM components) + (SELECT COUNT(*) FROM incidents) AS n")
    .first();
  if (Number(existing?.n ?? 0) > 0) return false;
  const TYPES = await impactTypes(baseUrl);

  /** @param {string} path @param {unknown} body @param {string} [method] */
  const send = async (path, body, method = "POST") => {
    const res = await fetch(new URL(`/api${path}`, baseUrl), {
      method,
      headers: { Authorization: `Bearer ${adminToken}`, "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`seed: ${method} ${path} → ${res.status} ${await res.text()}`);
    return res.status === 204 ? {} : res.json();
  };
  /** @param {string} displayName @param {Record<string, unknown>} [extra] @returns {Promise<string>} */
  const component = async (displayName, extra = {}) =>
    (await send("/components", { displayName, ...extra })).id;

  const compute = await component("Compute", { position: 1, description: "Where your workloads run." });
  const api = await component("API", { group: compute, position: 1, description: "The public REST API." });
  const dashboard = await component("Dashboard", {
    group: compute,
    position: 2,
    description: "The web console.",
  });
  const storage = await component("Storage", { position: 2 });
  const objects = await component("Object storage", {
    group: storage,
    position: 1,
    labels: { region: "eu-1" },
  });
  await component("Block storage", { group: storage, position: 2, labels: { region: "eu-1" } });
  const network = await component("Network", { position: 3 });
  const lb = await component("Load balancer", { group: network, position: 1 });
  const dns = await component("DNS", { group: network, position: 2 });

  const now = Date.now();
  const iso = (/** @type {number} */ ms) => new Date(ms).toISOString();

  const pastStart = Math.floor((now - 3 * DAY) / HOUR) * HOUR + 14 * MINUTE;
  const past = await send("/incidents", {
    displayName: "Elevated API error rates",
    description: "Some API requests failed with **HTTP 502**.",
    beganAt: iso(pastStart),
    endedAt: iso(pastStart + 47 * MINUTE),
    phase: { generation: 1, order: 4 },
    affects: [{ reference: api, type: TYPES.connectivity, severity: 66 }],
  });
  await send(`/incidents/${past.id}/updates`, {
    displayName: "Investigating",
    description: "We are seeing elevated 502 responses from the API and are investigating.",
    createdAt: iso(pastStart + 3 * MINUTE),
  });
  await send(`/incidents/${past.id}/updates`, {
    displayName: "Identified",
    description: "A faulty configuration rollout on one gateway pool caused the errors. Rolling back.",
    createdAt: iso(pastStart + 21 * MINUTE),
  });
  await send(`/incidents/${past.id}/updates`, {
    displayName: "Resolved",
    description: "The rollback is complete and error rates are back to normal.",
    createdAt: iso(pastStart + 47 * MINUTE),
  });

  const active = await send("/incidents", {
    displayName: "Slow object storage uploads",
    description: "Uploads larger than 100 MB are slower than usual.",
    beganAt: iso(now - 20 * MINUTE),
    phase: { generation: 1, order: 1 },
    affects: [{ reference: objects, type: TYPES.performance, severity: 30 }],
  });
  await send(`/incidents/${active.id}/updates`, {
    displayName: "Investigating",
    description: "We are looking into reports of slow multipart uploads.",
    createdAt: iso(now - 15 * MINUTE),
  });

  const nextWeek = Math.floor((now + 7 * DAY) / DAY) * DAY + 2 * HOUR;
  const maintenance = await send("/incidents", {
    displayName: "Load balancer firmware upgrade",
    description: "Connections may be reset once while each node restarts.",
    beganAt: iso(nextWeek),
    endedAt: iso(nextWeek + 2 * HOUR),
    phase: { generation: 1, order: 0 },
    affects: [{ reference: lb, type: TYPES.maintenance, severity: 0 }],
  });
  await send(`/incidents/${maintenance.id}/updates`, {
    displayName: "Scheduled",
    description: "The upgrade is scheduled; no action is needed on your side.",
  });

  if (demoBase) {
    // Three monitors against the runner's own demo endpoints: healthy, flapping and slow.
    const monitor = (/** @type {Record<string, unknown>} */ body) =>
      send("/monitors", { kind: "http", timeoutMs: 5000, ...body });
    await monitor({ displayName: "API health", url: `${demoBase}/healthy`, component: api });
    await monitor({
      displayName: "Dashboard login page",
      url: `${demoBase}/flapping`,
      component: dashboard,
      failureThreshold: 2,
      severity: 66,
    });
    await monitor({
      displayName: "DNS resolver latency",
      url: `${demoBase}/slow`,
      component: dns,
      degradedAfterMs: 800,
      degradedSeverity: 20,
    });
  }
  return true;
}
