// Demo data for a new local state, written through the Worker's own API so it
// passes the same validation as any operator's data. It is added only when D1
// holds no components and no incidents yet, so starting twice on the same
// DATA_DIR adds nothing twice.

import { impactTypes } from "./impact-types.mjs";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Gives components 95 days of history, as on a page that has run a while: the
 * API sets a component's creation time to now, and its bar says "no data" for
 * the days before it. Only those made after `madeAfter` (ISO), all by default.
 * Call it before any incident touches them, so that every figure is computed
 * afresh.
 * @param {Awaited<ReturnType<import("miniflare").Miniflare["getD1Database"]>>} db
 * @param {number} now @param {string} [madeAfter]
 */
export async function backdateComponents(db, now, madeAfter = "") {
  await db
    .prepare("UPDATE components SET created_at = ?1, updated_at = ?1 WHERE created_at > ?2")
    .bind(new Date(Math.floor((now - 95 * DAY) / DAY) * DAY).toISOString(), madeAfter)
    .run();
}

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

  // The demo's components have existed for 95 days, so the 90-day bars hold history, not "no data".
  await backdateComponents(db, now);

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

  await seedHistory(send, TYPES, { api, dashboard, objects, lb, dns, network: network }, now);

  // Templates for the common incidents: two clicks in the console.
  await send("/templates", {
    name: "API unavailable",
    title: "API unavailable",
    body: "The API is not answering. We are investigating.",
    affects: [{ reference: api, type: TYPES.connectivity, severity: 100 }],
  });
  await send("/templates", {
    name: "Slow object storage",
    title: "Slow object storage",
    body: "Requests to object storage are slower than usual. We are investigating.",
    affects: [{ reference: objects, type: TYPES.performance, severity: 33 }],
  });

  if (demoBase) {
    // Three monitors against the runner's own demo endpoints: healthy, flapping and slow.
    const monitor = (/** @type {Record<string, unknown>} */ body) =>
      send("/monitors", { kind: "http", timeoutMs: 5000, ...body });
    const health = await monitor({ displayName: "API health", url: `${demoBase}/healthy`, component: api });
    const login = await monitor({
      displayName: "Dashboard login page",
      url: `${demoBase}/flapping`,
      component: dashboard,
      failureThreshold: 2,
      severity: 66,
    });
    const resolver = await monitor({
      displayName: "DNS resolver latency",
      url: `${demoBase}/slow`,
      component: dns,
      degradedAfterMs: 800,
      degradedSeverity: 20,
    });
    await seedMonitorDays(db, [health.id, login.id, resolver.id], now);
  }
  // One last write, so the snapshot is rebuilt with everything above in it.
  await send(`/incidents/${active.id}/updates`, {
    displayName: "Investigating",
    description: "Uploads of large objects are still slower than usual; smaller uploads are not affected.",
    createdAt: iso(now - 5 * MINUTE),
  });
  return true;
}

/** A deterministic sequence in [0, 1), so every fresh demo looks the same. */
function sequence(seed = 7) {
  let x = seed;
  return () => {
    x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
    return x / 2 ** 31;
  };
}

const PAST = [
  {
    name: "Dashboard sign-in errors",
    key: "dashboard",
    type: "connectivity",
    severity: 66,
    minutes: 38,
    what: "Some sign-ins failed with an error page.",
  },
  {
    name: "Slow API responses",
    key: "api",
    type: "performance",
    severity: 30,
    minutes: 95,
    what: "API latency was about three times higher than usual.",
  },
  {
    name: "DNS resolution failures",
    key: "dns",
    type: "connectivity",
    severity: 100,
    minutes: 22,
    what: "Some lookups of customer zones timed out.",
  },
  {
    name: "Object storage unavailable in eu-1",
    key: "objects",
    type: "connectivity",
    severity: 100,
    minutes: 54,
    what: "Reads and writes to object storage failed.",
  },
  {
    name: "Delayed metrics in the dashboard",
    key: "dashboard",
    type: "performance",
    severity: 20,
    minutes: 180,
    what: "Usage graphs lagged by up to an hour.",
  },
  {
    name: "Intermittent API timeouts",
    key: "api",
    type: "connectivity",
    severity: 66,
    minutes: 31,
    what: "A small share of API calls timed out.",
  },
  {
    name: "Load balancer connection resets",
    key: "lb",
    type: "connectivity",
    severity: 66,
    minutes: 17,
    what: "Long-lived connections were reset.",
  },
  {
    name: "Slow block storage volumes",
    key: "objects",
    type: "performance",
    severity: 30,
    minutes: 120,
    what: "Volume I/O latency was elevated.",
  },
];

