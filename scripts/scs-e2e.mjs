#!/usr/bin/env node
// Walks the SCS Status Page API end to end against a running Beacon, the way
// an SCS client would: create, read, update and delete every resource,
// incidents with impacts, maintenance, and reopening.
//
//   BASE_URL=http://127.0.0.1:8787 TOKEN=<admin token> node scripts/scs-e2e.mjs
//
// It cleans up after itself (soft-deleted rows stay, as designed) and exits
// non-zero at the first step that does not answer as the spec says.

const base = (process.env.BASE_URL ?? "http://127.0.0.1:8787").replace(/\/+$/, "");
const token = process.env.TOKEN ?? process.env.ADMIN_TOKEN ?? "";

/** @param {string} method @param {string} path @param {unknown} [body] */
async function call(method, path, body) {
  const res = await fetch(`${base}/api${path}`, {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

let steps = 0;
/** @param {string} label @param {boolean} ok @param {unknown} [detail] */
function check(label, ok, detail) {
  steps += 1;
  if (!ok) {
    console.error(`✗ ${label}${detail === undefined ? "" : `\n  ${JSON.stringify(detail)}`}`);
    process.exit(1);
  }
  console.log(`✓ ${label}`);
}

/** @param {string} method @param {string} path @param {number} status @param {unknown} [body] */
async function expectStatus(method, path, status, body) {
  const res = await call(method, path, body);
  check(`${method} ${path} → ${status}`, res.status === status, res);
  return res.body;
}

const now = Date.now();
const iso = (/** @type {number} */ ms) => new Date(ms).toISOString();

// Phases
const phases = await expectStatus("GET", "/phases", 200);
check(
  "phase list has a generation and phases",
  Number.isInteger(phases.data.generation) && phases.data.phases.length > 0,
);
const gen = (
  await expectStatus("POST", "/phases", 201, {
    phases: ["Investigating", "Identified", "Monitoring", "Resolved"],
  })
).generation;
check("new generation is the latest", (await call("GET", "/phases")).body.data.generation === gen);

// Severities
await expectStatus("POST", "/severities", 204, { displayName: "e2e-minor", value: 10 });
check("severity reads back", (await call("GET", "/severities/e2e-minor")).body.data.value === 10);
await expectStatus("PATCH", "/severities/e2e-minor", 204, { value: 12 });
check("severity was updated", (await call("GET", "/severities/e2e-minor")).body.data.value === 12);
await expectStatus("DELETE", "/severities/e2e-minor", 204);
await expectStatus("GET", "/severities/e2e-minor", 404);

// Impact types
const typeId = (
  await expectStatus("POST", "/impacttypes", 201, {
    displayName: "E2E type",
    description: "made by the e2e walk",
  })
).id;
await expectStatus("PATCH", `/impacttypes/${typeId}`, 204, { displayName: "E2E type, renamed" });
check(
  "impact type reads back",
  (await call("GET", `/impacttypes/${typeId}`)).body.data.displayName === "E2E type, renamed",
);
check(
  "impact type is listed",
  (await call("GET", "/impacttypes")).body.data.some((/** @type {any} */ t) => t.id === typeId),
);

// Components
const compId = (
  await expectStatus("POST", "/components", 201, { displayName: "E2E component", labels: { suite: "e2e" } })
).id;
await expectStatus("PATCH", `/components/${compId}`, 204, { labels: { suite: "e2e", patched: "yes" } });
check(
  "component reads back",
  (await call("GET", `/components/${compId}`)).body.data.labels.patched === "yes",
);

// Incident with impacts, updates, resolve, reopen
const incId = (
  await expectStatus("POST", "/incidents", 201, {
    displayName: "E2E outage",
    description: "Walking the API.",
    beganAt: iso(now - 10 * 60_000),
    phase: { generation: gen, order: 0 },
    affects: [{ reference: compId, type: typeId, severity: 80 }],
  })
).id;
const affected = (await call("GET", `/components/${compId}`)).body.data.activelyAffectedBy;
check(
  "component is actively affected by the incident",
  affected.some((/** @type {any} */ i) => i.reference === incId && i.severity === 80),
  affected,
);
check(
  "update order 0",
  (await expectStatus("POST", `/incidents/${incId}/updates`, 201, { displayName: "Investigating" })).order ===
    0,
);
check(
  "update order 1",
  (
    await expectStatus("POST", `/incidents/${incId}/updates`, 201, {
      displayName: "Identified",
      description: "Found it.",
    })
  ).order === 1,
);
await expectStatus("PATCH", `/incidents/${incId}/updates/1`, 204, { description: "Found it: a bad deploy." });
check(
  "update reads back",
  (await call("GET", `/incidents/${incId}/updates/1`)).body.data.description === "Found it: a bad deploy.",
);
check(
  "updates listed in order",
  (await call("GET", `/incidents/${incId}/updates`)).body.data
    .map((/** @type {any} */ u) => u.order)
    .join() === "0,1",
);
await expectStatus("DELETE", `/incidents/${incId}/updates/0`, 204);
await expectStatus("PATCH", `/incidents/${incId}`, 204, {
  endedAt: iso(now),
  phase: { generation: gen, order: 3 },
});
check("incident resolved", (await call("GET", `/incidents/${incId}`)).body.data.endedAt !== null);
check(
  "resolved incident no longer affects the component",
  (await call("GET", `/components/${compId}`)).body.data.activelyAffectedBy.length === 0,
);
await expectStatus("PATCH", `/incidents/${incId}`, 204, { endedAt: null });
check("incident reopened", (await call("GET", `/incidents/${incId}`)).body.data.endedAt === null);
check(
  "incident listed",
  (await call("GET", "/incidents")).body.data.some((/** @type {any} */ i) => i.id === incId),
);

// Maintenance
const maintenance = {
  displayName: "E2E maintenance",
  beganAt: iso(now + 86_400_000),
  affects: [{ reference: compId, type: typeId, severity: 0 }],
};
// Open-ended ("until further notice") is allowed, as the spec allows endedAt: null; an end before the start is not.
const openEnded = (await expectStatus("POST", "/incidents", 201, maintenance)).id;
await expectStatus("DELETE", `/incidents/${openEnded}`, 204);
await expectStatus("POST", "/incidents", 400, { ...maintenance, endedAt: iso(now) });
const mId = (
  await expectStatus("POST", "/incidents", 201, { ...maintenance, endedAt: iso(now + 90_000_000) })
).id;
const during = encodeURIComponent(iso(now + 87_000_000));
check(
  "maintenance affects the component during its window",
  (await call("GET", `/components/${compId}?at=${during}`)).body.data.activelyAffectedBy.some(
    (/** @type {any} */ i) => i.reference === mId && i.severity === 0,
  ),
);
await expectStatus("PATCH", `/incidents/${mId}`, 400, { endedAt: iso(now) });

// Clean up
await expectStatus("DELETE", `/incidents/${mId}`, 204);
await expectStatus("DELETE", `/incidents/${incId}`, 204);
await expectStatus("GET", `/incidents/${incId}`, 404);
await expectStatus("DELETE", `/components/${compId}`, 204);
await expectStatus("DELETE", `/impacttypes/${typeId}`, 204);

console.log(`SCS end-to-end walk passed: ${steps} checks against ${base}`);