/**
 * 90 days of believable history: past incidents with their updates, spread
 * over the bar, and two completed maintenance windows. Written through the
 * API, so it passes the same validation and builds the same rollups.
 * @param {(path: string, body: unknown, method?: string) => Promise<any>} send
 * @param {Record<string, string>} types
 * @param {Record<string, string>} ids
 * @param {number} now
 */
async function seedHistory(send, types, ids, now) {
  const iso = (/** @type {number} */ ms) => new Date(ms).toISOString();
  const rnd = sequence();
  for (const [i, p] of PAST.entries()) {
    const day = 8 + Math.floor((i * 80) / PAST.length + rnd() * 6);
    const start = Math.floor((now - day * DAY) / MINUTE) * MINUTE + Math.floor(rnd() * 20) * HOUR;
    const incident = await send("/incidents", {
      displayName: p.name,
      description: p.what,
      beganAt: iso(start),
      endedAt: iso(start + p.minutes * MINUTE),
      phase: { generation: 1, order: 4 },
      affects: [{ reference: ids[p.key], type: types[p.type], severity: p.severity }],
    });
    const steps = [
      ["Investigating", "We are investigating reports of this problem.", 4],
      ["Identified", "We found the cause and are working on a fix.", Math.floor(p.minutes / 2)],
      ["Resolved", "The fix is in place and everything works normally again.", p.minutes],
    ];
    for (const [title, text, after] of steps) {
      await send(`/incidents/${incident.id}/updates`, {
        displayName: title,
        description: text,
        createdAt: iso(start + Number(after) * MINUTE),
      });
    }
  }
  for (const [daysAgo, name, key] of [
    [30, "Network core router upgrade", "network"],
    [61, "DNS server software update", "dns"],
  ]) {
    const start = Math.floor((now - Number(daysAgo) * DAY) / DAY) * DAY + 3 * HOUR;
    const done = await send("/incidents", {
      displayName: name,
      description: "Planned work; short interruptions were possible.",
      beganAt: iso(start),
      endedAt: iso(start + 90 * MINUTE),
      phase: { generation: 1, order: 4 },
      affects: [{ reference: ids[String(key)], type: types.maintenance, severity: 0 }],
    });
    await send(`/incidents/${done.id}/updates`, {
      displayName: "Completed",
      description: "The work finished as planned.",
      createdAt: iso(start + 90 * MINUTE),
    });
  }
}

/**
 * Daily probe rollups for the demo monitors over the last 89 days, as the
 * cron would have written them: checks every minute, now and then a slow or
 * failing stretch.
 * @param {Awaited<ReturnType<import("miniflare").Miniflare["getD1Database"]>>} db
 * @param {string[]} monitorIds
 * @param {number} now
 */
async function seedMonitorDays(db, monitorIds, now) {
  const rnd = sequence(11);
  const today = Math.floor(now / DAY) * DAY;
  const statements = [];
  for (const id of monitorIds) {
    for (let d = 1; d <= 89; d++) {
      const day = new Date(today - d * DAY).toISOString().slice(0, 10);
      const down = rnd() < 0.06 ? Math.floor(rnd() * 12) + 2 : 0;
      const slow = rnd() < 0.1 ? Math.floor(rnd() * 30) : 0;
      const latency = 80 + Math.floor(rnd() * 60);
      statements.push(
        db
          .prepare(
            `INSERT OR IGNORE INTO monitor_days (monitor_id, day, checks, failures, slow, covered_minutes, down_minutes,
               slow_minutes, latency_avg_ms, latency_p95_ms) VALUES (?1, ?2, 1440, ?3, ?4, 1440, ?3, ?4, ?5, ?6)`,
          )
          .bind(id, day, down, slow, latency, latency * 2),
      );
    }
  }
  await db.batch(statements);
}
